package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text parsing per type, against values worked out from the ClickHouse documentation. */
class TypeParsingTest {
    static final InputSettings S = InputSettings.DEFAULT;

    /** The cells of a one-column body. */
    static List<String> cells(String format, String type, String body) {
        return cells(format, type, body, S);
    }

    static List<String> cells(String format, String type, String body, InputSettings s) {
        return InputTesting.rows(InputTesting.decode(format, List.of("c"), InputTesting.types(type), s, body)).stream()
                .map(r -> r.get(0))
                .toList();
    }

    static ProxistException fails(String format, String type, String body) {
        return assertThrows(ProxistException.class, () -> cells(format, type, body));
    }

    @Test
    void integersAreRangeChecked() {
        assertEquals(List.of("-128", "127", "0", "5"), cells("TSV", "Int8", "-128\n127\n-0\n+5\n"));
        assertEquals(List.of("-1"), cells("TSV", "UInt64", "18446744073709551615\n"));
        assertEquals(List.of("-9223372036854775808"), cells("TSV", "Int64", "-9223372036854775808"));
        assertEquals(List.of("4294967295"), cells("CSV", "UInt32", "4294967295"));
        // ClickHouse reads the number's prefix, then misses the delimiter: CANNOT_PARSE_INPUT_ASSERTION_FAILED
        for (String bad : List.of("1e2", "1.0", " 1", "0x10", "abc", "1-")) {
            ProxistException e = fails("TSV", "Int8", bad);
            assertEquals(ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, e.code(), bad);
        }
        // signs its integer reader refuses, and values out of range (ClickHouse wraps those; Proxist refuses)
        for (String bad : List.of("128", "-129", "--1", "+-1", "-", "+")) {
            ProxistException e = fails("TSV", "Int8", bad);
            assertEquals(ErrorCode.CANNOT_PARSE_NUMBER, e.code(), bad);
        }
        assertEquals(
                ErrorCode.CANNOT_PARSE_NUMBER,
                fails("TSV", "UInt64", "18446744073709551616").code());
        assertEquals(ErrorCode.CANNOT_PARSE_NUMBER, fails("TSV", "UInt8", "-1").code());
        assertEquals(
                ErrorCode.CANNOT_PARSE_NUMBER,
                fails("TSV", "Int64", "9223372036854775808").code());
        assertEquals(
                "Cannot parse input: value '300' is out of range of Int8 [format=TSV, row=1, column=c, type=Int8]",
                fails("TSV", "Int8", "300").getMessage());
    }

    @Test
    void wideIntegersAndDecimals() {
        assertEquals(
                List.of("xffffffffffffffffffffffffffffff7f", "x00000000000000000000000000000080"),
                cells(
                        "TSV",
                        "Int128",
                        "170141183460469231731687303715884105727\n-170141183460469231731687303715884105728"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_NUMBER, fails("TSV", "UInt128", "-1").code());
        assertEquals(ErrorCode.CANNOT_PARSE_NUMBER, fails("TSV", "Int128", "-").code());
        assertEquals(
                ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                fails("TSV", "Int256", "12a").code());
        assertEquals(
                List.of("x" + "ff".repeat(32)),
                cells(
                        "TSV",
                        "UInt256",
                        "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        assertEquals(
                List.of("125", "-125", "100", "1", "0", "123"),
                cells("TSV", "Decimal(9, 2)", "1.25\n-1.25\n1\n0.019\n0\n1.23e0"));
        assertEquals(List.of("999999999"), cells("TSV", "Decimal32(2)", "9999999.99"));
        // more digits than the precision holds: ClickHouse's "Too many digits", ARGUMENT_OUT_OF_BOUND
        assertEquals(
                ErrorCode.ARGUMENT_OUT_OF_BOUND,
                fails("TSV", "Decimal(9, 2)", "10000000").code());
        assertEquals(
                ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                fails("TSV", "Decimal(9, 2)", "1.2.3").code());
        assertEquals(
                ErrorCode.CANNOT_PARSE_NUMBER,
                fails("TSV", "Decimal(9, 2)", "1e").code());
        assertEquals(
                List.of("x" + "ff".repeat(16), "x01" + "00".repeat(15)), cells("TSV", "Decimal(38, 0)", "-1\n1\n"));
        assertEquals(
                ErrorCode.ARGUMENT_OUT_OF_BOUND,
                fails("TSV", "Decimal(38, 0)", "9".repeat(39)).code());
        assertEquals(List.of("1250"), cells("JSONEachRow", "Decimal64(3)", "{\"c\": 1.25}"));
        assertEquals(List.of("1250"), cells("JSONEachRow", "Decimal64(3)", "{\"c\": \"1.25\"}"));
    }

    @Test
    void floats() {
        assertEquals(
                List.of("1.5", "-0.0", "Infinity", "-Infinity", "nan", "1.0E300", "0.1", "100.0", "0.5", "5.0"),
                cells("TSV", "Float64", "1.5\n-0\ninf\n-inf\nnan\n1e300\n0.1\n1E2\n.5\n5.\n"));
        assertEquals(List.of(Double.toString((double) 0.1f), "Infinity"), cells("CSV", "Float32", "0.1\nINF\n"));
        assertEquals(List.of("0.30000000000000004"), cells("TSV", "Float64", "0.30000000000000004"));
        assertEquals(List.of("1.7976931348623157E308"), cells("TSV", "Float64", "1.7976931348623157e308"));
        assertEquals(List.of("4.9E-324"), cells("TSV", "Float64", "4.9e-324"));
        for (String bad : List.of("abc", "1..2", "0x1p3", "1.5f", "nope", "infinit", "-x")) {
            assertEquals(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    fails("TSV", "Float64", bad).code(),
                    bad);
        }
        for (String bad : List.of("1e", "1e+", "-", ".", "e5")) {
            assertEquals(
                    ErrorCode.CANNOT_PARSE_NUMBER, fails("TSV", "Float64", bad).code(), bad);
        }
    }

    @Test
    void boolAcceptsItsWords() {
        assertEquals(List.of("1", "0", "1", "0", "1", "0"), cells("TSV", "Bool", "true\nfalse\n1\n0\nYES\noff\n"));
        assertEquals(List.of("1", "0"), cells("JSONEachRow", "Bool", "{\"c\":true}{\"c\":0}"));
        assertEquals(List.of("1", "0"), cells("JSONEachRow", "UInt8", "{\"c\":true}{\"c\":false}"));
        assertEquals(ErrorCode.CANNOT_PARSE_BOOL, fails("TSV", "Bool", "maybe").code());
    }

    @Test
    void dates() {
        assertEquals(
                List.of("19782", "19782", "19782", "0", "0", "65535"),
                cells("TSV", "Date", "2024-02-29\n2024/2/29\n20240229\n0000-00-00\n1960-01-01\n2200-01-01\n"));
        assertEquals(List.of("-25567", "120529", "-1"), cells("TSV", "Date32", "1900-01-01\n2299-12-31\n1969-12-31"));
        for (String bad : List.of("2023-02-29", "2024-13-01", "2024-00-10", "24-01-01", "2024-01-01 00:00:00", "x")) {
            assertEquals(ErrorCode.CANNOT_PARSE_DATE, fails("TSV", "Date", bad).code(), bad);
        }
        assertEquals(List.of("19782"), cells("Values", "Date", "('2024-02-29')"));
        assertEquals(List.of("19782"), cells("JSONEachRow", "Date", "{\"c\": 19782}"));
    }

    @Test
    void dateTimesInTheirZone() {
        assertEquals(
                List.of("1704164645", "1704164645", "1704067200", "1234567890", "0", "0"),
                cells(
                        "TSV",
                        "DateTime",
                        "2024-01-02 03:04:05\n2024-01-02T03:04:05\n2024-01-01\n1234567890\n0\n0000-00-00 00:00:00\n"));
        assertEquals(List.of("1704132245"), cells("TSV", "DateTime('Asia/Tokyo')", "2024-01-02 03:04:05"));
        InputSettings ny = S.withServerTimeZone(ZoneId.of("America/New_York"));
        // ClickHouse's DateLUT: in the spring-forward gap the offset after the change applies, in the fall-back
        // overlap the earlier one (observed on the real server, see ServerRoundTripTest's dtn column)
        assertEquals(
                List.of("1710052200", "1730611800", "1730617200", "1710054000"),
                cells(
                        "TSV",
                        "DateTime",
                        "2024-03-10 02:30:00\n2024-11-03 01:30:00\n2024-11-03 02:00:00\n2024-03-10 03:00:00\n",
                        ny));
        assertEquals(List.of("0", "4294967295"), cells("TSV", "DateTime", "1969-12-31 23:59:59\n9999999999999\n"));
        for (String bad : List.of("2024-01-02 25:00:00", "2024-01-02 03:04", "2024-02-30 00:00:00", "yesterday")) {
            assertEquals(
                    ErrorCode.CANNOT_PARSE_DATETIME,
                    fails("TSV", "DateTime", bad).code(),
                    bad);
        }
    }

    @Test
    void dateTime64() {
        assertEquals(
                List.of(
                        "1704164645123",
                        "1704164645100",
                        "1704164645999",
                        "1500",
                        "-1500",
                        "1704164645000",
                        "12345678901234"),
                cells(
                        "TSV",
                        "DateTime64(3)",
                        "2024-01-02 03:04:05.123\n2024-01-02 03:04:05.1\n2024-01-02 03:04:05.9999\n1.5\n-1.5\n"
                                + "2024-01-02 03:04:05\n12345678901234\n"));
        assertEquals(List.of("1704132245000000"), cells("TSV", "DateTime64(6, 'Asia/Tokyo')", "2024-01-02 03:04:05"));
        assertEquals(
                List.of("1704164645500"), cells("JSONEachRow", "DateTime64(3)", "{\"c\":\"2024-01-02 03:04:05.5\"}"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_DATETIME,
                fails("TSV", "DateTime64(3)", "2024-01-02 03:04:05.").code());
    }

    @Test
    void enumsByNameOrNumber() {
        String e = "Enum8('a' = 1, 'b c' = -2, 'd\\'e' = 3)";
        assertEquals(List.of("1", "-2", "3", "1", "-2"), cells("TSV", e, "a\nb c\nd'e\n1\n-2\n"));
        assertEquals(List.of("3"), cells("Values", e, "('d\\'e')"));
        assertEquals(List.of("3"), cells("JSONEachRow", e, "{\"c\": \"d'e\"}"));
        assertEquals(List.of("-2"), cells("JSONEachRow", e, "{\"c\": -2}"));
        ProxistException unknown = fails("TSV", e, "zz");
        assertEquals(ErrorCode.UNKNOWN_ELEMENT_OF_ENUM, unknown.code());
        assertEquals(
                "Unknown element 'zz' for enum " + e + " [format=TSV, row=1, column=c, type=" + e + "]",
                unknown.getMessage());
        for (String bad : List.of("7", "-1", "99999", "1x", "+")) {
            assertEquals(ErrorCode.UNKNOWN_ELEMENT_OF_ENUM, fails("TSV", e, bad).code(), bad);
        }
        assertEquals(
                ErrorCode.UNKNOWN_ELEMENT_OF_ENUM,
                fails("JSONEachRow", e, "{\"c\": 7}").code());
        StringBuilder big = new StringBuilder("Enum16(");
        for (int i = 0; i < 40; i++)
            big.append(i > 0 ? ", " : "").append("'v").append(i).append("' = ").append(i * 100);
        String e16 = big.append(')').toString();
        assertEquals(List.of("3900", "0"), cells("CSV", e16, "v39\n\"v0\"\n"));
    }

    @Test
    void uuidsAndAddresses() {
        assertEquals(
                List.of("xefcdab8967452301efcdab8967452301", "xefcdab8967452301efcdab8967452301"),
                cells("TSV", "UUID", "01234567-89ab-cdef-0123-456789abcdef\n0123456789ABCDEF0123456789abcdef\n"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_UUID,
                fails("TSV", "UUID", "01234567-89ab-cdef-0123-456789abcdeg").code());
        assertEquals(List.of("3232235777", "0"), cells("TSV", "IPv4", "192.168.1.1\n0.0.0.0\n"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_IPV4, fails("TSV", "IPv4", "256.1.1.1").code());
        assertEquals(
                List.of(
                        "x20010db8000000000000000000000001",
                        "x00000000000000000000ffffc0a80101",
                        "x00000000000000000000000000000000",
                        "x00000000000000000000ffff01020304"),
                cells("TSV", "IPv6", "2001:db8::1\n::ffff:192.168.1.1\n::\n1.2.3.4\n"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_IPV6,
                fails("TSV", "IPv6", "2001:db8:::1").code());
    }

    @Test
    void fixedStringsArePaddedAndNeverCut() {
        assertEquals(List.of("x61620000", "x61626364"), cells("TSV", "FixedString(4)", "ab\nabcd\n"));
        ProxistException e = fails("TSV", "FixedString(4)", "abcde");
        assertEquals(ErrorCode.TOO_LARGE_STRING_SIZE, e.code());
    }

    @Test
    void stringsUnescapeAsClickHouseDoes() {
        assertEquals(
                List.of("'a\\x09b\\x0ac\\x5cd\\x27e\"\\x00\\x1b\\x5c%A'"),
                cells("TSV", "String", "a\\tb\\nc\\\\d\\'e\\\"\\0\\e\\%\\x41\n"));
        assertEquals(List.of("'a\\x5cb'"), cells("TSVRaw", "String", "a\\b\n"));
        assertEquals(
                ErrorCode.CANNOT_PARSE_ESCAPE_SEQUENCE,
                fails("JSONEachRow", "String", "{\"c\":\"\\ud83d\"}").code());
        assertEquals(List.of("'it\\x27s'", "'\\x5c%'"), cells("Values", "String", "('it''s'), ('\\%')"));
        assertEquals(
                List.of("'\\xc3\\xa9\\xf0\\x9f\\x98\\x80/\\x00'"),
                cells("JSONEachRow", "String", "{\"c\":\"\\u00e9\\ud83d\\ude00\\/\\u0000\"}"));
        assertEquals(
                List.of("'12'", "'true'", "'[1, \"a\"]'", "'{\"k\": [1]}'", "''"),
                cells(
                        "JSONEachRow",
                        "String",
                        "{\"c\": 12}\n{\"c\": true}\n{\"c\": [1, \"a\"]}\n{\"c\": {\"k\": [1]}}\n{\"c\": null}"));
    }

    @Test
    void nullables() {
        assertEquals(List.of("NULL", "''", "'x'"), cells("TSV", "Nullable(String)", "\\N\n\nx\n"));
        assertEquals(List.of("NULL", "NULL", "''", "'NULL'"), cells("CSV", "Nullable(String)", "\\N\n\n\"\"\nNULL\n"));
        assertEquals(List.of("NULL", "7"), cells("Values", "Nullable(Int32)", "(NULL), (7)"));
        assertEquals(
                List.of("NULL", "7", "NULL"), cells("JSONEachRow", "Nullable(Int32)", "{\"c\":null} {\"c\":\"7\"} {}"));
        // input_format_null_as_default: NULL into a non-Nullable column is its default
        assertEquals(List.of("0", "0"), cells("TSV", "Int32", "\\N\n\\N"));
        assertEquals(List.of("0"), cells("Values", "Int32", "(null)"));
        ProxistException e = assertThrows(
                ProxistException.class, () -> cells("Values", "Int32", "(NULL)", S.withNullAsDefault(false)));
        assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
    }

    @Test
    void arraysTuplesAndMaps() {
        assertEquals(
                List.of("[1,2,3]", "[]", "[NULL,'a\\x09b','c\\x27d']"),
                List.of(
                        cells("TSV", "Array(Int32)", "[1, 2,3]").get(0),
                        cells("TSV", "Array(Int32)", "[]").get(0),
                        cells("TSV", "Array(Nullable(String))", "[NULL,'a\\tb','c\\'d']")
                                .get(0)));
        assertEquals(List.of("[[1],[],[2,3]]"), cells("CSV", "Array(Array(UInt8))", "\"[[1],[],[2,3]]\""));
        assertEquals(List.of("(1,'a',[2])"), cells("TSV", "Tuple(Int32, String, Array(Int8))", "(1,'a',[2])"));
        assertEquals(List.of("(1,'a')"), cells("JSONEachRow", "Tuple(Int32, String)", "{\"c\":[1,\"a\"]}"));
        assertEquals(
                List.of("(1,'a')", "(2,'')"),
                cells("JSONEachRow", "Tuple(x Int32, y String)", "{\"c\":{\"y\":\"a\",\"x\":1}}\n{\"c\":{\"x\":2}}"));
        String map = "Map(String, UInt64)";
        assertEquals(
                List.of("[('a',1),('b',2)]", "[]"),
                cells("JSONEachRow", map, "{\"c\":{\"a\":1,\"b\":\"2\"}}{\"c\":{}}"));
        assertEquals(List.of("[('a',1),('b',2)]"), cells("TSV", map, "{'a':1,'b':2}"));
        assertEquals(List.of("[('a',1)]"), cells("Values", map, "({'a': 1})"));
        assertEquals(
                List.of("[(1,['x'])]"), cells("JSONEachRow", "Map(UInt8, Array(String))", "{\"c\":{\"1\":[\"x\"]}}"));
        assertEquals(List.of("[1,2]"), cells("JSONStringsEachRow", "Array(UInt8)", "{\"c\":\"[1,2]\"}"));
        assertEquals(List.of("[]"), cells("CSV", "Array(UInt8)", "\n"));
    }

    @Test
    void lowCardinalityColumnsHoldTheirValues() {
        List<String> got = cells("TSV", "LowCardinality(Nullable(String))", "a\n\\N\n");
        assertEquals(List.of("'a'", "NULL"), got);
    }

    @Test
    void rowBinaryValues() {
        byte[] body = {
            3, 'a', 'b', 'c', // String
        };
        assertEquals(
                List.of("'abc'"),
                InputTesting.rows(InputTesting.decode(
                                "RowBinary",
                                List.of("c"),
                                InputTesting.types("String"),
                                S,
                                body,
                                InputTesting.Feed.WHOLE,
                                0))
                        .stream()
                        .map(r -> r.get(0))
                        .toList());
        byte[] map = {2, 1, 'a', 1, 0, 0, 0, 1, 'b', 2, 0, 0, 0}; // Map(String, UInt32): 2 entries
        assertEquals(
                "[('a',1),('b',2)]",
                InputTesting.cell(
                        InputTesting.decode(
                                        "RowBinary",
                                        List.of("c"),
                                        InputTesting.types("Map(String, UInt32)"),
                                        S,
                                        map,
                                        InputTesting.Feed.BYTES,
                                        0)
                                .get(0)
                                .column(0),
                        0));
        byte[] enumBad = {9};
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinary",
                        List.of("c"),
                        InputTesting.types("Enum8('a' = 1)"),
                        S,
                        enumBad,
                        InputTesting.Feed.WHOLE,
                        0));
        assertEquals(ErrorCode.UNKNOWN_ELEMENT_OF_ENUM, e.code());
    }
}
