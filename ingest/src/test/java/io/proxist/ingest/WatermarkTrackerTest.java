package io.proxist.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The watermark against an oracle that keeps every row: after any sequence of acknowledgements (with late and
 * out-of-order timestamps) and in-order confirmations, the seam's three parts hold every acknowledged row exactly
 * once, the only unconfirmed rows at or below T are rows that were late when acknowledged, T never moves back, and
 * T reaches the largest timestamp once everything is confirmed.
 */
class WatermarkTrackerTest {
    record Row(long lsn, long ts, long watermarkAtAck) {}

    @Test
    void seededRandomHistoriesAgainstAnOracle() {
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        Random rnd = new Random(seed);
        try {
            for (int history = 0; history < 300; history++) runHistory(rnd);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " (-Dproxist.test.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    private static void runHistory(Random rnd) {
        WatermarkTracker w = new WatermarkTracker(Long.MIN_VALUE, 0);
        List<Row> rows = new ArrayList<>();
        List<Long> batchLsns = new ArrayList<>();
        long lsn = 0;
        long clock = 1_000;
        long confirmed = 0;
        long lastT = Long.MIN_VALUE;
        int steps = 1 + rnd.nextInt(200);
        for (int step = 0; step < steps; step++) {
            if (rnd.nextInt(3) > 0) {
                lsn += 1 + rnd.nextInt(100);
                int n = 1 + rnd.nextInt(5);
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                long t = w.version().watermark();
                clock += rnd.nextInt(50);
                for (int i = 0; i < n; i++) {
                    // mostly recent, sometimes far in the past (late), sometimes equal timestamps
                    long ts = rnd.nextInt(6) == 0 ? clock - rnd.nextInt(2_000) : clock + rnd.nextInt(20);
                    rows.add(new Row(lsn, ts, t));
                    min = Math.min(min, ts);
                    max = Math.max(max, ts);
                }
                boolean late = w.acknowledged(lsn, min, max);
                assertEquals(min <= t, late, "late flag");
                batchLsns.add(lsn);
            } else if (!batchLsns.isEmpty()) {
                // the flusher confirms a prefix of the unconfirmed batches
                List<Long> open = new ArrayList<>();
                for (long b : batchLsns) if (b > confirmed) open.add(b);
                if (!open.isEmpty()) {
                    confirmed = open.get(rnd.nextInt(open.size()));
                    w.confirmed(confirmed);
                }
            }
            WatermarkTracker.Version v = w.version();
            assertTrue(v.watermark() >= lastT, "T moved back");
            lastT = v.watermark();
            assertEquals(confirmed, v.confirmedLsn());
            checkSeam(rows, v);
        }
        if (!batchLsns.isEmpty()) {
            w.confirmed(batchLsns.getLast());
            long maxTs = rows.stream().mapToLong(Row::ts).max().orElseThrow();
            assertTrue(w.version().watermark() >= maxTs, "T reaches the largest ts once all is confirmed");
            assertEquals(0, w.pendingBatches());
        }
    }

    /** ClickHouse holds the confirmed rows; the seam must cover each acknowledged row exactly once. */
    private static void checkSeam(List<Row> rows, WatermarkTracker.Version v) {
        long t = v.watermark();
        long p = v.confirmedLsn();
        for (Row r : rows) {
            boolean inClickHouse = r.lsn() <= p;
            int parts = 0;
            if (inClickHouse && r.ts() <= t) parts++; // cold part
            if (r.ts() > t) parts++; // hot part above the watermark
            if (r.ts() <= t && r.lsn() > p) parts++; // late rows, from memory
            assertEquals(1, parts, "row " + r + " at " + v);
            if (!inClickHouse && r.ts() <= t) {
                assertTrue(r.ts() <= r.watermarkAtAck(), "an unconfirmed row below T must have been late: " + r);
            }
        }
    }

    @Test
    void acknowledgementsOutOfWalOrderAreRefused() {
        WatermarkTracker w = new WatermarkTracker(Long.MIN_VALUE, 0);
        w.acknowledged(10, 5, 6);
        assertThrows(IllegalArgumentException.class, () -> w.acknowledged(10, 7, 8));
        assertThrows(IllegalArgumentException.class, () -> w.acknowledged(9, 7, 8));
    }

    @Test
    void theWatermarkStallsBehindTheOldestUnconfirmedBatch() {
        WatermarkTracker w = new WatermarkTracker(Long.MIN_VALUE, 0);
        w.acknowledged(1, 100, 110);
        w.acknowledged(2, 50, 200); // out of order: its oldest row is older than the first batch's
        w.acknowledged(3, 300, 310);
        assertEquals(49, w.confirmed(1).watermark(), "batch 2 still holds ts 50");
        assertEquals(299, w.confirmed(2).watermark());
        assertEquals(310, w.confirmed(3).watermark());
        assertTrue(w.acknowledged(4, 305, 400), "a row at 305 is late now");
        assertEquals(310, w.version().watermark(), "late rows do not move T back");
        assertEquals(400, w.confirmed(4).watermark());
    }
}
