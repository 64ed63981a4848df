package io.proxist.server.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.ServerVersion;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendLoweringTest {
    static final BackendLowering OLD = BackendLowering.of(new Capabilities(
            new ServerVersion(18, 16, 1, 0), false, false, false, false, false, false, Set.of(), Set.of()));

    static void lowers(String sql, String expected) {
        assertEquals(expected, OLD.apply(sql), sql);
    }

    @Test
    void castOperatorOfLiteralsBecomesCast() {
        lowers(
                "SELECT 7::Int32 AS a, 'x'::String AS b, 1.5::Float64 AS d",
                "SELECT CAST(7 AS Int32) AS a, CAST('x' AS String) AS b, CAST(1.5 AS Float64) AS d");
        lowers("SELECT NULL::Nullable(String)", "SELECT CAST(NULL AS Nullable(String))");
        lowers("SELECT '1.5'::Decimal(10, 2)", "SELECT CAST('1.5' AS Decimal(10, 2))");
        lowers("SELECT 'a'::Enum8('a' = 1, 'b' = 2)", "SELECT CAST('a' AS Enum8('a' = 1, 'b' = 2))");
        lowers("SELECT [1, 2]::Array(UInt8)", "SELECT CAST([1, 2] AS Array(UInt8))");
        lowers(
                "SELECT 'x'::Tuple(a Nullable(String), b Array(UInt8))",
                "SELECT CAST('x' AS Tuple(a Nullable(String), b Array(UInt8)))");
    }

    @Test
    void typesTheBackendLacksAreWrittenAsTheirStorage() {
        lowers("SELECT '2024-01-02'::Date32, 1::Bool", "SELECT CAST('2024-01-02' AS Date), CAST(1 AS UInt8)");
        lowers(
                "SELECT NULL::Nullable(Bool), []::Array(Date32), 'x'::Tuple(Bool Bool), 'Bool'::Enum8('Bool' = 1)",
                "SELECT CAST(NULL AS Nullable(UInt8)), CAST([] AS Array(Date)), CAST('x' AS Tuple(Bool UInt8)),"
                        + " CAST('Bool' AS Enum8('Bool' = 1))");
        // outside a cast a word is a word
        String column = "SELECT Bool, Date32 FROM t";
        assertEquals(column, OLD.apply(column));
    }

    @Test
    void signsAndExponentsBelongToTheNumber() {
        // ClickHouse reads -5::Int8 as the literal -5 cast; after an operand the sign subtracts
        lowers(
                "SELECT -5::Int8, 3 -5::Int8, x - 5::Int8",
                "SELECT CAST(-5 AS Int8), 3 -CAST(5 AS Int8), x - CAST(5 AS Int8)");
        lowers("SELECT (-5::UInt8)", "SELECT (CAST(-5 AS UInt8))");
        lowers("VALUES (1, -2::Int64)", "VALUES (1, CAST(-2 AS Int64))");
        lowers("SELECT 1.0E-5::Float64, -2.5E+3::Float64", "SELECT CAST(1.0E-5 AS Float64), CAST(-2.5E+3 AS Float64)");
        lowers("SELECT 1.0E300::Float64", "SELECT CAST(1.0E300 AS Float64)");
    }

    @Test
    void identifiersGroupsCallsAndChains() {
        lowers("SELECT t.x::String, db.t.y::UInt8 FROM t", "SELECT CAST(t.x AS String), CAST(db.t.y AS UInt8) FROM t");
        lowers("SELECT `a::b`::UInt8", "SELECT CAST(`a::b` AS UInt8)");
        lowers("SELECT ((1 + 2) * (3))::UInt64", "SELECT CAST(((1 + 2) * (3)) AS UInt64)");
        lowers("SELECT toString(f(1, (2)))::String", "SELECT CAST(toString(f(1, (2))) AS String)");
        lowers("SELECT f(1::Int8, (2::Int8)::Int16)", "SELECT f(CAST(1 AS Int8), CAST((CAST(2 AS Int8)) AS Int16))");
        lowers("SELECT 1::Int8::String", "SELECT CAST(CAST(1 AS Int8) AS String)");
        lowers("SELECT arr[1]::String, f(x)[2]::String", "SELECT CAST(arr[1] AS String), CAST(f(x)[2] AS String)");
        lowers("SELECT quantile(0.5)(x)::Float32", "SELECT CAST(quantile(0.5)(x) AS Float32)");
        lowers("SELECT x IN (1, 2)::Array(UInt8)", "SELECT x IN CAST((1, 2) AS Array(UInt8))");
    }

    @Test
    void stringsAndCommentsAreNeverRewritten() {
        String untouched =
                "SELECT 'a::b', 'fromUnixTimestamp64Nano(1)' /* x::y fromUnixTimestamp64Milli(2) */ -- z::w\n, 1";
        assertEquals(untouched, OLD.apply(untouched));
        lowers("SELECT 'it''s :: x'::String -- 1::Int8", "SELECT CAST('it''s :: x' AS String) -- 1::Int8");
        lowers("SELECT 'a\\'::b'::String", "SELECT CAST('a\\'::b' AS String)");
        // single colons: map literals and query parameters
        String single = "SELECT {'a': 1}, {x:UInt8}, map('k', 1)";
        assertEquals(single, OLD.apply(single));
        // what it cannot place is left for the backend to refuse
        assertEquals("SELECT ::Int8", OLD.apply("SELECT ::Int8"));
        assertEquals("SELECT (1, 2).1::String", OLD.apply("SELECT (1, 2).1::String"));
        assertEquals("SELECT 'open::Int8", OLD.apply("SELECT 'open::Int8"));
    }

    @Test
    void timestampsBecomeTheirNanosecondsAsADecimal() {
        lowers(
                "SELECT fromUnixTimestamp64Nano(1704067200500000000)",
                "SELECT toDecimal128(toInt64(1704067200500000000), 0)");
        lowers(
                "SELECT * FROM t WHERE ts >= fromUnixTimestamp64Nano(1704067200000000000) ORDER BY ts",
                "SELECT * FROM t WHERE ts >= toDecimal128(toInt64(1704067200000000000), 0) ORDER BY ts");
        lowers(
                "SELECT fromUnixTimestamp64Micro(1704067200500000), fromUnixTimestamp64Milli((1 + 2) * f(3))",
                "SELECT multiply(toDecimal128(toInt64(1704067200500000), 0), 1000),"
                        + " multiply(toDecimal128(toInt64((1 + 2) * f(3)), 0), 1000000)");
        lowers(
                "SELECT fromUnixTimestamp64Milli(5)::String",
                "SELECT CAST(multiply(toDecimal128(toInt64(5), 0), 1000000) AS String)");
        lowers(
                "SELECT fromUnixTimestamp64Nano(fromUnixTimestamp64Milli(1)::Int64)",
                "SELECT toDecimal128(toInt64(CAST(multiply(toDecimal128(toInt64(1), 0), 1000000) AS Int64)), 0)");
        // a column of that name, or the word without a call, is not a call
        String column = "SELECT fromUnixTimestamp64Nano FROM t";
        assertEquals(column, OLD.apply(column));
    }

    @Test
    void inValuesATimestampTakesTheTypeOfItsColumn() {
        List<DataType> columns = List.of(
                DataType.parse("UInt32"),
                DataType.parse("DateTime"),
                DataType.parse("Int64"),
                DataType.parse("Nullable(Date)"),
                DataType.parse("Array(Int64)"));
        String rows = "(1, fromUnixTimestamp64Nano(1710037815123456789), fromUnixTimestamp64Nano(1710037815123456789),"
                + " fromUnixTimestamp64Milli(1710037815123), [fromUnixTimestamp64Micro(5), 6]),"
                + " (2, fromUnixTimestamp64Micro((7)), 'a, (b', NULL, [])";
        assertEquals(
                "(1, toDateTime(intDiv(toInt64(1710037815123456789), 1000000000)), toInt64(1710037815123456789),"
                        + " toDate(toDateTime(intDiv(toInt64(1710037815123), 1000))),"
                        + " [multiply(toInt64(5), 1000), 6]),"
                        + " (2, toDateTime(intDiv(toInt64((7)), 1000000)), 'a, (b', NULL, [])",
                OLD.applyToValues(rows, () -> columns));
        // the columns are looked up only for a timestamp call
        assertEquals("(CAST(1 AS Int8))", OLD.applyToValues("(1::Int8)", () -> {
            throw new AssertionError("columns asked for");
        }));
    }

    @Test
    void onlyWhatTheBackendLacksIsLowered() {
        String sql = "SELECT 1::Int8, fromUnixTimestamp64Nano(1)";
        assertSame(sql, BackendLowering.NONE.apply(sql));
        assertEquals(
                "SELECT CAST(1 AS Int8), fromUnixTimestamp64Nano(1)",
                new BackendLowering(true, false, Map.of()).apply(sql));
        assertEquals(
                "SELECT 1::Int8, toDecimal128(toInt64(1), 0)", new BackendLowering(false, true, Map.of()).apply(sql));
        assertTrue(OLD.lowersCasts() && OLD.lowersTimestamps());
        // a 21.10 server has Date32 and the cast operator, not yet Bool
        BackendLowering v21 = BackendLowering.of(Capabilities.modern(new ServerVersion(21, 10, 1, 1)));
        assertEquals(
                "SELECT CAST(1 AS UInt8), CAST('2024-01-02' AS Date32)",
                v21.apply("SELECT 1::Bool, '2024-01-02'::Date32"));
        BackendLowering modern = BackendLowering.of(Capabilities.modern(new ServerVersion(25, 8, 1, 1)));
        assertFalse(modern.lowersCasts() || modern.lowersTimestamps());
    }

    /**
     * Seeded random statements mixing casts with strings and comments that contain {@code ::}: after lowering no
     * {@code ::} operator is left, every string and comment is unchanged, and each cast's operand text is found
     * inside a CAST. The seed is in every failure message.
     */
    @Test
    void randomStatementsKeepTheirStringsAndLoseEveryOperator() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> protectedText = new ArrayList<>();
            int items = 1 + rnd.nextInt(5);
            for (int k = 0; k < items; k++) {
                if (k > 0) sql.append(", ");
                sql.append(randomOperand(rnd, 0, protectedText));
                int chain = rnd.nextInt(3);
                for (int c = 0; c < chain; c++) sql.append("::").append(randomType(rnd));
                if (rnd.nextInt(4) == 0) {
                    String comment = "/* c" + k + "::x '::' */";
                    protectedText.add(comment);
                    sql.append(' ').append(comment);
                }
            }
            String in = sql.toString();
            String out = OLD.apply(in);
            String where = "seed " + seed + ", statement " + n + ": " + in + " -> " + out;
            List<SqlToken> tokens = SqlLexer.lex(out);
            for (int i = 0; i + 1 < tokens.size(); i++) {
                assertFalse(
                        tokens.get(i).isPunct(':')
                                && tokens.get(i + 1).isPunct(':')
                                && tokens.get(i).end() == tokens.get(i + 1).start(),
                        where);
            }
            for (String p : protectedText) assertTrue(out.contains(p), where + " lost " + p);
            assertEquals(count(in, "::"), count(out, " AS ") + countInside(protectedText), where);
        }
    }

    private static String randomOperand(Random rnd, int depth, List<String> protectedText) {
        switch (depth > 2 ? rnd.nextInt(4) : rnd.nextInt(7)) {
            case 0 -> {
                return Integer.toString(rnd.nextInt(2000) - 1000);
            }
            case 1 -> {
                String s = "'s" + rnd.nextInt(9) + "::" + (rnd.nextBoolean() ? "Int8" : "x'' y") + "'";
                protectedText.add(s);
                return s;
            }
            case 2 -> {
                return rnd.nextBoolean() ? "col" + rnd.nextInt(5) : "t.col";
            }
            case 3 -> {
                return (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(9) + ".5E-" + rnd.nextInt(9);
            }
            case 4 -> {
                return "(" + randomOperand(rnd, depth + 1, protectedText) + " + "
                        + randomOperand(rnd, depth + 1, protectedText) + "::" + randomType(rnd) + ")";
            }
            case 5 -> {
                return "f" + rnd.nextInt(3) + "(" + randomOperand(rnd, depth + 1, protectedText) + ")";
            }
            default -> {
                return "[" + randomOperand(rnd, depth + 1, protectedText) + "]";
            }
        }
    }

    private static String randomType(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "Int64";
            case 1 -> "Nullable(String)";
            case 2 -> "Decimal(10, 2)";
            default -> "Array(Tuple(a UInt8, b String))";
        };
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        return n;
    }

    private static int countInside(List<String> texts) {
        int n = 0;
        for (String t : texts) n += count(t, "::");
        return n;
    }
}
