package io.proxist.ingest.demo;

import static io.proxist.ingest.demo.Feeds.d;
import static io.proxist.ingest.demo.Feeds.l;
import static io.proxist.ingest.demo.Feeds.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.block.Columns;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.ingest.recorder.RecorderTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The blocks of a synchronously ticked feed: their shape, their determinism, and plausible market data. */
class DemoFeedTest {

    @Test
    void blocksHaveTheLogicalSchemaOfTheirTableAndTheRecorderRejectsNothing() {
        long seed = Feeds.seed();
        DemoOptions o = DemoOptions.defaults().withSeed(seed).withOrdersPerSecond(20);
        Feeds.Capture c = new Feeds.Capture();
        DemoFeed feed = Feeds.feed(o, c);
        for (int i = 0; i < 100; i++) {
            c.tick = i;
            feed.tick(Feeds.T0 + i * o.tickNanos());
        }
        String m = " (seed " + seed + ")";
        assertEquals(0, feed.rejects().total(), "rejected" + m);
        Map<String, Integer> blocks = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        Set<String> perTick = new HashSet<>();
        for (Feeds.Insert i : c.inserts) {
            TableSchema schema = Feeds.schema(i.table());
            Block b = i.block();
            List<String> names = new ArrayList<>();
            for (ColumnDef col : schema.columns()) names.add(col.name());
            assertEquals(names, b.names(), "columns of " + i.table() + m);
            for (int k = 0; k < b.columnCount(); k++) {
                assertEquals(
                        Columns.plainType(schema.columns().get(k).type()),
                        b.column(k).type(),
                        "type of " + i.table() + "." + b.name(k) + m);
            }
            assertTrue(b.rows() > 0, "an empty block of " + i.table() + m);
            assertTrue(perTick.add(i.tick() + "/" + i.table()), "two blocks of " + i.table() + " in one tick" + m);
            blocks.merge(i.table(), 1, Integer::sum);
            rows.merge(i.table(), (long) b.rows(), Long::sum);
        }
        for (RecorderTable t : DemoFeed.TABLES) {
            assertTrue(blocks.getOrDefault(t.tableName(), 0) > 0, "no block of " + t.tableName() + m);
            assertEquals(feed.counters().blocks(t), (long) blocks.get(t.tableName()), "blocks of " + t + m);
            assertEquals(feed.counters().rows(t), rows.get(t.tableName()), "rows of " + t + m);
            for (Map<String, Object> row : c.rows(t)) {
                assertEquals("demo-feed", s(row, "source"), m);
                assertEquals("demo", s(row, "environment"), m);
                assertTrue(l(row, "recv_ts") >= l(row, "ts"), "recv_ts before ts: " + row + m);
                assertEquals(l(row, "recv_ts"), l(row, "version"), m);
            }
        }
        assertEquals(DemoFeed.TABLES.size(), blocks.size(), "tables written" + m);
    }

    @Test
    void oneSeedOneFeedAnotherSeedAnotherFeed() {
        long seed = Feeds.seed();
        DemoOptions o = DemoOptions.defaults().withSeed(seed).withOrdersPerSecond(50);
        Feeds.Capture a = Feeds.run(o, 60);
        Feeds.Capture b = Feeds.run(o, 60);
        Feeds.Capture other = Feeds.run(o.withSeed(seed + 1), 60);
        assertEquals(a.inserts.size(), b.inserts.size(), "seed " + seed);
        for (int i = 0; i < a.inserts.size(); i++) {
            assertEquals(a.inserts.get(i).table(), b.inserts.get(i).table(), "seed " + seed);
            assertEquals(
                    Feeds.contents(a.inserts.get(i).block()),
                    Feeds.contents(b.inserts.get(i).block()),
                    "block " + i + " (seed " + seed + ")");
        }
        assertNotEquals(
                Feeds.contents(a.inserts.getFirst().block()),
                Feeds.contents(other.inserts.getFirst().block()),
                "seed " + seed);
    }

    @Test
    void theConfiguredNumberOfSymbolsIsQuotedCatalogueFirst() {
        long seed = Feeds.seed();
        for (int n : new int[] {1, 50, 80}) {
            DemoOptions o = DemoOptions.defaults().withSeed(seed).withSymbols(n).withEventsPerSecond(20_000);
            DemoFeed feed = Feeds.feed(o, (t, b) -> {});
            assertEquals(n, feed.symbols().size(), "seed " + seed);
            assertEquals(n, new HashSet<>(feed.symbols()).size(), "distinct symbols (seed " + seed + ")");
            assertEquals("AAPL", feed.symbols().getFirst());
            Set<String> quoted = new TreeSet<>();
            for (Map<String, Object> row : Feeds.run(o, 40).rows(RecorderTable.MARKET_DATA)) {
                quoted.add(s(row, "symbol"));
            }
            assertEquals(new TreeSet<>(feed.symbols()), quoted, "symbols quoted, n=" + n + " (seed " + seed + ")");
        }
        List<String> eighty =
                Feeds.feed(DemoOptions.defaults().withSymbols(80), (t, b) -> {}).symbols();
        assertTrue(eighty.contains("ESZ6") && eighty.contains("SPY") && eighty.contains("SYN0080"), eighty.toString());
    }

    @Test
    void quotesAreOnTheTickGridUncrossedWithOrderedDepthAndTradesPrintAtTheQuotedTouch() {
        long seed = Feeds.seed();
        String m = " (seed " + seed + ")";
        Map<String, Instrument> bySymbol = new HashMap<>();
        for (Instrument i : Instruments.CATALOGUE) bySymbol.put(i.symbol(), i);
        for (int depth : new int[] {0, 1, 5}) {
            // no late rows: then a row's ts is its generation time, and quotes and trades merge in that order
            DemoOptions o =
                    DemoOptions.defaults().withSeed(seed).withDepthLevels(depth).withLateness(0, 1);
            Feeds.Capture c = Feeds.run(o, 200);
            Set<Double> spyBids = new HashSet<>();
            for (Map<String, Object> q : c.rows(RecorderTable.MARKET_DATA)) {
                Instrument inst = bySymbol.get(s(q, "symbol"));
                double bid = d(q, "bid_px");
                double ask = d(q, "ask_px");
                assertTrue(bid > 0 && ask > bid, "crossed or empty: " + q + m);
                assertTrue(d(q, "bid_sz") > 0 && d(q, "ask_sz") > 0, "no size: " + q + m);
                assertEquals(inst.exchange(), s(q, "exchange"), m);
                onGrid(inst, bid, m);
                onGrid(inst, ask, m);
                double[] bidLevels = (double[]) q.get("bid_px_levels");
                double[] askLevels = (double[]) q.get("ask_px_levels");
                assertEquals(depth, bidLevels.length, m);
                assertEquals(depth, askLevels.length, m);
                assertEquals(depth, ((double[]) q.get("bid_sz_levels")).length, m);
                assertEquals(depth, ((double[]) q.get("ask_sz_levels")).length, m);
                if (depth > 0) {
                    assertEquals(bid, bidLevels[0], m);
                    assertEquals(ask, askLevels[0], m);
                    assertEquals(d(q, "bid_sz"), ((double[]) q.get("bid_sz_levels"))[0], m);
                    assertEquals(d(q, "ask_sz"), ((double[]) q.get("ask_sz_levels"))[0], m);
                }
                for (int k = 1; k < depth; k++) {
                    assertTrue(bidLevels[k] < bidLevels[k - 1] && askLevels[k] > askLevels[k - 1], q + m);
                }
                if (inst.symbol().equals("SPY")) spyBids.add(bid);
            }
            assertTrue(spyBids.size() > 1, "the SPY mid never moved: " + spyBids + m);

            List<Map<String, Object>> merged = new ArrayList<>(c.rows(RecorderTable.MARKET_DATA));
            merged.addAll(c.rows(RecorderTable.TRADES));
            merged.sort(Comparator.comparingLong(r -> l(r, "ts")));
            Map<String, Map<String, Object>> lastQuote = new HashMap<>();
            Map<String, Map<String, Object>> lastTrade = new HashMap<>();
            Set<String> tradeIds = new HashSet<>();
            int checked = 0;
            for (Map<String, Object> r : merged) {
                String symbol = s(r, "symbol");
                if (r.containsKey("bid_px")) {
                    Map<String, Object> t = lastTrade.get(symbol);
                    assertEquals(t == null ? 0.0 : d(t, "price"), d(r, "last_px"), "last trade price: " + r + m);
                    assertEquals(t == null ? 0.0 : d(t, "size"), d(r, "last_sz"), "last trade size: " + r + m);
                    lastQuote.put(symbol, r);
                    continue;
                }
                lastTrade.put(symbol, r);
                Instrument inst = bySymbol.get(symbol);
                assertTrue(d(r, "size") > 0, r + m);
                assertEquals(inst.exchange(), s(r, "exchange"), m);
                onGrid(inst, d(r, "price"), m);
                assertTrue(tradeIds.add(s(r, "trade_id")), "trade id twice: " + r + m);
                Map<String, Object> q = lastQuote.get(symbol);
                if (q == null) continue; // before the symbol's first quote, the touch is the opening one
                long side = l(r, "side");
                assertEquals(d(q, side == 1 ? "ask_px" : "bid_px"), d(r, "price"), "buys lift the ask: " + r + m);
                checked++;
            }
            assertTrue(checked > 1000, "trades checked: " + checked + m);
        }
    }

    private static void onGrid(Instrument inst, double price, String m) {
        double ticks = price * inst.ticksPerUnit();
        assertEquals(Math.rint(ticks), ticks, 1e-6, inst.symbol() + " off its tick grid: " + price + m);
        assertArrayEquals(new double[] {price}, new double[] {inst.price(Math.round(ticks))}, m);
    }
}
