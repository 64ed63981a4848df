package io.proxist.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.metadata.MetadataStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frontier cache against an oracle: after each update, for every symbol, the stored row is the last acknowledged
 * row (by ts, seq) with ts at or below the watermark, over seeded random streams with out-of-order rows, across
 * eviction and a reopen of the metadata store; an update at an unchanged watermark writes nothing.
 */
class FrontierTrackerTest {
    @Test
    void entriesAreTheLastRowAtOrBelowTheWatermark(@TempDir Path dir) {
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        String why = " (seed " + seed + ", -Dproxist.test.seed=" + seed + ")";
        Random rnd = new Random(seed);
        String[] symbols = {"ES", "NQ", "AAPL", "MSFT", "CL"};
        TreeSet<IngestTableTest.Key> all = new TreeSet<>();
        long watermark = Long.MIN_VALUE;
        try (MetadataStore meta = MetadataStore.open(dir.resolve("meta"))) {
            HotStore store = new HotStore(meta.symbols());
            HotTable hot = store.create(IngestTableTest.TRADES, HotTableOptions.DEFAULT.withChunkRows(1, 3));
            FrontierTracker tracker = new FrontierTracker(meta.frontier());
            long clock = 1_000_000;
            long lsn = 0;
            for (int step = 0; step < 200; step++) {
                List<IngestTableTest.Key> batch = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
                    clock += rnd.nextInt(1_000);
                    long ts = rnd.nextInt(5) == 0 ? clock - rnd.nextInt(20_000) : clock;
                    batch.add(new IngestTableTest.Key(symbols[rnd.nextInt(symbols.length)], ts, rnd.nextInt(3)));
                }
                hot.append(IngestTableTest.block(batch), ++lsn);
                all.addAll(batch);
                if (rnd.nextInt(3) == 0) {
                    watermark = Math.max(watermark, clock - rnd.nextInt(5_000)); // T_persisted never goes back
                    tracker.update("trades", hot, watermark);
                    check(meta, all, watermark, why + " step " + step);
                    long puts = tracker.puts();
                    assertEquals(0, tracker.update("trades", hot, watermark), "unchanged watermark" + why);
                    assertEquals(puts, tracker.puts());
                }
                if (step == 120) hot.evict(watermark - 2_000); // persisted rows leave memory
            }
            // rows that arrived late, at or below the unchanged watermark, after the last update still count
            tracker.update("trades", hot, watermark);
            check(meta, all, watermark, why + " at the end");
            assertEquals(0, tracker.update("trades", hot, watermark), "nothing changed" + why);
        }
        try (MetadataStore meta = MetadataStore.open(dir.resolve("meta"))) {
            check(meta, all, watermark, why + " after a reopen");
        }
    }

    private static void check(MetadataStore meta, TreeSet<IngestTableTest.Key> all, long watermark, String why) {
        Map<String, IngestTableTest.Key> oracle = new HashMap<>();
        for (IngestTableTest.Key k : all) {
            if (k.ts() > watermark) continue;
            IngestTableTest.Key cur = oracle.get(k.symbol());
            if (cur == null || k.ts() > cur.ts() || (k.ts() == cur.ts() && k.seq() > cur.seq())) {
                oracle.put(k.symbol(), k);
            }
        }
        Map<String, IngestTableTest.Key> cached = new HashMap<>();
        meta.frontier().forEach("trades", (id, entry) -> {
            Block row = FrontierTracker.rowOf(entry);
            assertEquals(1, row.rows());
            String symbol = ((BytesColumn) row.column(row.names().indexOf("symbol"))).getString(0);
            assertEquals(meta.symbols().value(id), symbol, "keyed by the symbol's dictionary id");
            long ts = ((LongColumn) row.column(row.names().indexOf("ts"))).values()[0];
            long seq = ((LongColumn) row.column(row.names().indexOf("seq"))).values()[0];
            cached.put(symbol, new IngestTableTest.Key(symbol, ts, seq));
        });
        assertEquals(oracle, cached, "frontier at watermark " + watermark + why);
        for (String s : oracle.keySet()) {
            byte[] e = meta.frontier().get("trades", meta.symbols().find(s));
            assertNotNull(e);
        }
    }
}
