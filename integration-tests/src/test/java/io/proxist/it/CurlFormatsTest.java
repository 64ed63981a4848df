package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * curl through Proxist: every output format over a table with every column type the backend stores; for the
 * formats the backend also has, the bytes equal what ClickHouse itself returns for the same query, apart from the
 * defaults a current server changed (set back here with their settings).
 */
@WithClickHouse
class CurlFormatsTest {
    static ProxistServer proxist;
    static TestClickHouse clickhouse;
    static final String QUERY = "SELECT * FROM all_types ORDER BY id";
    /** Settings that give 18.16's defaults on a current server (JSON integer quoting, array layout in JSON). */
    static final String OLD_DEFAULTS = "output_format_json_quote_64bit_integers=1&output_format_json_pretty_print=0";

    @BeforeAll
    static void start(TestClickHouse ch) {
        clickhouse = ch;
        proxist = ProxistUnderTest.start(ch, Map.of());
        ch.query("CREATE TABLE all_types (id UInt32, i8 Int8, u8 UInt8, i16 Int16, u16 UInt16, i32 Int32, u64 UInt64,"
                + " i64 Int64, f32 Float32, f64 Float64, s String, fs FixedString(3), d Date, dt DateTime,"
                + " dtz DateTime('Asia/Tokyo'), e Enum8('buy' = 1, 'sell' = 2), u UUID, n Nullable(String),"
                + " a Array(Float64), an Array(Nullable(UInt8))) ENGINE = MergeTree ORDER BY id");
        ch.query("INSERT INTO all_types SELECT number, toInt8(-number), toUInt8(number), toInt16(-300 * number),"
                + " toUInt16(number), toInt32(-70000 * number), 18446744073709551615 - number, -5000000000 * number,"
                + " number / 3, number / 7, concat('s\\t\"\\'\\\\', toString(number)), toFixedString('ab', 3),"
                + " toDate('2024-03-10') + number, toDateTime('2024-03-10 01:30:00') + number * 3600,"
                + " toDateTime('2024-03-10 01:30:00') + number, number % 2 + 1,"
                + " toUUID('01234567-89ab-cdef-0123-456789abcdef'), if(number % 2 = 0, NULL, 'x'),"
                + " [number / 2, -1.5], [NULL, toUInt8(number)] FROM system.numbers LIMIT 20");
    }

    @AfterAll
    static void stop() {
        proxist.close();
    }

    static byte[] curl(String base, String format, String settings) throws IOException, InterruptedException {
        String url = base + "/?database=" + clickhouse.database() + (settings.isEmpty() ? "" : "&" + settings)
                + "&query=" + URLEncoder.encode(QUERY + " FORMAT " + format, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of("curl", "-sS", "--fail-with-body", url)).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), format + ": " + err + new String(out, StandardCharsets.UTF_8));
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TabSeparated", "TabSeparatedWithNames", "TabSeparatedWithNamesAndTypes", "TabSeparatedRaw", "TSKV",
                        "CSV",
                "CSVWithNames", "JSONEachRow", "JSONCompact", "RowBinary", "Values", "Native"
            })
    void bytesEqualClickHouseItself(String format) throws Exception {
        byte[] direct = modern(format, curl(clickhouse.endpoint().httpUrl().toString(), format, ""));
        byte[] proxied = curl("http://127.0.0.1:" + proxist.httpPort(), format, OLD_DEFAULTS);
        if (format.equals("JSONCompact")) {
            direct = withoutStatistics(direct);
            proxied = withoutStatistics(proxied);
        }
        assertTrue(direct.length > 0);
        assertArrayEquals(
                direct,
                proxied,
                format + "\ndirect:\n" + new String(direct, StandardCharsets.UTF_8) + "\nproxist:\n"
                        + new String(proxied, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "JSON", "JSONStrings", "JSONCompactEachRow", "JSONCompactEachRowWithNames",
                        "JSONCompactEachRowWithNamesAndTypes",
                "JSONCompactStrings", "JSONStringsEachRow", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes",
                        "CSVWithNamesAndTypes",
                "Pretty", "PrettyCompact", "PrettySpace", "Vertical", "Null"
            })
    void everyOtherFormatIsServed(String format) throws Exception {
        byte[] proxied = curl("http://127.0.0.1:" + proxist.httpPort(), format, "");
        if (!format.equals("Null")) assertTrue(proxied.length > 0, format);
    }

    /**
     * Where a current ClickHouse writes differently from 18.16 with no setting to go back, the 18.16 bytes are
     * changed the way the current server writes: TabSeparatedRaw writes NULL as \\N (not the 18.16 glyph), and
     * Native over HTTP keeps DateTime's time zone in the type name.
     */
    static byte[] modern(String format, byte[] old) {
        String s = new String(old, StandardCharsets.ISO_8859_1);
        if (format.equals("TabSeparatedRaw")) {
            String glyph = new String(
                    "\u1d3a\u1d41\u1d38\u1d38".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            s = s.replace(glyph, "\\N");
        }
        if (format.equals("Native")) {
            s = s.replace("\u0003dtz\u0008DateTime", "\u0003dtz\u0016DateTime('Asia/Tokyo')");
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * JSON's statistics are measurements, not data: the time taken, and bytes_read, which ClickHouse counts as the
     * uncompressed bytes of the columns it read and Proxist as the bytes of the result it received.
     */
    static byte[] withoutStatistics(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.substring(0, s.indexOf("\"statistics\":")).getBytes(StandardCharsets.UTF_8);
    }
}
