package io.proxist.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structure the parser gives the ClickHouse-specific clauses, and its syntax errors. */
class ClickHouseSqlParserTest {
    private static SqlSelect select(String sql) {
        return assertInstanceOf(SqlSelect.class, ClickHouseSqlParser.parse(sql).query());
    }

    private static String unparse(SqlNode node) {
        return node.toSqlString(ClickHouseDialect.DEFAULT).getSql().replace('\n', ' ');
    }

    private static SqlNode item(SqlSelect select, int i) {
        SqlNode node = select.getSelectList().get(i);
        return node.getKind() == SqlKind.AS ? ((SqlCall) node).operand(0) : node;
    }

    private static String functionName(SqlNode node) {
        SqlCall call = assertInstanceOf(SqlCall.class, node);
        return assertInstanceOf(SqlUnresolvedFunction.class, call.getOperator()).getName();
    }

    // ---- trailing clauses

    @Test
    void formatAndSettingsAreReturnedApart() {
        ParsedQuery q = ClickHouseSqlParser.parse(
                "SELECT count() FROM trades SETTINGS max_threads = 4, timezone = 'UTC', x = true, y = -1.5 FORMAT JSONEachRow");
        assertEquals("JSONEachRow", q.format());
        assertEquals(
                List.of("max_threads", "timezone", "x", "y"),
                List.copyOf(q.settings().keySet()));
        assertEquals(Map.of("max_threads", "4", "timezone", "UTC", "x", "true", "y", "-1.5"), q.settings());
        assertEquals("SELECT count() FROM `trades`", unparse(q.query()));
    }

    @Test
    void formatThenSettingsAndNullFormat() {
        ParsedQuery q = ClickHouseSqlParser.parse("SELECT 1 FORMAT Null SETTINGS max_block_size = 1000;");
        assertEquals("Null", q.format());
        assertEquals(Map.of("max_block_size", "1000"), q.settings());
        ParsedQuery none = ClickHouseSqlParser.parse("SELECT 1");
        assertNull(none.format());
        assertTrue(none.settings().isEmpty());
    }

    // ---- FINAL

    @Test
    void finalIsKeptOnTheTableReference() {
        SqlSelect s = select("SELECT * FROM trades AS t FINAL WHERE t.symbol = 'AAPL'");
        assertTrue(ClickHouseOperators.isFinal(s.getFrom()));
        SqlCall as = ((SqlCall) s.getFrom()).operand(0);
        assertEquals(SqlKind.AS, as.getKind());
        assertEquals("trades", ((SqlIdentifier) as.operand(0)).getSimple());
        assertEquals("SELECT * FROM `trades` AS `t` FINAL WHERE `t`.`symbol` = 'AAPL'", unparse(s));
        assertFalse(ClickHouseOperators.isFinal(select("SELECT * FROM trades").getFrom()));
    }

    // ---- LIMIT

    @Test
    void limitBy() {
        ClickHouseSelect s = assertInstanceOf(
                ClickHouseSelect.class,
                ClickHouseSqlParser.parse("SELECT * FROM trades ORDER BY ts DESC LIMIT 1 BY symbol, side LIMIT 50")
                        .query());
        assertEquals("1", ((SqlLiteral) s.limitByCount()).toValue());
        assertNull(s.limitByOffset());
        assertEquals(2, s.limitBy().size());
        assertEquals("side", ((SqlIdentifier) s.limitBy().get(1)).getSimple());
        assertEquals("50", ((SqlLiteral) s.getFetch()).toValue());
        assertNull(s.getOffset());
        assertEquals(1, s.getOrderList().size());
        assertEquals("SELECT * FROM `trades` ORDER BY `ts` DESC LIMIT 1 BY `symbol`, `side` LIMIT 50", unparse(s));
    }

    @Test
    void limitByWithOffsetAndNoOuterLimit() {
        ClickHouseSelect s = assertInstanceOf(
                ClickHouseSelect.class,
                ClickHouseSqlParser.parse("SELECT * FROM trades LIMIT 2, 3 BY symbol")
                        .query());
        assertEquals("2", ((SqlLiteral) s.limitByOffset()).toValue());
        assertEquals("3", ((SqlLiteral) s.limitByCount()).toValue());
        assertNull(s.getFetch());
        ClickHouseSelect s2 = assertInstanceOf(
                ClickHouseSelect.class,
                ClickHouseSqlParser.parse("SELECT * FROM trades LIMIT 3 OFFSET 2 BY symbol")
                        .query());
        assertEquals(unparse(s), unparse(s2));
        assertEquals("SELECT * FROM `trades` LIMIT 2, 3 BY `symbol`", unparse(s));
    }

    @Test
    void limitForms() {
        SqlSelect a = select("SELECT * FROM trades LIMIT 5, 10");
        assertEquals("5", ((SqlLiteral) a.getOffset()).toValue());
        assertEquals("10", ((SqlLiteral) a.getFetch()).toValue());
        SqlSelect b = select("SELECT * FROM trades LIMIT 10 OFFSET 5");
        assertEquals(unparse(a), unparse(b));
        SqlSelect c = select("SELECT * FROM trades LIMIT 10");
        assertNull(c.getOffset());
        assertFalse(c instanceof ClickHouseSelect);
    }

    // ---- ASOF JOIN

    @Test
    void asofJoinOn() {
        SqlSelect s =
                select("SELECT * FROM trades t ASOF JOIN quotes q ON t.sym = q.sym AND t.ex = q.ex AND t.ts >= q.ts");
        ClickHouseAsofJoin j = assertInstanceOf(ClickHouseAsofJoin.class, s.getFrom());
        assertFalse(j.isLeft());
        assertEquals(JoinType.ASOF, j.getJoinType());
        assertEquals(JoinConditionType.ON, j.getConditionType());
        assertEquals(2, j.equiConditions().size());
        assertTrue(j.equiConditions().stream().allMatch(c -> c.getKind() == SqlKind.EQUALS));
        assertEquals(SqlKind.GREATER_THAN_OR_EQUAL, j.inequality().getKind());
        assertSame(j.inequality(), j.getMatchCondition());
        assertNull(j.usingColumns());
        assertEquals(
                "SELECT * FROM `trades` AS `t` ASOF JOIN `quotes` AS `q`"
                        + " ON `t`.`sym` = `q`.`sym` AND `t`.`ex` = `q`.`ex` AND `t`.`ts` >= `q`.`ts`",
                unparse(s));
    }

    @Test
    void asofLeftJoinUsing() {
        for (String join : List.of("ASOF LEFT JOIN", "LEFT ASOF JOIN", "ASOF LEFT OUTER JOIN")) {
            SqlSelect s = select("SELECT * FROM trades " + join + " quotes USING (sym, ts)");
            ClickHouseAsofJoin j = assertInstanceOf(ClickHouseAsofJoin.class, s.getFrom());
            assertTrue(j.isLeft());
            assertEquals(JoinType.LEFT_ASOF, j.getJoinType());
            assertEquals(2, j.usingColumns().size());
            assertEquals(1, j.equiConditions().size());
            assertEquals("sym", ((SqlIdentifier) j.equiConditions().get(0)).getSimple());
            assertEquals("ts", ((SqlIdentifier) j.inequality()).getSimple());
            assertEquals("SELECT * FROM `trades` ASOF LEFT JOIN `quotes` USING (`sym`, `ts`)", unparse(s));
        }
    }

    @Test
    void ordinaryJoinsStaySqlJoins() {
        SqlSelect s = select("SELECT * FROM a LEFT JOIN b USING (k) INNER JOIN c ON b.k = c.k, d");
        SqlJoin comma = assertInstanceOf(SqlJoin.class, s.getFrom());
        assertEquals(JoinType.COMMA, comma.getJoinType());
        SqlJoin inner = assertInstanceOf(SqlJoin.class, comma.getLeft());
        assertEquals(JoinType.INNER, inner.getJoinType());
        SqlJoin left = assertInstanceOf(SqlJoin.class, inner.getLeft());
        assertEquals(JoinType.LEFT, left.getJoinType());
        assertEquals(JoinConditionType.USING, left.getConditionType());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM t ASOF JOIN q ON t.s = q.s",
                "SELECT * FROM t ASOF JOIN q ON t.s = q.s AND t.ts >= q.ts AND t.x < q.x",
                "SELECT * FROM t ASOF JOIN q ON t.ts >= q.ts",
                "SELECT * FROM t ASOF JOIN q USING (ts)",
                "SELECT * FROM t ASOF JOIN q"
            })
    void invalidAsofJoinsAreSyntaxErrors(String sql) {
        ProxistException e = assertThrows(ProxistException.class, () -> ClickHouseSqlParser.parse(sql));
        assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
        assertTrue(e.getMessage().contains("ASOF JOIN"), e.getMessage());
    }

    // ---- functions

    @Test
    void parametricAggregates() {
        SqlSelect s = select("SELECT quantile(0.5)(price), quantiles(0.5, 0.9)(price) AS qs, count() FROM trades");
        SqlCall q = (SqlCall) item(s, 0);
        ClickHouseParametricFunction f = assertInstanceOf(ClickHouseParametricFunction.class, q.getOperator());
        assertEquals("quantile", f.getName());
        assertEquals(1, f.parameters().size());
        assertEquals("0.5", ((SqlLiteral) f.parameters().get(0)).toValue());
        assertEquals("price", ((SqlIdentifier) q.operand(0)).getSimple());
        SqlCall qs = (SqlCall) item(s, 1);
        assertEquals(
                2,
                ((ClickHouseParametricFunction) qs.getOperator()).parameters().size());
        assertEquals(
                "SELECT quantile(0.5)(`price`), quantiles(0.5, 0.9)(`price`) AS `qs`, count() FROM `trades`",
                unparse(s));
    }

    @Test
    void functionNamesKeepTheirCase() {
        SqlSelect s = select("SELECT argMax(price, ts), argMin(price, ts), anyLast(price), any(price), uniq(symbol),"
                + " toStartOfInterval(ts, INTERVAL 1 MINUTE), if(side = 'B', qty, -qty), multiIf(a, 1, b, 2, 3),"
                + " intDiv(qty, 100), first_value(price) OVER (ORDER BY ts), SUM(qty) FROM trades");
        List<String> expected =
                List.of("argMax", "argMin", "anyLast", "any", "uniq", "toStartOfInterval", "if", "multiIf", "intDiv");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), functionName(item(s, i)));
        }
        SqlCall over = (SqlCall) item(s, 9);
        assertEquals(SqlKind.OVER, over.getKind());
        assertEquals("first_value", functionName(over.operand(0)));
        assertEquals("SUM", functionName(item(s, 10)));
        String sql = unparse(s);
        assertTrue(sql.contains("argMax(`price`, `ts`)"), sql);
        assertTrue(sql.contains("if(`side` = 'B', `qty`, - `qty`)"), sql);
        assertTrue(sql.contains("first_value(`price`) OVER (ORDER BY `ts`)"), sql);
        assertTrue(sql.contains("SUM(`qty`)"), sql);
    }

    @Test
    void rollingWindowWithNumericRange() {
        SqlSelect s = select("SELECT sum(qty) OVER (PARTITION BY symbol ORDER BY ts"
                + " RANGE BETWEEN 60000000000 PRECEDING AND CURRENT ROW) FROM trades");
        SqlCall over = (SqlCall) item(s, 0);
        SqlWindow w = assertInstanceOf(SqlWindow.class, over.operand(1));
        assertFalse(w.isRows());
        assertEquals("60000000000", ((SqlLiteral) ((SqlCall) w.getLowerBound()).operand(0)).toValue());
        assertTrue(unparse(s).contains("RANGE BETWEEN 60000000000 PRECEDING AND CURRENT ROW"), unparse(s));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NANOSECOND",
                "MICROSECOND",
                "MILLISECOND",
                "SECOND",
                "MINUTE",
                "HOUR",
                "DAY",
                "WEEK",
                "MONTH",
                "QUARTER",
                "YEAR"
            })
    void intervalsInEveryUnit(String unit) {
        SqlSelect s = select("SELECT ts - INTERVAL 5 " + unit + ", INTERVAL n " + unit.toLowerCase() + " FROM t");
        SqlCall minus = (SqlCall) item(s, 0);
        SqlCall interval = minus.operand(1);
        assertSame(SqlStdOperatorTable.INTERVAL, interval.getOperator());
        assertEquals("5", ((SqlLiteral) interval.operand(0)).toValue());
        assertEquals(unit, ((SqlIntervalQualifier) interval.operand(1)).timeUnitRange.startUnit.name());
        SqlCall byColumn = (SqlCall) item(s, 1);
        assertEquals("n", ((SqlIdentifier) byColumn.operand(0)).getSimple());
        assertEquals("SELECT `ts` - (INTERVAL 5 " + unit + "), (INTERVAL `n` " + unit + ") FROM `t`", unparse(s));
    }

    @Test
    void intervalFunctionsAndNow64AreCalls() {
        SqlSelect s = select("SELECT toIntervalMinute(5), now64(), now64(9), toDateTime64('2024-01-01 00:00:00', 9)");
        assertEquals("toIntervalMinute", functionName(item(s, 0)));
        assertEquals(0, ((SqlCall) item(s, 1)).operandCount());
        assertEquals(1, ((SqlCall) item(s, 2)).operandCount());
        assertEquals(2, ((SqlCall) item(s, 3)).operandCount());
    }

    // ---- identifiers and literals

    @Test
    void identifiersAreCaseSensitiveAndQuotable() {
        SqlSelect s = select("SELECT Symbol, `Price`, \"qTy\", symbol, ts, side, value, date, timestamp, open, close"
                + " FROM `Trades`");
        List<String> names = List.of(
                "Symbol", "Price", "qTy", "symbol", "ts", "side", "value", "date", "timestamp", "open", "close");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), ((SqlIdentifier) item(s, i)).getSimple());
        }
        assertEquals("Trades", ((SqlIdentifier) s.getFrom()).getSimple());
    }

    @Test
    void stringLiteralsWithBackslashEscapes() {
        SqlSelect s = select("SELECT 'it\\'s', 'a\\nb', 'back\\\\slash', 'O''Brien', '\\x41', \"col\" FROM t");
        List<String> values = List.of("it's", "a\nb", "back\\slash", "O'Brien", "A");
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), ((SqlCharStringLiteral) item(s, i)).getValueAs(String.class));
        }
        assertInstanceOf(SqlIdentifier.class, item(s, 5));
        assertEquals("SELECT 'it\\'s', 'a\\nb', 'back\\\\slash', 'O\\'Brien', 'A', `col` FROM `t`", unparse(s));
    }

    @Test
    void aliasesInSelectListAndFrom() {
        SqlSelect s = select("SELECT price * qty AS notional, price p FROM trades t");
        assertEquals(SqlKind.AS, s.getSelectList().get(0).getKind());
        assertEquals(SqlKind.AS, s.getSelectList().get(1).getKind());
        assertEquals(SqlKind.AS, s.getFrom().getKind());
    }

    @Test
    void inListsBetweenAndComparisons() {
        SqlSelect s = select("SELECT * FROM t WHERE s IN ('A', 'B') AND p BETWEEN 1 AND 2 AND q != 3 AND r <> 4");
        assertEquals(
                "SELECT * FROM `t` WHERE `s` IN ('A', 'B') AND `p` BETWEEN 1 AND 2 AND `q` <> 3 AND `r` <> 4",
                unparse(s));
    }

    @Test
    void unionAllAndWith() {
        SqlNode u = ClickHouseSqlParser.parse("SELECT a FROM x UNION ALL SELECT a FROM y")
                .query();
        assertEquals(SqlKind.UNION, u.getKind());
        assertSame(SqlStdOperatorTable.UNION_ALL, ((SqlBasicCall) u).getOperator());
        SqlNode w = ClickHouseSqlParser.parse("WITH l AS (SELECT 1 AS a) SELECT a FROM l")
                .query();
        assertEquals(SqlKind.WITH, w.getKind());
        SqlWith scalar = assertInstanceOf(
                SqlWith.class,
                ClickHouseSqlParser.parse("WITH 60 * 1000000000 AS win, l AS (SELECT 1) SELECT win")
                        .query());
        ClickHouseWithExpression e = assertInstanceOf(ClickHouseWithExpression.class, scalar.withList.get(0));
        assertEquals("win", e.name.getSimple());
        assertEquals(SqlKind.TIMES, e.expression().getKind());
        assertInstanceOf(SqlWithItem.class, scalar.withList.get(1));
        assertEquals("WITH 60 * 1000000000 AS `win`, `l` AS (SELECT 1) SELECT `win`", unparse(scalar));
    }

    // ---- errors

    private static final Pattern POSITION = Pattern.compile("failed at position (\\d+)");

    private static ProxistException syntaxError(String sql) {
        ProxistException e = assertThrows(ProxistException.class, () -> ClickHouseSqlParser.parse(sql));
        assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
        assertEquals(62, e.codeNumber());
        return e;
    }

    private static int position(ProxistException e) {
        Matcher m = POSITION.matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void syntaxErrorsGiveThePosition() {
        ProxistException e = syntaxError("SELECT x FROM t WHERE AND y = 1");
        assertEquals(23, position(e), e.getMessage());
        assertTrue(e.getMessage().startsWith("Syntax error: failed at position 23"), e.getMessage());
        assertTrue(e.getMessage().contains("('AND y = 1')"), e.getMessage());
        assertTrue(e.toClickHouseText("25.8.1.1").startsWith("Code: 62. DB::Exception: Syntax error"));

        ProxistException multiLine = syntaxError("SELECT x\nFROM t\nWHERE x >");
        assertTrue(multiLine.getMessage().contains("line 3"), multiLine.getMessage());

        assertEquals(1, position(syntaxError("SELEC 1")));
        assertEquals(1, position(syntaxError("INSERT INTO t VALUES (1)")));
        assertEquals(1, position(syntaxError("SHOW TABLES")));
        assertTrue(position(syntaxError("SELECT 1 FROM t FORMAT JSON SETTINGS")) >= 29);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "SELECT",
                "SELECT 'unterminated",
                "SELECT 1 FROM",
                "SELECT 1 FROM t LIMIT",
                "SELECT 1 FROM t FINAL FINAL",
                "SELECT * FROM t LIMIT 1 BY",
                "SELECT 1; SELECT 2",
                "SELECT (1)(2)",
                "CREATE TABLE t (x Int32) ENGINE = Memory",
                "SELECT 1 FORMAT",
                "SELECT 1 SETTINGS x"
            })
    void badSqlIsASyntaxError(String sql) {
        ProxistException e = syntaxError(sql);
        assertTrue(position(e) >= 1, e.getMessage());
    }
}
