package io.proxist.planner.seam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.planner.expr.Backend;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend SQL the seam writes for the part before it (golden strings), for a backend without DateTime64 (18.16:
 * times as Int64 nanoseconds) and one with it, and what memory contributes. The SQL itself runs on a real ClickHouse
 * in the integration suite (SeamDifferentialTest); here its text is pinned.
 */
class PushdownSqlTest {
    static final TableSchema TRADES = new TableSchema(
            "trades",
            List.of(
                    col("symbol", "LowCardinality(String)"),
                    col("ts", "DateTime64(9, 'UTC')"),
                    col("seq", "UInt64"),
                    col("price", "Float64"),
                    col("size", "Float64")),
            "ReplacingMergeTree",
            "toDate(ts)",
            "(symbol, ts, seq)",
            "",
            "",
            "");

    static ColumnDef col(String name, String type) {
        return new ColumnDef(name, DataType.parse(type), "", "", "");
    }

    TestSource src;
    List<String> sent;

    @BeforeEach
    void setUp() {
        HotTable hot = new HotStore(new InMemorySymbolDictionary()).create(TRADES, HotTableOptions.DEFAULT);
        // rows at times 100 .. 104 of A and B; everything below 102 persisted and evicted
        Block all = rows(new String[] {"A", "A", "A", "B", "B"}, new long[] {100, 101, 102, 103, 104});
        hot.append(all, 1);
        hot.evict(102);
        src = new TestSource();
        src.put(new TestSource.Table(TRADES, hot, all, 102));
        src.emptyBackend = true; // the golden SQL is the point here; the backend answers nothing
        sent = src.sent;
    }

    static Block rows(String[] symbols, long[] ts) {
        double[] prices = new double[symbols.length];
        for (int i = 0; i < prices.length; i++) prices[i] = 10 + i;
        return rows(symbols, ts, prices);
    }

    static Block rows(String[] symbols, long[] ts, double[] prices) {
        BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.of("String"));
        LongColumnBuilder t = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
        LongColumnBuilder q = (LongColumnBuilder) ColumnBuilder.forType(DataType.of("UInt64"));
        DoubleColumnBuilder p = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
        DoubleColumnBuilder z = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
        for (int i = 0; i < symbols.length; i++) {
            s.appendString(symbols[i]);
            t.appendLong(ts[i]);
            q.appendLong(0);
            p.appendDouble(prices[i]);
            z.appendDouble(1);
        }
        List<Column> cols = List.of(s.build(), t.build(), q.build(), p.build(), z.build());
        return new Block(List.of("symbol", "ts", "seq", "price", "size"), cols, symbols.length);
    }

    Block run(String sql) {
        return src.run(sql);
    }

    @Test
    void aCountAsksTheBackendForTheRowsBeforeTheSeamOnly() throws Exception {
        Block b = run("SELECT count() FROM trades WHERE symbol = 'A'");
        assertEquals(List.of("SELECT COUNT() FROM `db`.`trades` WHERE `symbol` = 'A' AND `ts` < 102"), sent);
        assertEquals(List.of("count()"), b.names());
        assertEquals(1L, ((io.proxist.core.block.LongColumn) b.column(0)).get(0)); // A at 102 is in memory
    }

    @Test
    void aggregatesGoDownAsPartialStates() throws Exception {
        run("SELECT symbol, avg(price), argMax(price, ts), min(price) FROM trades GROUP BY symbol");
        assertEquals(
                List.of("SELECT `symbol`, SUM(`price`), COUNT(`price`), `argMax`(`price`, `ts`), MAX(`ts`),"
                        + " MIN(`price`), COUNT() FROM `db`.`trades` WHERE `ts` < 102 GROUP BY `symbol`"),
                sent);
    }

    @Test
    void timeBucketsAndConstantsAreWrittenAsIntegersWithoutDateTime64() throws Exception {
        run("SELECT toStartOfInterval(ts, INTERVAL '1' SECOND) AS b, count() FROM trades"
                + " WHERE ts >= toDateTime64('1970-01-01 00:00:00.000000050', 9) GROUP BY b");
        assertEquals(
                List.of("SELECT `intDiv`(`if`(`ts` < 0, `ts` - 999999999, `ts`), 1000000000) * 1000000000, COUNT()"
                        + " FROM `db`.`trades` WHERE `ts` >= 50 AND `ts` < 102 GROUP BY"
                        + " `intDiv`(`if`(`ts` < 0, `ts` - 999999999, `ts`), 1000000000) * 1000000000"),
                sent);
    }

    @Test
    void clickHouseIntervalsAndAliasesInHaving() throws Exception {
        Block b = run("SELECT toStartOfInterval(ts, INTERVAL 1 SECOND) AS bucket, count() AS c FROM trades"
                + " WHERE ts >= now64() - INTERVAL 1 SECOND GROUP BY bucket HAVING c > 0");
        assertEquals(List.of("bucket", "c"), b.names());
        // now64() is 1 s here: ts >= 0 goes down folded, with the seam
        assertEquals(1, sent.size());
        assertEquals(true, sent.getFirst().contains("WHERE `ts` >= 0 AND `ts` < 102"), sent.getFirst());
        assertEquals(1, b.rows()); // memory's three rows (102 .. 104 ns) in the bucket at 0
        assertEquals(3L, ((io.proxist.core.block.LongColumn) b.column(1)).get(0));
    }

    @Test
    void withoutPushdownOnlyTheWhereGoesDown() {
        src.pushdown = false;
        run("SELECT symbol, avg(price) FROM trades WHERE price > 1 GROUP BY symbol");
        run("SELECT ts FROM trades WHERE symbol = 'A' ORDER BY ts DESC LIMIT 2 BY symbol");
        assertEquals(
                List.of(
                        "SELECT `symbol`, `price` FROM `db`.`trades` WHERE `price` > 1 AND `ts` < 102",
                        "SELECT `ts`, `symbol` FROM `db`.`trades` WHERE `symbol` = 'A' AND `ts` < 102"),
                sent);
    }

    @Test
    void withDateTime64TimesStayTimes() throws Exception {
        src.backend = Backend.MODERN;
        run("SELECT toStartOfInterval(ts, INTERVAL '1' SECOND) AS b, count() FROM trades GROUP BY b");
        assertEquals(
                List.of("SELECT `toStartOfInterval`(`ts`, `toIntervalNanosecond`(1000000000)), COUNT() FROM"
                        + " `db`.`trades` WHERE `ts` < `fromUnixTimestamp64Nano`(`toInt64`(102)) GROUP BY"
                        + " `toStartOfInterval`(`ts`, `toIntervalNanosecond`(1000000000))"),
                sent);
    }

    @Test
    void aScanWithALimitPushesTheOrderAndTheLimit() throws Exception {
        Block b = run("SELECT ts, price FROM trades WHERE symbol = 'A' ORDER BY ts DESC LIMIT 2");
        assertEquals(
                List.of("SELECT `ts`, `price`, `symbol` FROM `db`.`trades` WHERE `symbol` = 'A' AND `ts` < 102"
                        + " ORDER BY `ts` DESC LIMIT 2"),
                sent);
        assertEquals(1, b.rows()); // the backend had nothing here; memory has A at 102
    }

    @Test
    void aQueryAboveTheSeamDoesNotAskTheBackend() throws Exception {
        Block b = run("SELECT count() FROM trades WHERE ts >= toDateTime64('1970-01-01 00:00:00.000000102', 9)");
        assertEquals(List.of(), sent);
        assertEquals(3L, ((io.proxist.core.block.LongColumn) b.column(0)).get(0));
    }

    @Test
    void whenMemoryHasTheNewestRowsTheBackendIsNotAsked() throws Exception {
        Block last = run("SELECT ts, price FROM trades WHERE symbol = 'B' ORDER BY ts DESC LIMIT 2");
        assertEquals(2, last.rows());
        Block latest = run("SELECT symbol, argMax(price, ts), max(ts) FROM trades WHERE symbol IN ('A', 'B')"
                + " GROUP BY symbol ORDER BY symbol");
        assertEquals(2, latest.rows());
        assertEquals(List.of(), sent);
        // a symbol memory lacks, or an aggregate older rows change, still asks
        run("SELECT symbol, argMax(price, ts) FROM trades WHERE symbol IN ('A', 'C') GROUP BY symbol");
        run("SELECT argMax(price, ts), count() FROM trades WHERE symbol = 'A'");
        assertEquals(2, sent.size());
    }

    @Test
    void finalIsRead() throws Exception {
        Block b = run("SELECT count() FROM trades FINAL WHERE symbol = 'B'");
        assertEquals(2L, ((io.proxist.core.block.LongColumn) b.column(0)).get(0));
    }

    @Test
    void limitByGoesDownWithTheOrderAndIsAppliedToTheUnion() throws Exception {
        Block b = run("SELECT symbol, ts FROM trades ORDER BY ts DESC LIMIT 1 BY symbol");
        assertEquals(
                List.of("SELECT `symbol`, `ts` FROM `db`.`trades` WHERE `ts` < 102 ORDER BY `ts` DESC LIMIT 1 BY"
                        + " `symbol`"),
                sent);
        assertEquals(2, b.rows()); // B at 104 and A at 102 from memory (the backend had nothing here)
        assertEquals(104L, ((io.proxist.core.block.LongColumn) b.column(1)).get(0));
        assertEquals(102L, ((io.proxist.core.block.LongColumn) b.column(1)).get(1));
        ProxistException e = assertThrows(
                ProxistException.class, () -> run("SELECT count() FROM trades GROUP BY symbol LIMIT 1 BY symbol"));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
    }

    @Test
    void unsupportedShapesAreNamed() {
        ProxistException e = assertThrows(ProxistException.class, () -> run("SELECT uniq(symbol) FROM trades"));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
        assertEquals(true, e.getMessage().contains("uniq"), e.getMessage());
        e = assertThrows(ProxistException.class, () -> run("SELECT price FROM trades GROUP BY symbol"));
        assertEquals(ErrorCode.NOT_AN_AGGREGATE, e.code());
    }
}
