package io.proxist.hot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * One writer appending batches (with late rows that rewrite sealed chunks, retries and evictions) while readers
 * scan: every snapshot holds each batch whole or not at all, batches form a prefix, and a snapshot taken after
 * append() returned holds that batch (read-after-write). Batch {@code b}'s rows carry seq in
 * {@code [b * 1000, b * 1000 + 999]}. Replay with {@code -Dproxist.test.seed=N}.
 */
class HotTableConcurrencyTest {
    private static final int BATCHES = 1500;
    private static final long W = 1000; // ts width of a batch
    private static final int READERS = 3;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "IBM", "GOOG", "TSLA", "NVDA", "AMZN", "META"};

    private final TableSchema schema = TestTables.schema(
            "ticks",
            "(symbol, ts, seq)",
            TestTables.col("symbol", "LowCardinality(String)"),
            TestTables.col("ts", "DateTime64(9, 'UTC')"),
            TestTables.col("seq", "UInt64"),
            TestTables.col("px", "Float64"),
            TestTables.col("note", "String"));

    @Test
    void readersSeeWholeBatchesAndTheirOwnWrites() throws Exception {
        long seed = HotTableRandomTest.seed();
        try {
            run(seed);
        } catch (Throwable t) {
            throw new AssertionError(
                    "failed with seed " + seed + " (replay with -Dproxist.test.seed=" + seed + "): " + t, t);
        }
    }

    private void run(long seed) throws Exception {
        HotTable table = new HotStore(new InMemorySymbolDictionary())
                .create(schema, HotTableOptions.DEFAULT.withChunkRows(2, 64));
        AtomicIntegerArray sizes = new AtomicIntegerArray(BATCHES);
        AtomicInteger committed = new AtomicInteger(-1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(pool.submit(() -> {
                    Reader r = new Reader(table, sizes, committed);
                    do {
                        r.check();
                        reads.incrementAndGet();
                    } while (!done.get());
                    r.check();
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    write(new Random(seed), table, sizes, committed);
                } finally {
                    done.set(true);
                }
                return null;
            });
            writer.get(4, TimeUnit.MINUTES);
            for (Future<?> f : readers) f.get(4, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(reads.get() >= READERS, "readers ran");
        new Reader(table, sizes, committed).check();
    }

    private void write(Random rnd, HotTable table, AtomicIntegerArray sizes, AtomicInteger committed) {
        List<Block> sent = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            int n = 1 + rnd.nextInt(40);
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // mostly this batch's time window; a fifth up to 5 windows late, landing in sealed chunks
                long ts = rnd.nextInt(5) == 0 && b >= 5 ? (b - 5) * W + rnd.nextLong(5 * W) : b * W + rnd.nextLong(W);
                rows.add(List.of(
                        SYMBOLS[rnd.nextInt(SYMBOLS.length)],
                        ts,
                        b * 1000L + i,
                        rnd.nextDouble(),
                        "batch " + b + " row " + i));
            }
            Block block = TestTables.block(schema, rows);
            sent.add(block);
            sizes.set(b, n);
            assertEquals(n, table.append(block, b), "rows added by batch " + b);
            committed.set(b);
            if (rnd.nextInt(10) == 0) {
                int retry = rnd.nextInt(b + 1);
                if (retry * W >= evictedBelow(table) + 5 * W) {
                    assertEquals(0, table.append(sent.get(retry), b), "a retried batch adds nothing");
                }
            }
            if (b % 50 == 49) table.evict((b - 60) * W, b);
        }
    }

    private static long evictedBelow(HotTable table) {
        long e = table.snapshot().evictedBelow();
        return e == Long.MIN_VALUE ? -10 * W : e;
    }

    /** Checks one snapshot against the batches the writer has reported. */
    private static final class Reader {
        private final HotTable table;
        private final AtomicIntegerArray sizes;
        private final AtomicInteger committed;
        private final KeyOrderCursor keyCursor = new KeyOrderCursor();
        private final MergedCursor merged = new MergedCursor();
        private final int[] counts = new int[BATCHES];

        Reader(HotTable table, AtomicIntegerArray sizes, AtomicInteger committed) {
            this.table = table;
            this.sizes = sizes;
            this.committed = committed;
        }

        void check() {
            int acked = committed.get(); // read before the snapshot: the snapshot must hold this batch
            TableSnapshot snap = table.snapshot();
            java.util.Arrays.fill(counts, 0);
            long rows = 0;
            for (keyCursor.ofAll(snap); keyCursor.next(); ) {
                long[] seq = keyCursor.chunk().seqs();
                for (int i = keyCursor.lo(); i < keyCursor.hi(); i++) counts[(int) (seq[i] / 1000)]++;
                rows += keyCursor.hi() - keyCursor.lo();
            }
            assertEquals(snap.rowCount(), rows, "row count of the snapshot");
            long e = snap.evictedBelow() == Long.MIN_VALUE ? Long.MIN_VALUE : snap.evictedBelow() / W;
            int newest = -1;
            for (int b = 0; b < BATCHES; b++) if (counts[b] > 0) newest = b;
            assertTrue(newest >= acked, "read-after-write: batch " + acked + " acknowledged, newest seen " + newest);
            for (int b = 0; b <= newest; b++) {
                if (b < e) {
                    assertEquals(0, counts[b], "batch " + b + " is below the eviction bound " + e);
                } else if (e == Long.MIN_VALUE || b >= e + 5) {
                    assertEquals(sizes.get(b), counts[b], "batch " + b + " whole (newest " + newest + ")");
                }
            }
            long lastTs = Long.MIN_VALUE;
            long mergedRows = 0;
            for (merged.of(snap, Long.MIN_VALUE, Long.MAX_VALUE); merged.next(); ) {
                long[] ts = merged.chunk().timestamps();
                for (int i = merged.lo(); i < merged.hi(); i++) {
                    assertTrue(ts[i] >= lastTs, "merged scan out of time order");
                    lastTs = ts[i];
                }
                mergedRows += merged.hi() - merged.lo();
            }
            assertEquals(rows, mergedRows, "merged scan row count");
        }
    }
}
