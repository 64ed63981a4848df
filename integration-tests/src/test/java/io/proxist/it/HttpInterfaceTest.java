package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.protocol.compress.CompressedFrames;
import io.proxist.protocol.compress.CompressionMethod;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP interface through Proxist, the real ClickHouse behind it. */
@WithClickHouse
class HttpInterfaceTest {
    static ProxistServer proxist;
    static String db;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestClickHouse ch) {
        proxist = ProxistUnderTest.start(ch, Map.of());
        db = ch.database();
    }

    @AfterAll
    static void stop() {
        proxist.close();
    }

    static URI url(String params) {
        return URI.create(
                "http://127.0.0.1:" + proxist.httpPort() + "/?database=" + db + (params.isEmpty() ? "" : "&" + params));
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> post(String params, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(url(params))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void selectsPassThroughWithModernHeaders() throws Exception {
        HttpResponse<String> r = post("", "SELECT number, toString(number) AS s FROM system.numbers LIMIT 3");
        assertEquals(200, r.statusCode());
        assertEquals("0\t0\n1\t1\n2\t2\n", r.body());
        assertEquals(
                "TabSeparated", r.headers().firstValue("X-ClickHouse-Format").orElse(""));
        assertTrue(r.headers().firstValue("X-ClickHouse-Query-Id").isPresent());
        assertTrue(r.headers().firstValue("X-ClickHouse-Timezone").orElse("").contains("UTC"));
        assertEquals(
                "proxist",
                r.headers().firstValue("X-ClickHouse-Server-Display-Name").orElse(""));
        assertTrue(r.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"read_rows\""));
    }

    @Test
    void formatsTheBackendLacksAreEncodedByProxist() throws Exception {
        HttpResponse<String> r = post("", "SELECT 1 AS x, 'a' AS y FORMAT JSONCompactEachRow");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("[1, \"a\"]\n", r.body(), "current ClickHouse separates fields with a comma and a space");
        HttpResponse<String> d = post("default_format=JSONEachRow", "SELECT toUInt64(7) AS n");
        assertEquals("{\"n\":7}\n", d.body(), "25.8 no longer quotes 64-bit integers by default");
        HttpResponse<String> quoted =
                post("default_format=JSONEachRow&output_format_json_quote_64bit_integers=1", "SELECT toUInt64(7) AS n");
        assertEquals("{\"n\":\"7\"}\n", quoted.body());
    }

    @Test
    void connectProbesAreAnsweredLocally() throws Exception {
        HttpResponse<String> r =
                post("", "SELECT currentUser() AS user, timezone() AS timezone, version() AS version LIMIT 1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().matches("default\t\\S*UTC\t25\\.8\\.1\\.1\n"), r.body());
        assertEquals("54460\n", post("", "SELECT revision()").body());
    }

    @Test
    void errorsAreModernWithTheRightCodesAndStatus() throws Exception {
        record Case(String params, String sql, int code, int status, String name) {}
        for (Case c : new Case[] {
            new Case("", "SELEC 1", 62, 400, "SYNTAX_ERROR"),
            new Case("", "SELECT * FROM no_such_table", 60, 404, "UNKNOWN_TABLE"),
            new Case("", "SELECT 1 FORMAT NoSuchFormat", 73, 404, "UNKNOWN_FORMAT"),
            new Case("no_such_setting=1", "SELECT 1", 115, 404, "UNKNOWN_SETTING"),
            new Case("user=default&password=wrong", "SELECT 1", 516, 401, "AUTHENTICATION_FAILED"),
            new Case("", "SELECT {x:UInt8}", 456, 400, "UNKNOWN_QUERY_PARAMETER"),
        }) {
            HttpResponse<String> r = post(c.params(), c.sql());
            assertEquals(c.status(), r.statusCode(), c + ": " + r.body());
            assertEquals(
                    Integer.toString(c.code()),
                    r.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""),
                    c.toString());
            assertTrue(r.body().startsWith("Code: " + c.code() + ". DB::Exception: "), r.body());
            assertTrue(r.body().endsWith(". (" + c.name() + ") (version 25.8.1.1)\n"), r.body());
            // the connection (kept alive by the client) still serves
            assertEquals("1\n", post("", "SELECT 1").body());
        }
    }

    /**
     * WITH TOTALS and extremes=1 are answered as ClickHouse answers them: the TabSeparated body here is the backing
     * server's own, byte for byte (TotalsAndExtremesTest compares more formats and the native clients).
     */
    @Test
    void totalsAndExtremesAreAnswered() throws Exception {
        HttpResponse<String> r = post("extremes=1", "SELECT 1 AS k, count() GROUP BY k WITH TOTALS");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1\t1\n\n1\t1\n\n1\t1\n1\t1\n", r.body());
        assertEquals("1\n\n1\n1\n", post("extremes=1", "SELECT 1").body());
        assertEquals(
                "0\t5\n1\t5\n\n0\t10\n",
                post(
                                "",
                                "SELECT number % 2 AS k, count() FROM (SELECT number FROM system.numbers LIMIT 10)"
                                        + " GROUP BY k WITH TOTALS ORDER BY k")
                        .body());
    }

    @Test
    void systemSettingsHasTheColumnsOfACurrentServer() throws Exception {
        HttpResponse<String> r =
                post("", "SELECT name, value, readonly FROM system.settings WHERE name = 'max_block_size'");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("max_block_size\t65536\t0\n", r.body());
        HttpResponse<String> aliased =
                post("", "SELECT count() > 100 FROM system.settings s WHERE s.readonly = 0 AND type != ''");
        assertEquals("1\n", aliased.body());
        assertEquals(
                "1\n", post("", "SELECT 'system.settings' = 'system.settings'").body());
    }

    @Test
    void settingsFromANewerServerAreDroppedNotRefused() throws Exception {
        HttpResponse<String> r = post("output_format_json_quote_64bit_floats=1&async_insert=0", "SELECT 1");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void queryParametersAreSubstitutedWithQuoting() throws Exception {
        HttpResponse<String> r =
                post("param_x=41&param_s=" + q("it's a \\\\ test"), "SELECT {x:UInt8} + 1, {s:String}");
        assertEquals("42\tit\\'s a \\\\ test\n", r.body());
    }

    @Test
    void sessionsKeepSettings() throws Exception {
        assertEquals(200, post("session_id=s1", "SET max_block_size = 7").statusCode());
        assertEquals(
                "7\n",
                post("session_id=s1", "SELECT getSetting('max_block_size')").body());
        HttpResponse<String> missing = post("session_id=nope&session_check=1", "SELECT 1");
        assertEquals(
                "372",
                missing.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""));
    }

    @Test
    void insertsPassThroughAndDescribeHasSevenColumns() throws Exception {
        assertEquals(
                200,
                post("", "CREATE TABLE t_ins (id UInt32, name String) ENGINE = MergeTree ORDER BY id")
                        .statusCode());
        HttpResponse<String> ins = post("query=" + q("INSERT INTO t_ins FORMAT TabSeparated"), "1\tone\n2\ttwo\n");
        assertEquals(200, ins.statusCode(), ins.body());
        assertEquals(200, post("", "INSERT INTO t_ins VALUES (3, 'three')").statusCode());
        assertEquals(
                "1\tone\n2\ttwo\n3\tthree\n",
                post("", "SELECT * FROM t_ins ORDER BY id").body());
        assertEquals(
                "id\tUInt32\t\t\t\t\t\nname\tString\t\t\t\t\t\n",
                post("", "DESCRIBE TABLE t_ins").body());
    }

    @Test
    void insertsAreDecodedWholeThenSentAsNative() throws Exception {
        assertEquals(
                200,
                post("", "CREATE TABLE t_dec (id UInt32, name String, px Float64) ENGINE = MergeTree ORDER BY id")
                        .statusCode());
        HttpResponse<String> ok =
                post("query=" + q("INSERT INTO t_dec FORMAT JSONCompactEachRow"), "[1, \"a\", 1.5]\n[2, \"b\", 2.5]\n");
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(
                ok.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"written_rows\":\"2\""),
                ok.headers().firstValue("X-ClickHouse-Summary").orElse(""));
        HttpResponse<String> cols = post("query=" + q("INSERT INTO t_dec (name, id) FORMAT CSV"), "\"c\",3\n");
        assertEquals(200, cols.statusCode(), cols.body());
        // a bad second row: nothing of the INSERT lands, the error names the row and column
        HttpResponse<String> bad =
                post("query=" + q("INSERT INTO t_dec FORMAT TabSeparated"), "4\td\t4.5\nfive\te\t5.5\n");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("row=2") && bad.body().contains("column=id"), bad.body());
        assertEquals(
                "1\ta\t1.5\n2\tb\t2.5\n3\tc\t0\n",
                post("", "SELECT * FROM t_dec ORDER BY id").body());
        HttpResponse<String> utf8 = post("", "INSERT INTO t_dec VALUES (6, 'é Ü ✓', 6.5)");
        assertEquals(200, utf8.statusCode(), utf8.body());
        assertEquals("é Ü ✓\n", post("", "SELECT name FROM t_dec WHERE id = 6").body());
        HttpResponse<String> truncated = post("", "SELECT 1 +* FROM");
        assertEquals(
                "62",
                truncated.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""),
                truncated.body());
        HttpResponse<String> unknown = post("query=" + q("INSERT INTO t_dec FORMAT NoSuchFormat"), "x");
        assertEquals(
                "73",
                unknown.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""),
                unknown.body());
    }

    @Test
    void nativeCompressionBothWays() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(url("compress=1"))
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 'x' AS a"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals("x\n".getBytes(StandardCharsets.UTF_8), CompressedFrames.decompress(r.body()));
        byte[] body =
                CompressedFrames.compress("SELECT 40 + 2".getBytes(StandardCharsets.UTF_8), CompressionMethod.ZSTD);
        HttpResponse<String> d = HTTP.send(
                HttpRequest.newBuilder(url("decompress=1"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("42\n", d.body());
        byte[] corrupt = body.clone();
        corrupt[3] ^= 1;
        HttpResponse<String> bad = HTTP.send(
                HttpRequest.newBuilder(url("decompress=1"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(corrupt))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "40", bad.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""), bad.body());
    }

    @Test
    void gzipOnlyWhenEnabled() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(url("enable_http_compression=1"))
                        .header("Accept-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 'zipped'"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(
                "zipped\n",
                new String(
                        new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
                        StandardCharsets.UTF_8));
        HttpResponse<String> plain = HTTP.send(
                HttpRequest.newBuilder(url(""))
                        .header("Accept-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 'plain'"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("plain\n", plain.body());
    }

    @Test
    void zstdAndLz4EncodingsAndCompressedRequestBodies() throws Exception {
        for (String enc : new String[] {"zstd", "lz4", "deflate"}) {
            HttpResponse<byte[]> r = HTTP.send(
                    HttpRequest.newBuilder(url("enable_http_compression=1"))
                            .header("Accept-Encoding", enc)
                            .POST(HttpRequest.BodyPublishers.ofString("SELECT 'packed' FROM system.numbers LIMIT 1000"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(enc, r.headers().firstValue("Content-Encoding").orElse(""), enc);
            java.io.InputStream in = new ByteArrayInputStream(r.body());
            java.io.InputStream decoded =
                    switch (enc) {
                        case "zstd" -> new com.github.luben.zstd.ZstdInputStream(in);
                        case "lz4" -> new net.jpountz.lz4.LZ4FrameInputStream(in);
                        default -> new java.util.zip.InflaterInputStream(in);
                    };
            assertEquals("packed\n".repeat(1000), new String(decoded.readAllBytes(), StandardCharsets.UTF_8), enc);
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
            g.write("SELECT 'from gzip'".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(url(""))
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("from gzip\n", r.body());
    }

    @Test
    void progressHeadersWhenAsked() throws Exception {
        HttpResponse<String> r = post(
                "send_progress_in_http_headers=1", "SELECT count() FROM (SELECT number FROM system.numbers LIMIT 10)");
        assertTrue(r.headers().firstValue("X-ClickHouse-Progress").orElse("").contains("\"read_rows\""));
    }

    @Test
    void basicAuthAndHeaders() throws Exception {
        String basic = Base64.getEncoder().encodeToString("default:".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(url(""))
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT currentUser()"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("default\n", r.body());
        HttpResponse<String> mixed = HTTP.send(
                HttpRequest.newBuilder(url("user=default"))
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "516", mixed.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""), mixed.body());
    }

    @Test
    void aLargeResultStreams() throws Exception {
        HttpResponse<java.io.InputStream> r = HTTP.send(
                HttpRequest.newBuilder(url(""))
                        .POST(HttpRequest.BodyPublishers.ofString("SELECT number FROM system.numbers LIMIT 3000000"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElse(""));
        long lines = 0;
        try (var in = r.body()) {
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
            }
        }
        assertEquals(3_000_000, lines);
    }
}
