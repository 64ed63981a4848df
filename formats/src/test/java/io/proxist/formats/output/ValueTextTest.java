package io.proxist.formats.output;

import static io.proxist.formats.output.Blocks.bigInts;
import static io.proxist.formats.output.Blocks.ipv6;
import static io.proxist.formats.output.Blocks.longs;
import static io.proxist.formats.output.Blocks.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.block.Column;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.type.DataType;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The text of single values in each of ClickHouse's forms (ISerialization::serializeText*). */
class ValueTextTest {
    enum Form {
        TEXT,
        ESCAPED,
        RAW,
        QUOTED,
        CSV,
        JSON,
        JSON_PRETTY
    }

    static String render(Column c, int row, Form form, FormatSettings settings, boolean validate) {
        ColumnText t = ColumnText.of(c, new ColumnText.Env(settings, validate));
        ByteSink s = new ByteSink();
        switch (form) {
            case TEXT -> t.text(row, s);
            case ESCAPED -> t.escaped(row, s);
            case RAW -> t.raw(row, s);
            case QUOTED -> t.quoted(row, s);
            case CSV -> t.csv(row, s);
            case JSON -> t.json(row, s);
            case JSON_PRETTY -> t.jsonPretty(row, s, 0);
        }
        return s.toString();
    }

    static String render(Column c, int row, Form form) {
        return render(c, row, form, FormatSettings.DEFAULT, false);
    }

    @Test
    void uuid() {
        byte[] d = HexFormat.of().parseHex("efcdab8967452301efcdab8967452301");
        FixedBytesColumn c = new FixedBytesColumn(DataType.parse("UUID"), 16, d, 1);
        assertEquals("01234567-89ab-cdef-0123-456789abcdef", render(c, 0, Form.TEXT));
        assertEquals("'01234567-89ab-cdef-0123-456789abcdef'", render(c, 0, Form.QUOTED));
        assertEquals("\"01234567-89ab-cdef-0123-456789abcdef\"", render(c, 0, Form.CSV));
        assertEquals("\"01234567-89ab-cdef-0123-456789abcdef\"", render(c, 0, Form.JSON));
    }

    @Test
    void ipv6AsClickHouseFormatsIt() {
        FixedBytesColumn c = ipv6(
                "::",
                "::1",
                "1::",
                "2001:db8:0:0:1:0:0:1",
                "2001:db8::1:0:0:0",
                "1:0:2:0:3:0:4:0",
                "1.2.3.4",
                "::1.2.3.4",
                "fe80::1:2");
        String[] expected = {
            "::",
            "::1",
            "1::",
            "2001:db8::1:0:0:1",
            "2001:db8:0:0:1::",
            "1:0:2:0:3:0:4:0",
            "::ffff:1.2.3.4",
            "::1.2.3.4",
            "fe80::1:2"
        };
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], render(c, i, Form.TEXT), "row " + i);
        assertEquals("'::1'", render(c, 1, Form.QUOTED));
    }

    @Test
    void wideIntegersAndDecimals() {
        Column i256 = bigInts("Int256", 32, BigInteger.TWO.pow(255).negate(), BigInteger.valueOf(-1));
        assertEquals(
                "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
                render(i256, 0, Form.TEXT));
        assertEquals("-1", render(i256, 1, Form.TEXT));
        assertEquals("-1", render(i256, 1, Form.JSON));
        assertEquals("\"-1\"", render(i256, 1, Form.JSON, FormatSettings.DEFAULT.withQuote64BitIntegers(true), false));
        Column u128 = bigInts("UInt128", 16, BigInteger.TWO.pow(128).subtract(BigInteger.ONE));
        assertEquals("340282366920938463463374607431768211455", render(u128, 0, Form.TEXT));
        Column d128 = bigInts("Decimal128(4)", 16, BigInteger.valueOf(-5), BigInteger.valueOf(123400000));
        assertEquals("-0.0005", render(d128, 0, Form.TEXT));
        assertEquals("12340", render(d128, 1, Form.TEXT));
        FormatSettings zeros =
                FormatSettings.DEFAULT.withText(FormatSettings.Text.DEFAULT.withDecimalTrailingZeros(true));
        assertEquals("12340.0000", render(d128, 1, Form.TEXT, zeros, false));
        Column d32 = longs("Decimal(9, 2)", -50, 0, 120);
        assertEquals("-0.5", render(d32, 0, Form.TEXT));
        assertEquals("0", render(d32, 1, Form.TEXT));
        assertEquals("1.2", render(d32, 2, Form.TEXT));
        assertEquals("-0.50", render(d32, 0, Form.TEXT, zeros, false));
        assertEquals("0.00", render(d32, 1, Form.TEXT, zeros, false));
        FormatSettings quoted =
                FormatSettings.DEFAULT.withJson(new FormatSettings.Json(false, true, true, true, true, false, true));
        assertEquals("\"1.2\"", render(d32, 2, Form.JSON, quoted, false));
    }

    @Test
    void datesAndTimes() {
        assertEquals("2149-06-06", render(longs("Date", 65535), 0, Form.TEXT));
        assertEquals("1970-01-01", render(longs("Date", 0), 0, Form.TEXT));
        assertEquals("1969-12-31", render(longs("Date32", -1), 0, Form.TEXT));
        assertEquals("2106-02-07 06:28:15", render(longs("DateTime", 0xFFFFFFFFL), 0, Form.TEXT));
        assertEquals(
                "'2024-03-10 03:00:00'", render(longs("DateTime('America/New_York')", 1710054000L), 0, Form.QUOTED));
        FormatSettings tokyo = FormatSettings.DEFAULT.withServerTimeZone(ZoneId.of("Asia/Tokyo"));
        assertEquals("1970-01-01 09:00:00", render(longs("DateTime", 0), 0, Form.TEXT, tokyo, false));
        Column dt64 = longs("DateTime64(6)", -1, -1_000_000, 1_500_000);
        assertEquals("1969-12-31 23:59:59.999999", render(dt64, 0, Form.TEXT));
        assertEquals("1969-12-31 23:59:59.000000", render(dt64, 1, Form.TEXT));
        assertEquals("\"1970-01-01 00:00:01.500000\"", render(dt64, 2, Form.JSON));
        assertEquals("1970-01-01 00:00:07", render(longs("DateTime64(0)", 7), 0, Form.TEXT));
    }

    @Test
    void enumNamesInEveryForm() {
        Column e = longs("Enum8('a\\'b' = 1, 'c\\td/' = -2)", 1, -2);
        assertEquals("a'b", render(e, 0, Form.TEXT));
        assertEquals("a\\'b", render(e, 0, Form.ESCAPED));
        assertEquals("'a\\'b'", render(e, 0, Form.QUOTED));
        assertEquals("\"a'b\"", render(e, 0, Form.CSV));
        assertEquals("\"c\\td\\/\"", render(e, 1, Form.JSON));
        assertEquals("c\td/", render(e, 1, Form.RAW));
    }

    @Test
    void boolAndIpv4() {
        Column b = longs("Bool", 1, 0);
        assertEquals("true", render(b, 0, Form.TEXT));
        assertEquals("false", render(b, 1, Form.QUOTED));
        assertEquals("false", render(b, 1, Form.JSON));
        Column ip = longs("IPv4", 0xC0A80001L);
        assertEquals("192.168.0.1", render(ip, 0, Form.TEXT));
        assertEquals("'192.168.0.1'", render(ip, 0, Form.QUOTED));
        assertEquals("\"192.168.0.1\"", render(ip, 0, Form.JSON));
    }

    @Test
    void stringEscapings() {
        Column s = strings("a\tb\n'\"\\\0/\u0001\u007f");
        assertEquals("a\\tb\\n\\'\"\\\\\\0/\u0001\u007f", render(s, 0, Form.ESCAPED));
        assertEquals("'a\\tb\\n\\'\"\\\\\\0/\u0001\u007f'", render(s, 0, Form.QUOTED));
        assertEquals("\"a\tb\n'\"\"\\\0/\u0001\u007f\"", render(s, 0, Form.CSV));
        assertEquals("\"a\\tb\\n'\\\"\\\\\\u0000\\/\\u0001\u007f\"", render(s, 0, Form.JSON));
        FormatSettings noSlash =
                FormatSettings.DEFAULT.withJson(new FormatSettings.Json(false, false, false, true, true, false, true));
        assertEquals("\"/\"", render(strings("/"), 0, Form.JSON, noSlash, false));
    }

    @Test
    void jsonReplacesInvalidUtf8WhenValidating() {
        byte[] raw = HexFormat.of().parseHex("41ff80c328e282f09f9880eda080e280a842e2");
        Column s = Blocks.bytes("String", java.util.List.of(raw));
        String validated = render(s, 0, Form.JSON, FormatSettings.DEFAULT, true);
        // FF 80 C3 (C3 is cut by '(') -> one U+FFFD, '(' kept; E2 82 (cut by F0) -> one U+FFFD; the emoji kept;
        // ED A0 80 (a surrogate) -> one U+FFFD; U+2028 escaped; the cut E2 at the end -> U+FFFD
        assertEquals("\"A\uFFFD(\uFFFD😀\uFFFD\\u2028B\uFFFD\"", validated);
        ColumnText t = ColumnText.of(s, new ColumnText.Env(FormatSettings.DEFAULT, false));
        ByteSink out = new ByteSink();
        t.json(0, out);
        // without validation every byte but U+2028 passes through
        assertEquals(raw.length - 3 + "\\u2028".length() + 2, out.size());
        assertEquals((byte) 0xFF, out.at(2));
    }

    @Test
    void jsonNumbersFollowTheQuotingSettings() {
        Column i64 = longs("Int64", -1);
        Column u64 = longs("UInt64", -1);
        Column i32 = longs("Int32", -1);
        assertEquals("-1", render(i64, 0, Form.JSON));
        assertEquals("18446744073709551615", render(u64, 0, Form.JSON));
        FormatSettings quote = FormatSettings.DEFAULT.withQuote64BitIntegers(true);
        assertEquals("\"-1\"", render(i64, 0, Form.JSON, quote, false));
        assertEquals("\"18446744073709551615\"", render(u64, 0, Form.JSON, quote, false));
        assertEquals("-1", render(i32, 0, Form.JSON, quote, false));
        Column f = Blocks.doubles("Float64", Double.POSITIVE_INFINITY, Double.NaN, -Double.NaN, 1.5);
        assertEquals("null", render(f, 0, Form.JSON));
        FormatSettings denormals = FormatSettings.DEFAULT.withQuoteDenormals(true);
        assertEquals("\"inf\"", render(f, 0, Form.JSON, denormals, false));
        assertEquals("\"nan\"", render(f, 1, Form.JSON, denormals, false));
        assertEquals("1.5", render(f, 3, Form.JSON, denormals, false));
        FormatSettings floats =
                FormatSettings.DEFAULT.withJson(new FormatSettings.Json(true, false, true, true, true, false, true));
        assertEquals("\"1.5\"", render(f, 3, Form.JSON, floats, false));
        assertEquals("\"null\"", render(f, 0, Form.JSON, floats, false));
        assertEquals("1.5", render(Blocks.doubles("Float32", 1.5), 0, Form.JSON, floats, false));
    }

    @Test
    void nullsInEveryForm() {
        Column n = Blocks.nullable(strings("", "x"), true, false);
        assertEquals("ᴺᵁᴸᴸ", render(n, 0, Form.TEXT));
        assertEquals("\\N", render(n, 0, Form.ESCAPED));
        assertEquals("\\N", render(n, 0, Form.RAW));
        assertEquals("NULL", render(n, 0, Form.QUOTED));
        assertEquals("\\N", render(n, 0, Form.CSV));
        assertEquals("null", render(n, 0, Form.JSON));
        assertEquals("\"x\"", render(n, 1, Form.CSV));
    }

    @Test
    void containers() {
        Column arr = Blocks.array(strings("a'", "b"), 2, 2);
        assertEquals("['a\\'','b']", render(arr, 0, Form.TEXT));
        assertEquals("\"['a\\'','b']\"", render(arr, 0, Form.CSV));
        assertEquals("[\"a'\",\"b\"]", render(arr, 0, Form.JSON));
        assertEquals("[\n\t\"a'\",\n\t\"b\"\n]", render(arr, 0, Form.JSON_PRETTY));
        assertEquals("[]", render(arr, 1, Form.JSON_PRETTY));
        Column map = Blocks.map(longs("UInt8", 1, 2), strings("x", "y"), 2);
        assertEquals("{1:'x',2:'y'}", render(map, 0, Form.TEXT));
        assertEquals("{\"1\":\"x\",\"2\":\"y\"}", render(map, 0, Form.JSON));
        Column unnamed = Blocks.tuple("Tuple(UInt8, String)", longs("UInt8", 1), strings("s"));
        assertEquals("(1,'s')", render(unnamed, 0, Form.TEXT));
        assertEquals("[1,\"s\"]", render(unnamed, 0, Form.JSON));
        assertEquals("1,\"s\"", render(unnamed, 0, Form.CSV));
        Column named = Blocks.tuple("Tuple(a UInt8, b String)", longs("UInt8", 1), strings("s"));
        assertEquals("{\"a\":1,\"b\":\"s\"}", render(named, 0, Form.JSON));
        FormatSettings arrays =
                FormatSettings.DEFAULT.withJson(new FormatSettings.Json(false, false, true, false, true, false, true));
        assertEquals("[1,\"s\"]", render(named, 0, Form.JSON, arrays, false));
        assertEquals("[\n\t1,\n\t\"s\"\n]", render(named, 0, Form.JSON_PRETTY, arrays, false));
    }
}
