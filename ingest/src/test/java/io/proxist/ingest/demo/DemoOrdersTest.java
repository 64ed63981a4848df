package io.proxist.ingest.demo;

import static io.proxist.ingest.demo.Feeds.d;
import static io.proxist.ingest.demo.Feeds.l;
import static io.proxist.ingest.demo.Feeds.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.ingest.recorder.RecorderTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our orders, fills and positions against an oracle replaying them: every fill belongs to an order sent (and acked)
 * before it, orders' filled quantities are the sums of their fills, and positions are the signed sums of the fills.
 */
class DemoOrdersTest {
    // Enum8 codes of schemas/ddl
    private static final long NEW = 1;
    private static final long CANCEL = 3;
    private static final long REJECT = 4;
    private static final long ACK = 5;
    private static final long EXPIRE = 6;
    private static final long BUY = 1;
    private static final long MAKER = 1;
    private static final long TAKER = 2;

    private static final int TICKS = 1_600; // 80 s: some resting orders also reach their one-minute expiry

    @Test
    void fillsBelongToOrdersSentBeforeThemAndFilledQuantitiesAddUp() {
        long seed = Feeds.seed();
        String m = " (seed " + seed + ")";
        DemoOptions o =
                DemoOptions.defaults().withSeed(seed).withEventsPerSecond(200).withOrdersPerSecond(10);
        Feeds.Capture c = Feeds.run(o, TICKS);
        List<Map<String, Object>> orders = c.rows(RecorderTable.ORDERS);
        List<Map<String, Object>> fills = c.rows(RecorderTable.FILLS);

        // every order's history, orders and fills merged in time (per order, both are in time order)
        Map<String, List<Map<String, Object>>> history = new HashMap<>();
        for (Map<String, Object> r : orders)
            history.computeIfAbsent(s(r, "order_id"), k -> new ArrayList<>()).add(r);
        for (Map<String, Object> f : fills) {
            List<Map<String, Object>> h = history.get(s(f, "order_id"));
            assertNotNull(h, "a fill of an order never sent: " + f + m);
            h.add(f);
        }
        int makers = 0;
        int takers = 0;
        for (List<Map<String, Object>> h : history.values()) {
            h.sort(java.util.Comparator.comparingLong(r -> l(r, "ts")));
            Map<String, Object> first = h.getFirst();
            assertEquals(NEW, l(first, "event"), "an order's first event is NEW: " + h + m);
            assertEquals(0.0, d(first, "filled_qty"), m);
            boolean acked = false;
            boolean done = false;
            double filled = 0;
            double quantity = d(first, "quantity");
            long lastTs = 0;
            for (Map<String, Object> r : h) {
                assertTrue(l(r, "ts") > lastTs, "an order's events share a timestamp: " + h + m);
                lastTs = l(r, "ts");
                assertTrue(!done, "an event after the order ended: " + r + m);
                for (String k : List.of("symbol", "account", "strategy", "side", "venue")) {
                    assertEquals(first.get(k), r.get(k), k + " of " + r + m);
                }
                if (r.containsKey("fill_id")) {
                    assertTrue(acked, "a fill before the order's ack: " + r + m);
                    assertTrue(
                            (int) r.get("#tick") >= (int) first.get("#tick"),
                            "a fill handed over before its order: " + r + m);
                    filled += d(r, "quantity");
                    assertTrue(filled <= quantity, "overfilled: " + h + m);
                    if (l(r, "liquidity") == MAKER) makers++;
                    if (l(r, "liquidity") == TAKER) takers++;
                    continue;
                }
                long event = l(r, "event");
                quantity = d(r, "quantity");
                assertEquals(filled, d(r, "filled_qty"), "filled_qty is the sum of the fills before: " + r + m);
                if (event == ACK) acked = true;
                done = event == CANCEL || event == REJECT || event == EXPIRE;
                assertEquals(done ? 0 : quantity - filled, d(r, "leaves_qty"), "leaves_qty of " + r + m);
                assertEquals(event == REJECT, !s(r, "reject_reason").isEmpty(), "reject reason of " + r + m);
                if (event == REJECT) assertTrue(!acked, "rejected after the ack: " + r + m);
            }
        }
        assertTrue(makers > 10 && takers > 10, "maker fills " + makers + ", taker fills " + takers + m);
        Set<String> fillIds = new HashSet<>();
        for (Map<String, Object> f : fills) assertTrue(fillIds.add(s(f, "fill_id")), "fill id twice: " + f + m);
        assertEquals(
                o.ordersPerSecond() * TICKS * o.tickNanos() / 1_000_000_000L,
                orders.stream().filter(r -> l(r, "event") == NEW).count(),
                "new orders" + m);
    }

    @Test
    void positionsAreTheSignedSumsOfTheFills() {
        long seed = Feeds.seed();
        String m = " (seed " + seed + ")";
        DemoOptions o =
                DemoOptions.defaults().withSeed(seed).withEventsPerSecond(200).withOrdersPerSecond(20);
        Feeds.Capture c = Feeds.run(o, 400);
        Map<String, Double> position = new HashMap<>();
        Map<String, List<Map<String, Object>>> snapshots = new HashMap<>();
        for (Map<String, Object> p : c.rows(RecorderTable.POSITIONS_INTRADAY)) {
            snapshots
                    .computeIfAbsent(s(p, "account") + "/" + s(p, "symbol") + "@" + l(p, "ts"), k -> new ArrayList<>())
                    .add(p);
        }
        List<Map<String, Object>> fills = c.rows(RecorderTable.FILLS);
        fills.sort(java.util.Comparator.comparingLong(r -> l(r, "ts")));
        for (Map<String, Object> f : fills) {
            String key = s(f, "account") + "/" + s(f, "symbol");
            double signed = l(f, "side") == BUY ? d(f, "quantity") : -d(f, "quantity");
            double q = position.merge(key, signed, Double::sum);
            List<Map<String, Object>> at = snapshots.get(key + "@" + l(f, "ts"));
            assertNotNull(at, "no position snapshot at the fill " + f + m);
            assertEquals(1, at.size(), m);
            Map<String, Object> p = at.getFirst();
            assertEquals(q, d(p, "quantity"), "position after " + f + m);
            assertTrue(d(p, "avg_price") >= 0 && d(p, "mark_price") > 0, p + m);
            if (q == 0) assertEquals(0.0, d(p, "unrealized_pnl"), p + m);
        }
        assertTrue(fills.size() > 50, "fills: " + fills.size() + m);
        // the last snapshot of each position (fill or mark) holds the final sum
        Map<String, Map<String, Object>> last = new HashMap<>();
        for (Map<String, Object> p : c.rows(RecorderTable.POSITIONS_INTRADAY))
            last.put(s(p, "account") + "/" + s(p, "symbol"), p);
        assertEquals(position.keySet(), last.keySet(), m);
        for (Map.Entry<String, Double> e : position.entrySet()) {
            assertEquals(e.getValue(), d(last.get(e.getKey()), "quantity"), e.getKey() + m);
        }
    }

    @Test
    void positionsOffWritesNoPositions() {
        DemoOptions o = DemoOptions.defaults().withOrdersPerSecond(50).withPositions(false);
        Feeds.Capture c = Feeds.run(o, 100);
        assertTrue(!c.rows(RecorderTable.FILLS).isEmpty());
        assertEquals(List.of(), c.rows(RecorderTable.POSITIONS_INTRADAY));
    }
}
