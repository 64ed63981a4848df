package io.proxist.ingest.demo;

import static io.proxist.ingest.demo.Feeds.l;
import static io.proxist.ingest.demo.Feeds.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.ingest.recorder.RecorderTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per table and symbol, timestamps increase strictly in the order the rows are handed over, except the late rows:
 * exactly as many as the feed counted, at most the configured lateness before the symbol's latest, and about the
 * configured fraction of quotes and trades. Sequence numbers count the table's rows.
 */
class DemoTimeOrderTest {
    private static final long MAX_LATENESS = 30_000_000L;

    @Test
    void perSymbolTimeIsStrictlyIncreasingExceptTheLateRows() {
        long seed = Feeds.seed();
        String m = " (seed " + seed + ")";
        double fraction = 0.05;
        DemoOptions o =
                DemoOptions.defaults().withSeed(seed).withOrdersPerSecond(40).withLateness(fraction, MAX_LATENESS);
        Feeds.Capture c = new Feeds.Capture();
        DemoFeed feed = Feeds.feed(o, c);
        int ticks = 200;
        for (int i = 0; i < ticks; i++) {
            c.tick = i;
            feed.tick(Feeds.T0 + i * o.tickNanos());
        }
        long lastTick = Feeds.T0 + (ticks - 1) * o.tickNanos();
        for (RecorderTable t : DemoFeed.TABLES) {
            List<Map<String, Object>> rows = c.rows(t);
            Set<Integer> lateIndexes = lateRows(rows, t, m);
            long late = lateIndexes.size();
            boolean market = t == RecorderTable.MARKET_DATA || t == RecorderTable.TRADES;
            assertEquals(market ? feed.counters().late(t) : 0, late, "late rows of " + t + m);
            if (market) {
                double n = rows.size();
                double sigma = Math.sqrt(n * fraction * (1 - fraction));
                assertTrue(Math.abs(late - n * fraction) <= 6 * sigma + 1, t + ": " + late + " late of " + n + m);
            }
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> r = rows.get(i);
                assertEquals(i + 1, l(r, "seq"), "seq counts the rows of " + t + m);
                long ts = l(r, "ts");
                long tickTime = Feeds.T0 + (int) r.get("#tick") * o.tickNanos();
                // on time: within its tick's stretch (own-order acks and fills trail by well under a millisecond)
                assertTrue(ts <= Math.min(tickTime, lastTick) + 2_000_000L, t + " after its tick: " + r + m);
                if (!lateIndexes.contains(i))
                    assertTrue(ts > tickTime - o.tickNanos(), t + " before its tick: " + r + m);
            }
        }
    }

    @Test
    void withoutALateFractionEveryTableIsInOrder() {
        long seed = Feeds.seed();
        DemoOptions o =
                DemoOptions.defaults().withSeed(seed).withOrdersPerSecond(40).withLateness(0, 1);
        Feeds.Capture c = new Feeds.Capture();
        DemoFeed feed = Feeds.feed(o, c);
        for (int i = 0; i < 100; i++) feed.tick(Feeds.T0 + i * o.tickNanos());
        for (RecorderTable t : DemoFeed.TABLES) {
            assertEquals(Set.of(), lateRows(c.rows(t), t, " (seed " + seed + ")"), t + " (seed " + seed + ")");
            assertEquals(0, feed.counters().late(t), t + " (seed " + seed + ")");
        }
    }

    /** Indexes of the rows before their key's latest timestamp so far (key: symbol; positions: account and symbol). */
    private static Set<Integer> lateRows(List<Map<String, Object>> rows, RecorderTable t, String m) {
        Map<String, Long> latest = new HashMap<>();
        Set<Integer> late = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> r = rows.get(i);
            String key =
                    t == RecorderTable.POSITIONS_INTRADAY ? s(r, "account") + "/" + s(r, "symbol") : s(r, "symbol");
            long ts = l(r, "ts");
            Long max = latest.get(key);
            if (max != null && ts <= max) {
                assertTrue(ts < max, "a late row on its symbol's latest timestamp: " + r + m);
                assertTrue(max - ts <= MAX_LATENESS, "later than configured: " + (max - ts) + " ns, " + r + m);
                late.add(i);
            } else {
                latest.put(key, ts);
            }
        }
        return late;
    }
}
