package io.proxist.planner.seam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.planner.expr.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ASOF JOIN of two owned tables at the seam, each table with its own seam at a random place: every trade gets the
 * quote in force at its time, equal to a brute-force search over all rows, for INNER and LEFT joins, with filters on
 * both sides, newest-first limits, and the USING form.
 */
class AsofSeamTest {
    static final TableSchema QUOTES = new TableSchema(
            "quotes",
            List.of(
                    PushdownSqlTest.col("symbol", "LowCardinality(String)"),
                    PushdownSqlTest.col("ts", "DateTime64(9, 'UTC')"),
                    PushdownSqlTest.col("seq", "UInt64"),
                    PushdownSqlTest.col("bid", "Float64"),
                    PushdownSqlTest.col("ask", "Float64")),
            "ReplacingMergeTree",
            "toDate(ts)",
            "(symbol, ts, seq)",
            "",
            "",
            "");

    /** One table's rows (all of them: the fake backend holds those before the seam) and its hot store. */
    static final class Table {
        final TableSchema schema;
        final HotTable hot;
        final Block all;
        final long seam;

        Table(TableSchema schema, Block all, long seam) {
            this.schema = schema;
            this.all = all;
            this.seam = seam;
            hot = new HotStore(new InMemorySymbolDictionary()).create(schema, HotTableOptions.DEFAULT);
            hot.append(all, 1);
            hot.evict(seam);
        }
    }

    final Map<String, Table> tables = new HashMap<>();

    Block run(String sql) {
        TestSource src = new TestSource();
        for (Table t : tables.values()) src.put(new TestSource.Table(t.schema, t.hot, t.all, t.seam));
        return src.run(sql);
    }

    record Row(String sym, long ts, long seq, double a, double b) {}

    static Block block(List<Row> rows, String a, String b) {
        BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.of("String"));
        LongColumnBuilder t = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
        LongColumnBuilder q = (LongColumnBuilder) ColumnBuilder.forType(DataType.of("UInt64"));
        DoubleColumnBuilder x = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
        DoubleColumnBuilder y = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
        for (Row r : rows) {
            s.appendString(r.sym());
            t.appendLong(r.ts());
            q.appendLong(r.seq());
            x.appendDouble(r.a());
            y.appendDouble(r.b());
        }
        return new Block(
                List.of("symbol", "ts", "seq", a, b),
                List.of(s.build(), t.build(), q.build(), x.build(), y.build()),
                rows.size());
    }

    static List<Row> random(Random rnd, int n, String[] symbols) {
        List<Row> out = new ArrayList<>();
        long t = 1_000;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(3) * 10; // equal times happen: seq decides
            out.add(new Row(
                    symbols[rnd.nextInt(symbols.length)],
                    t,
                    rnd.nextInt(4),
                    100 + rnd.nextInt(100),
                    1 + rnd.nextInt(9)));
        }
        // one row per (symbol, ts, seq): the tables' key
        Map<String, Row> unique = new java.util.LinkedHashMap<>();
        for (Row r : out) unique.putIfAbsent(r.sym() + "/" + r.ts() + "/" + r.seq(), r);
        return new ArrayList<>(unique.values());
    }

    /** The quote in force for a trade: the last by (ts, seq) with ts <= the trade's (or < when strict). */
    static Row inForce(List<Row> quotes, Row trade, boolean strict) {
        Row best = null;
        for (Row q : quotes) {
            if (!q.sym().equals(trade.sym())) continue;
            if (strict ? q.ts() >= trade.ts() : q.ts() > trade.ts()) continue;
            if (best == null || q.ts() > best.ts() || (q.ts() == best.ts() && q.seq() > best.seq())) best = q;
        }
        return best;
    }

    @Test
    void eachTradeGetsTheQuoteInForceAcrossBothSeams() {
        for (long seed = 1; seed <= 60; seed++) {
            Random rnd = new Random(seed);
            List<Row> trades = random(rnd, 5 + rnd.nextInt(60), new String[] {"A", "B", "C"});
            List<Row> quotes = random(rnd, 5 + rnd.nextInt(80), new String[] {"A", "B"});
            tables.clear();
            tables.put(
                    "trades",
                    new Table(PushdownSqlTest.TRADES, block(trades, "price", "size"), 1_000 + rnd.nextInt(700)));
            tables.put("quotes", new Table(QUOTES, block(quotes, "bid", "ask"), 1_000 + rnd.nextInt(700)));
            String why = " (seed " + seed + ")";
            boolean leftJoin = rnd.nextBoolean();
            boolean strict = rnd.nextInt(4) == 0;
            long after = 1_000 + rnd.nextInt(600);
            String sql = "SELECT t.symbol, t.ts, t.seq, t.price, q.bid, q.ask - q.bid AS spread FROM trades AS t ASOF "
                    + (leftJoin ? "LEFT " : "") + "JOIN quotes AS q ON t.symbol = q.symbol AND "
                    + (strict ? "q.ts < t.ts" : "t.ts >= q.ts")
                    + " WHERE t.ts >= fromUnixTimestamp64Nano(" + after + ") AND t.symbol != 'C'"
                    + " ORDER BY t.ts, t.seq, t.symbol";
            List<List<Object>> expected = new ArrayList<>();
            List<Row> sorted = new ArrayList<>(trades);
            sorted.sort(java.util.Comparator.comparingLong(Row::ts)
                    .thenComparingLong(Row::seq)
                    .thenComparing(Row::sym));
            for (Row tr : sorted) {
                if (tr.ts() < after || tr.sym().equals("C")) continue;
                Row q = inForce(quotes, tr, strict);
                if (q == null && !leftJoin) continue;
                expected.add(List.of(
                        tr.sym(), tr.ts(), tr.seq(), tr.a(), q == null ? 0.0 : q.a(), q == null ? 0.0 : q.b() - q.a()));
            }
            check(expected, run(sql), sql + why);
            // the newest 5 of one symbol, LEFT: the left side is read with its limit
            List<List<Object>> newest = new ArrayList<>();
            for (int i = sorted.size() - 1; i >= 0 && newest.size() < 5; i--) {
                Row tr = sorted.get(i);
                if (!tr.sym().equals("A")) continue;
                Row q = inForce(quotes, tr, false);
                newest.add(List.of(
                        tr.sym(), tr.ts(), tr.seq(), tr.a(), q == null ? 0.0 : q.a(), q == null ? 0.0 : q.b() - q.a()));
            }
            check(
                    newest,
                    run("SELECT symbol, ts, seq, price, bid, ask - bid AS spread FROM trades t ASOF LEFT JOIN quotes q"
                            + " USING (symbol, ts) WHERE symbol = 'A' ORDER BY t.ts DESC, t.seq DESC LIMIT 5"),
                    "newest" + why);
        }
    }

    @Test
    void joinsItCannotAnswerAreRefusedByName() {
        tables.put("trades", new Table(PushdownSqlTest.TRADES, block(List.of(), "price", "size"), 0));
        tables.put("quotes", new Table(QUOTES, block(List.of(), "bid", "ask"), 0));
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> run("SELECT t.symbol FROM trades t ASOF JOIN quotes q ON t.symbol = q.symbol AND t.ts <= q.ts"));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
        e = assertThrows(
                ProxistException.class,
                () -> run("SELECT count() FROM trades t ASOF JOIN quotes q ON t.symbol = q.symbol AND t.ts >= q.ts"));
        assertEquals(true, e.getMessage().contains("aggregates over an ASOF JOIN"), e.getMessage());
        e = assertThrows(
                ProxistException.class,
                () -> run("SELECT t.nope FROM trades t ASOF JOIN quotes q ON t.symbol = q.symbol AND t.ts >= q.ts"));
        assertEquals(ErrorCode.UNKNOWN_IDENTIFIER, e.code());
    }

    private static void check(List<List<Object>> expected, Block got, String what) {
        assertEquals(expected.size(), got.rows(), "rows of " + what);
        for (int r = 0; r < got.rows(); r++)
            for (int c = 0; c < expected.get(r).size(); c++) {
                Object x = expected.get(r).get(c);
                Column col = got.column(c);
                Object y = col instanceof BytesColumn b
                        ? b.getString(r)
                        : x instanceof Double ? (Object) Vectors.dbl(col, r) : (Object) Vectors.lng(col, r);
                if (x instanceof Integer i) x = (long) i;
                assertEquals(x, y, "row " + r + " column " + got.names().get(c) + " of " + what);
            }
    }
}
