package io.proxist.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.wal.Durability;
import io.proxist.wal.FaultInjectingWalFiles;
import io.proxist.wal.Wal;
import io.proxist.wal.WalOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest path of one table over a real WAL on disk and the hot store: acknowledged rows are visible, duplicates
 * (client retries) appear once, a failed WAL write leaves nothing visible, and a restart (a new store rebuilt from
 * the WAL) holds exactly the acknowledged rows.
 */
class IngestTableTest {
    static final TableSchema TRADES = new TableSchema(
            "trades",
            List.of(
                    new ColumnDef("symbol", DataType.parse("LowCardinality(String)"), "", "", ""),
                    new ColumnDef("ts", DataType.parse("DateTime64(9, 'UTC')"), "", "", ""),
                    new ColumnDef("seq", DataType.parse("UInt64"), "", "", ""),
                    new ColumnDef("price", DataType.parse("Float64"), "", "", "")),
            "ReplacingMergeTree",
            "toDate(ts)",
            "(symbol, ts, seq)",
            "",
            "",
            "");

    record Key(String symbol, long ts, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = symbol.compareTo(o.symbol);
            if (c != 0) return c;
            c = Long.compare(ts, o.ts);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    static Block block(List<Key> rows) {
        BytesColumnBuilder sym = (BytesColumnBuilder) ColumnBuilder.forType(DataType.parse("String"));
        LongColumnBuilder ts = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
        LongColumnBuilder seq = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("UInt64"));
        DoubleColumnBuilder px = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.parse("Float64"));
        for (Key k : rows) {
            sym.appendString(k.symbol());
            ts.appendLong(k.ts());
            seq.appendLong(k.seq());
            px.appendDouble(k.ts() / 1e6);
        }
        return new Block(
                List.of("symbol", "ts", "seq", "price"),
                List.of(sym.build(), ts.build(), seq.build(), px.build()),
                rows.size());
    }

    static IngestTable open(Wal wal) {
        HotStore store = new HotStore(new InMemorySymbolDictionary());
        return new IngestTable(
                7,
                store.create(TRADES, HotTableOptions.DEFAULT.withChunkRows(2, 8)),
                wal,
                Durability.SYNC,
                new WatermarkTracker(Long.MIN_VALUE, 0),
                "ts");
    }

    @Test
    void acknowledgedRowsSurviveARestartExactlyOnce(@TempDir Path dir) {
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        Random rnd = new Random(seed);
        TreeSet<Key> acknowledged = new TreeSet<>();
        String[] symbols = {"AAPL", "MSFT", "ES", "NQ", "CL"};
        try (Wal wal = Wal.open(dir, WalOptions.defaults().withSegmentSize(64 << 10))) {
            IngestTable t = open(wal);
            long clock = 1_000_000;
            for (int batch = 0; batch < 200; batch++) {
                List<Key> rows = new java.util.ArrayList<>();
                int n = 1 + rnd.nextInt(20);
                for (int i = 0; i < n; i++) {
                    clock += rnd.nextInt(1000);
                    long ts = rnd.nextInt(8) == 0 ? clock - rnd.nextInt(500_000) : clock; // late rows too
                    rows.add(new Key(symbols[rnd.nextInt(symbols.length)], ts, rnd.nextInt(3)));
                }
                if (rnd.nextInt(5) == 0 && !acknowledged.isEmpty()) {
                    rows.add(acknowledged.first()); // a client retry of a row already held
                }
                IngestTable.Inserted r = t.insert(block(rows));
                int fresh = 0;
                for (Key k : rows) if (acknowledged.add(k)) fresh++;
                assertEquals(fresh, r.newRows(), "new rows of batch " + batch + " (seed " + seed + ")");
                assertEquals(acknowledged.size(), t.hot().snapshot().rowCount(), "visible at once (seed " + seed + ")");
            }
        }
        try (Wal wal = Wal.open(dir, WalOptions.defaults().withSegmentSize(64 << 10))) {
            IngestTable t = open(wal);
            long records = t.replay(wal.firstPosition());
            assertTrue(records > 0);
            assertEquals(acknowledged.size(), t.hot().snapshot().rowCount(), "after restart (seed " + seed + ")");
            assertEquals(records, t.watermark().pendingBatches(), "every replayed record is unconfirmed again");
        }
    }

    @Test
    void aFailedWalWriteLeavesNothingVisible(@TempDir Path dir) {
        FaultInjectingWalFiles files = new FaultInjectingWalFiles();
        try (Wal wal = Wal.open(dir, WalOptions.defaults().withFiles(files))) {
            IngestTable t = open(wal);
            t.insert(block(List.of(new Key("AAPL", 10, 0), new Key("AAPL", 20, 0))));
            files.failNthWrite(1, 3);
            ProxistException e =
                    assertThrows(ProxistException.class, () -> t.insert(block(List.of(new Key("AAPL", 30, 0)))));
            assertEquals(75, e.codeNumber(), e.getMessage());
            assertEquals(2, t.hot().snapshot().rowCount(), "the failed INSERT is not visible");
            assertEquals(1, t.watermark().pendingBatches(), "nor registered with the watermark");
        }
        try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
            IngestTable t = open(wal);
            t.replay(wal.firstPosition());
            assertEquals(2, t.hot().snapshot().rowCount(), "the torn record is gone after recovery");
        }
    }
}
