package io.proxist.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.pushdown.flush.FlushBatch;
import io.proxist.pushdown.flush.FlushConfig;
import io.proxist.pushdown.flush.FlushListener;
import io.proxist.pushdown.flush.FlushTable;
import io.proxist.pushdown.flush.Flusher;
import io.proxist.pushdown.flush.HealthTracker;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL → hot store → flusher → the real ClickHouse, and a restart in the middle: every acknowledged row ends up in
 * ClickHouse exactly once (checked with count() and a count by key, never FINAL), whatever the flusher had or had not
 * sent when it was stopped, because recovered records are checked by key before they are sent again.
 */
@WithClickHouse
class IngestToClickHouseTest {
    /** One Proxist "process": a WAL, a hot store, a service, a flusher into the test's ClickHouse. */
    static final class Node implements AutoCloseable {
        final Wal wal;
        final IngestService service;
        final Flusher flusher;

        Node(Path dir, TestClickHouse ch) {
            wal = Wal.open(dir, WalOptions.defaults());
            AtomicReference<IngestService> self = new AtomicReference<>();
            flusher = new Flusher(
                    new FlushTable(ch.database(), "trades", List.of("symbol", "ts", "seq")),
                    ch.endpoint(),
                    new HealthTracker("test", 3, Duration.ofSeconds(5).toNanos()),
                    new FlushListener() {
                        @Override
                        public void onConfirmed(String table, long toLsn, Block block) {
                            self.get().confirmed("trades", toLsn);
                        }

                        @Override
                        public void onRejected(String table, FlushBatch batch, ProxistException error) {
                            throw new AssertionError("rejected: " + error.getMessage(), error);
                        }
                    },
                    FlushConfig.defaults().withBatchRows(50, 1_000));
            service = IngestService.withDurability(
                    wal,
                    new HotStore(new InMemorySymbolDictionary()),
                    List.of(IngestTableTest.TRADES),
                    Map.of("trades", Durability.ASYNC),
                    (table, lsn, rows, recovered) ->
                            flusher.submit(new FlushBatch(physical(rows), lsn, lsn, recovered)));
            self.set(service);
            flusher.start();
        }

        @Override
        public void close() {
            flusher.close();
            wal.close();
        }
    }

    /** The backend's columns: DateTime64 is Int64 nanoseconds on 18.16 (schemas/README.md). */
    static Block physical(Block rows) {
        List<Column> cols = new ArrayList<>();
        for (Column c : rows.columns()) {
            cols.add(c.type().is("DateTime64") ? Columns.withType(c, DataType.parse("Int64")) : c);
        }
        return new Block(rows.names(), cols, rows.rows());
    }

    @Test
    void acknowledgedRowsLandExactlyOnceAcrossARestart(TestClickHouse ch, @TempDir Path dir) {
        ch.query("CREATE TABLE trades (symbol String, ts Int64, seq UInt64, price Float64)"
                + " ENGINE = MergeTree ORDER BY (symbol, ts, seq)");
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        Random rnd = new Random(seed);
        TreeSet<IngestTableTest.Key> acked = new TreeSet<>();
        String[] symbols = {"AAPL", "MSFT", "ES", "NQ"};
        long[] clock = {1_700_000_000_000_000_000L};
        try (Node node = new Node(dir, ch)) {
            for (int b = 0; b < 30; b++) insertBatch(node, rnd, symbols, clock, acked);
            node.service.awaitPersisted("trades", Duration.ofSeconds(60));
            assertEquals(acked.size(), count(ch), "persisted before the restart (seed " + seed + ")");
            // more batches, then the "process" stops with some of them in flight or not sent at all
            for (int b = 0; b < 30; b++) insertBatch(node, rnd, symbols, clock, acked);
        }
        try (Node node = new Node(dir, ch)) {
            node.service.recover(node.wal.firstPosition());
            for (int b = 0; b < 10; b++) insertBatch(node, rnd, symbols, clock, acked);
            node.service.awaitPersisted("trades", Duration.ofSeconds(60));
        }
        assertEquals(acked.size(), count(ch), "every acknowledged row, once (seed " + seed + ")");
        assertEquals(
                "0",
                ch.query("SELECT count() FROM (SELECT symbol, ts, seq FROM trades GROUP BY symbol, ts, seq"
                                + " HAVING count() > 1)")
                        .strip(),
                "no key twice (seed " + seed + ")");
    }

    static long count(TestClickHouse ch) {
        return Long.parseLong(ch.query("SELECT count() FROM trades").strip());
    }

    static void insertBatch(Node node, Random rnd, String[] symbols, long[] clock, TreeSet<IngestTableTest.Key> acked) {
        List<IngestTableTest.Key> rows = new ArrayList<>();
        int n = 1 + rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            clock[0] += rnd.nextInt(1_000_000);
            long ts = rnd.nextInt(10) == 0 ? clock[0] - rnd.nextInt(50_000_000) : clock[0];
            rows.add(new IngestTableTest.Key(symbols[rnd.nextInt(symbols.length)], ts, rnd.nextInt(2)));
        }
        if (rnd.nextInt(4) == 0 && !acked.isEmpty()) rows.add(acked.last()); // a client retry
        node.service.insert("trades", IngestTableTest.block(rows));
        acked.addAll(rows);
    }
}
