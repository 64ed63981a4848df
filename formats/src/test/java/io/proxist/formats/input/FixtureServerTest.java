package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputTesting.Feed;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Formats ClickHouse 18.16 does not have, from hand-written fixtures following the current ClickHouse
 * documentation: decoded by Proxist, written as Native, inserted into the real server, read back as TabSeparated.
 */
@WithClickHouse
class FixtureServerTest {
    static final List<String> NAMES = List.of("id", "s", "n", "a", "d", "dt", "e", "u", "f", "dec", "fs", "uuid");
    static final List<DataType> TYPES = InputTesting.types(
            "UInt32",
            "String",
            "Nullable(Int64)",
            "Array(Nullable(String))",
            "Date",
            "DateTime('Asia/Tokyo')",
            "Enum8('a' = 1, 'b' = 2)",
            "UInt64",
            "Float64",
            "Decimal(9, 3)",
            "FixedString(3)",
            "UUID");

    static final String EXPECTED = String.join(
            "\n",
            "1\ta\\tb\"c\t\\N\t[NULL,'x']\t2024-02-29\t2024-01-02 03:04:05\tb\t18446744073709551615\t1.5\t-1.250\tab\\0"
                    + "\t01234567-89ab-cdef-0123-456789abcdef",
            "2\t\t-9223372036854775808\t[]\t1970-01-02\t1970-01-02 09:00:00\ta\t0\t-0.5\t0.000\t\\0\\0\\0"
                    + "\t00000000-0000-0000-0000-000000000000",
            "3\tx\t7\t['y']\t2000-01-01\t2000-01-01 00:00:00\ta\t3\t2\t3.500\txyz\tffffffff-ffff-ffff-ffff-ffffffffffff",
            "");

    /** Row 3 with s, n and a left to their defaults. */
    static final String EXPECTED_DEFAULTS = EXPECTED.replace("3\tx\t7\t['y']", "3\t\t\\N\t[]");

    static final String JSON_ROWS = """
            [1, "a\\tb\\"c", null, [null, "x"], "2024-02-29", "2024-01-02 03:04:05", "b", "18446744073709551615", 1.5, -1.25, "ab", "01234567-89ab-cdef-0123-456789abcdef"]
            [2, "", "-9223372036854775808", [], "1970-01-02", 86400, 1, 0, -0.5, "0", "", "00000000-0000-0000-0000-000000000000"]
            [3, "x", 7, ["y"], "2000-01-01", "2000-01-01 00:00:00", "a", 3, 2, 3.5, "xyz", "ffffffff-ffff-ffff-ffff-ffffffffffff"]
            """;

    static final String JSON_NAMES =
            "[\"id\", \"s\", \"n\", \"a\", \"d\", \"dt\", \"e\", \"u\", \"f\", \"dec\", \"fs\", \"uuid\"]\n";
    static final String JSON_TYPES =
            "[\"UInt32\", \"String\", \"Nullable(Int64)\", \"Array(Nullable(String))\", \"Date\","
                    + " \"DateTime('Asia/Tokyo')\", \"Enum8('a' = 1, 'b' = 2)\", \"UInt64\", \"Float64\", \"Decimal(9, 3)\","
                    + " \"FixedString(3)\", \"UUID\"]\n";

    static final String JSON_STRING_ROWS = """
            ["1", "a\\tb\\"c", "\\\\N", "[NULL,'x']", "2024-02-29", "2024-01-02 03:04:05", "b", "18446744073709551615", "1.5", "-1.25", "ab", "01234567-89ab-cdef-0123-456789abcdef"]
            ["2", "", "-9223372036854775808", "[]", "1970-01-02", "86400", "1", "0", "-0.5", "0", "", "00000000-0000-0000-0000-000000000000"]
            ["3", "x", "7", "['y']", "2000-01-01", "2000-01-01 00:00:00", "a", "3", "2", "3.5", "xyz", "ffffffff-ffff-ffff-ffff-ffffffffffff"]
            """;

    static String insertAndSelect(TestClickHouse ch, String table, List<Block> blocks) throws Exception {
        ch.query("DROP TABLE IF EXISTS " + table);
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (int i = 0; i < NAMES.size(); i++)
            ddl.append(i > 0 ? ", " : "").append(NAMES.get(i)).append(' ').append(TYPES.get(i));
        ch.query(ddl.append(") ENGINE = Memory").toString());
        ByteBuf out = Unpooled.buffer();
        byte[] body;
        try {
            for (Block b : blocks) NativeBlockWriter.write(b, 0, out);
            body = new byte[out.readableBytes()];
            out.readBytes(body);
        } finally {
            out.release();
        }
        String url = ch.endpoint().httpUrl() + "/?database=" + ch.database() + "&query="
                + URLEncoder.encode("INSERT INTO " + table + " FORMAT Native", StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return ch.query("SELECT * FROM " + table + " ORDER BY id");
    }

    /** Decodes the fixture fed whole, byte by byte and in random pieces; all must agree; returns the blocks. */
    static List<Block> decodeEveryWay(String format, byte[] body, InputSettings s) {
        List<Block> whole = InputTesting.decode(format, NAMES, TYPES, s, body, Feed.WHOLE, 0);
        String reference = InputTesting.describe(whole);
        assertEquals(
                reference, InputTesting.describe(InputTesting.decode(format, NAMES, TYPES, s, body, Feed.BYTES, 0)));
        assertEquals(
                reference, InputTesting.describe(InputTesting.decode(format, NAMES, TYPES, s, body, Feed.STREAM, 0)));
        long seed = new Random().nextLong();
        assertEquals(
                reference,
                InputTesting.describe(InputTesting.decode(format, NAMES, TYPES, s, body, Feed.RANDOM, seed)),
                "seed " + seed);
        return whole;
    }

    static void check(TestClickHouse ch, String format, String body, String expected) throws Exception {
        check(ch, format, body.getBytes(StandardCharsets.UTF_8), expected);
    }

    static void check(TestClickHouse ch, String format, byte[] body, String expected) throws Exception {
        List<Block> blocks = decodeEveryWay(format, body, InputSettings.DEFAULT.withMaxBlockRows(2));
        assertEquals(expected, insertAndSelect(ch, "fx_" + format.toLowerCase(java.util.Locale.ROOT), blocks), format);
    }

    @Test
    void jsonCompactEachRow(TestClickHouse ch) throws Exception {
        check(ch, "JSONCompactEachRow", JSON_ROWS, EXPECTED);
        check(ch, "JSONCompactEachRowWithNames", JSON_NAMES + JSON_ROWS, EXPECTED);
        check(ch, "JSONCompactEachRowWithNamesAndTypes", JSON_NAMES + JSON_TYPES + JSON_ROWS, EXPECTED);
    }

    @Test
    void jsonCompactEachRowWithNamesMapsColumnsByName(TestClickHouse ch) throws Exception {
        String body = """
                ["uuid", "fs", "dec", "f", "u", "e", "dt", "d", "id", "extra"]
                ["01234567-89ab-cdef-0123-456789abcdef", "ab", -1.25, 1.5, "18446744073709551615", "b", "2024-01-02 03:04:05", "2024-02-29", 1, {"skipped": [1, "x"]}]
                ["00000000-0000-0000-0000-000000000000", "", 0, -0.5, 0, "a", 86400, "1970-01-02", 2, null]
                ["ffffffff-ffff-ffff-ffff-ffffffffffff", "xyz", 3.5, 2, 3, "a", "2000-01-01 00:00:00", "2000-01-01", 3, 1e10]
                """;
        String expected = EXPECTED.replace("a\\tb\"c\t\\N\t[NULL,'x']", "\t\\N\t[]")
                .replace("2\t\t-9223372036854775808\t[]", "2\t\t\\N\t[]")
                .replace("3\tx\t7\t['y']", "3\t\t\\N\t[]");
        check(ch, "JSONCompactEachRowWithNames", body, expected);
    }

    @Test
    void jsonStringsFormats(TestClickHouse ch) throws Exception {
        check(ch, "JSONCompactStringsEachRow", JSON_STRING_ROWS, EXPECTED);
        check(ch, "JSONCompactStringsEachRowWithNames", JSON_NAMES + JSON_STRING_ROWS, EXPECTED);
        check(ch, "JSONCompactStringsEachRowWithNamesAndTypes", JSON_NAMES + JSON_TYPES + JSON_STRING_ROWS, EXPECTED);
        String objects = """
                {"id": "1", "s": "a\\tb\\"c", "n": null, "a": "[NULL,'x']", "d": "2024-02-29", "dt": "2024-01-02 03:04:05", "e": "b", "u": "18446744073709551615", "f": "1.5", "dec": "-1.25", "fs": "ab", "uuid": "01234567-89ab-cdef-0123-456789abcdef"}
                {"uuid": "00000000-0000-0000-0000-000000000000", "id": "2", "s": "", "n": "-9223372036854775808", "a": "[]", "d": "1970-01-02", "dt": "86400", "e": "1", "u": "0", "f": "-0.5", "dec": "0", "fs": ""}
                {"id": "3", "d": "2000-01-01", "dt": "2000-01-01 00:00:00", "e": "a", "u": "3", "f": "2", "dec": "3.5", "fs": "xyz", "uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}
                """;
        check(ch, "JSONStringsEachRow", objects, EXPECTED_DEFAULTS);
    }

    /** A hand-assembled RowBinary body (types as the ClickHouse docs describe them). */
    static final class Rb {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Rb varUInt(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Rb le(long v, int width) {
            for (int i = 0; i < width; i++) out.write((int) (v >>> (8 * i)));
            return this;
        }

        Rb str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varUInt(b.length);
            out.writeBytes(b);
            return this;
        }

        Rb raw(int... bytes) {
            for (int b : bytes) out.write(b);
            return this;
        }

        Rb fixed(String s, int n) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
            for (int i = b.length; i < n; i++) out.write(0);
            return this;
        }

        Rb uuid(long high, long low) {
            return le(high, 8).le(low, 8);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static void header(Rb rb, boolean types) {
        rb.varUInt(NAMES.size());
        for (String n : NAMES) rb.str(n);
        if (types) for (DataType t : TYPES) rb.str(t.toString());
    }

    /** The three rows; with {@code defaults}, each value has its flag and row 3 leaves s, n, a to defaults. */
    static void rows(Rb rb, boolean defaults) {
        long tokyo20240102 = 1704132245L; // 2024-01-02 03:04:05 +09:00
        long epoch20000101 = 946684800L - 9 * 3600;
        Object[][] rows = {
            {
                1,
                "a\tb\"c",
                null,
                new String[] {null, "x"},
                19782,
                tokyo20240102,
                2,
                -1L,
                1.5,
                -1250,
                "ab",
                0x0123456789abcdefL
            },
            {2, "", Long.MIN_VALUE, new String[0], 1, 86400L, 1, 0L, -0.5, 0, "", 0L},
            {3, "x", 7L, new String[] {"y"}, 10957, epoch20000101, 1, 3L, 2.0, 3500, "xyz", -1L}
        };
        for (Object[] r : rows) {
            boolean third = (int) r[0] == 3;
            if (defaults) rb.raw(0);
            rb.le((int) r[0], 4);
            if (defaults && third) {
                rb.raw(1).raw(1).raw(1);
            } else {
                if (defaults) rb.raw(0);
                rb.str((String) r[1]);
                if (defaults) rb.raw(0);
                if (r[2] == null) rb.raw(1);
                else rb.raw(0).le((long) r[2], 8);
                if (defaults) rb.raw(0);
                String[] a = (String[]) r[3];
                rb.varUInt(a.length);
                for (String x : a) {
                    if (x == null) rb.raw(1);
                    else rb.raw(0).str(x);
                }
            }
            if (defaults) rb.raw(0);
            rb.le((int) r[4], 2);
            if (defaults) rb.raw(0);
            rb.le((long) r[5], 4);
            if (defaults) rb.raw(0);
            rb.le((int) r[6], 1);
            if (defaults) rb.raw(0);
            rb.le((long) r[7], 8);
            if (defaults) rb.raw(0);
            rb.le(Double.doubleToLongBits((double) r[8]), 8);
            if (defaults) rb.raw(0);
            rb.le((int) r[9], 4);
            if (defaults) rb.raw(0);
            rb.fixed((String) r[10], 3);
            if (defaults) rb.raw(0);
            long u = (long) r[11];
            rb.uuid(u, u);
        }
    }

    @Test
    void rowBinaryWithNamesAndDefaults(TestClickHouse ch) throws Exception {
        Rb names = new Rb();
        header(names, false);
        rows(names, false);
        check(ch, "RowBinaryWithNames", names.bytes(), EXPECTED);
        Rb typed = new Rb();
        header(typed, true);
        rows(typed, false);
        check(ch, "RowBinaryWithNamesAndTypes", typed.bytes(), EXPECTED);
        Rb defaults = new Rb();
        rows(defaults, true);
        check(ch, "RowBinaryWithDefaults", defaults.bytes(), EXPECTED_DEFAULTS);
    }

    @Test
    void csvWithNamesAndTypesAndRawTsv(TestClickHouse ch) throws Exception {
        String csv = "id,s,n,a,d,dt,e,u,f,dec,fs,uuid\n"
                + "UInt32,String,Nullable(Int64),Array(Nullable(String)),Date,DateTime('Asia/Tokyo'),"
                + "\"Enum8('a' = 1, 'b' = 2)\",UInt64,Float64,\"Decimal(9, 3)\",FixedString(3),UUID\n"
                + "1,\"a\tb\"\"c\",\\N,\"[NULL,'x']\",2024-02-29,\"2024-01-02 03:04:05\",b,18446744073709551615,1.5,-1.25,ab,"
                + "01234567-89ab-cdef-0123-456789abcdef\r\n"
                + "2,\"\",-9223372036854775808,[],1970-01-02,86400,1,0,-0.5,0,\"\",00000000-0000-0000-0000-000000000000\r\n"
                + " 3 , x ,7,['y'],2000-01-01,2000-01-01 00:00:00,a,3,2,3.5,xyz,ffffffff-ffff-ffff-ffff-ffffffffffff";
        check(ch, "CSVWithNamesAndTypes", csv, EXPECTED);
        String raw =
                "1\ta\\tb\"c\t\\N\t[NULL,'x']\t2024-02-29\t2024-01-02 03:04:05\tb\t18446744073709551615\t1.5\t-1.25\tab"
                        + "\t01234567-89ab-cdef-0123-456789abcdef\n"
                        + "2\t\t-9223372036854775808\t[]\t1970-01-02\t86400\t1\t0\t-0.5\t0\t\t00000000-0000-0000-0000-000000000000\n"
                        + "3\tx\t7\t['y']\t2000-01-01\t2000-01-01 00:00:00\ta\t3\t2\t3.5\txyz\tffffffff-ffff-ffff-ffff-ffffffffffff\n";
        // Raw: the backslash-t in row 1 stays two characters
        check(ch, "TSVRaw", raw, EXPECTED.replace("a\\tb\"c", "a\\\\tb\"c"));
    }
}
