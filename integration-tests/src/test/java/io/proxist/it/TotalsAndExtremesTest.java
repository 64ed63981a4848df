package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WITH TOTALS and extremes=1 end to end, the backing ClickHouse 18.16 as the oracle: the same query through Proxist
 * and straight to ClickHouse, over HTTP in every format whose bytes 18.16 and 25.8 share (the others normalised where
 * they differ, or written out), through clickhouse-client and through Python's clickhouse-driver.
 */
@WithClickHouse
class TotalsAndExtremesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String GROUPED =
            "SELECT number % 3 AS k, count() AS c, sum(number) AS s, concat('g', toString(k)) AS t,"
                    + " if(k = 1, NULL, k) AS n, toDate('2020-01-01') + k AS d, avg(number) AS f"
                    + " FROM (SELECT number FROM system.numbers LIMIT 10) GROUP BY k WITH TOTALS ORDER BY k";

    static final String PLAIN =
            "SELECT number AS x, toString(number) AS s FROM (SELECT number FROM system.numbers LIMIT 4)";

    static ProxistServer proxist;
    static TestClickHouse clickhouse;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start(TestClickHouse ch) {
        clickhouse = ch;
        proxist = ProxistUnderTest.start(ch, Map.of());
    }

    @AfterAll
    static void stop() {
        if (proxist != null) proxist.close();
    }

    static byte[] post(String base, String params, String sql) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/?database=" + clickhouse.database() + "&" + params))
                        .POST(HttpRequest.BodyPublishers.ofString(sql))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> sql + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    static String viaProxist(String params, String sql) throws IOException, InterruptedException {
        return new String(post("http://127.0.0.1:" + proxist.httpPort(), params, sql), StandardCharsets.ISO_8859_1);
    }

    static String direct(String params, String sql) throws IOException, InterruptedException {
        return new String(post(clickhouse.endpoint().httpUrl().toString(), params, sql), StandardCharsets.ISO_8859_1);
    }

    /**
     * Formats whose bytes are the same in 18.16 and 25.8 (JSONEachRow once 64-bit integers are quoted as in 18.16).
     * Native has the query without its Nullable column: the value a Native column holds under a NULL is not part of
     * the result, and it differs (18.16 keeps the value computed; read from text it is 0).
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "TabSeparated",
                "TabSeparatedWithNamesAndTypes",
                "TSKV",
                "CSV",
                "CSVWithNames",
                "Vertical",
                "Values",
                "JSONEachRow",
                "RowBinary",
                "Native"
            })
    void httpBodiesAreTheServersOwn(String format) throws Exception {
        for (String params : List.of("extremes=1&", "extremes=0&", "")) {
            for (String query : List.of(GROUPED, PLAIN)) {
                String sql = format.equals("Native") ? query.replace("if(k = 1, NULL, k)", "toNullable(k)") : query;
                String p = params + "output_format_json_quote_64bit_integers=1";
                assertEquals(
                        direct(p, sql + " FORMAT " + format),
                        viaProxist(p, sql + " FORMAT " + format),
                        format + " " + params + " " + sql);
            }
        }
    }

    /**
     * JSON and JSONCompact: the same once what is not about totals is set aside (the statistics, and 18.16's
     * rows_before_limit_at_least without a LIMIT) and JSONCompact's totals and extremes arrays are spaced as its rows
     * (25.8's JSONUtils::writeCompactColumns; 18.16 wrote a bare comma).
     */
    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSONCompact"})
    void jsonHasTotalsAndExtremesObjects(String format) throws Exception {
        String p = "extremes=1&output_format_json_quote_64bit_integers=1";
        String ours = viaProxist(p, GROUPED + " FORMAT " + format);
        assertTrue(ours.contains("\"totals\":") && ours.contains("\"extremes\":"), ours);
        assertEquals(json(direct(p, GROUPED + " FORMAT " + format), format.equals("JSONCompact")), json(ours, false));
    }

    static final java.util.regex.Pattern SPECIAL_ROW =
            java.util.regex.Pattern.compile("(\\t\"totals\": |\\t\\t\"min\": |\\t\\t\"max\": )\\[(.*)\\](,?)");

    static String json(String body, boolean compactOf1816) {
        String s = body.replaceAll(",\\n\\n\\t\"rows_before_limit_at_least\": \\d+", "")
                .replaceAll(",\\n\\n\\t\"statistics\":\\n\\t\\{[^}]*\\}", "");
        if (!compactOf1816) return s;
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!sb.isEmpty()) sb.append('\n');
            java.util.regex.Matcher m = SPECIAL_ROW.matcher(line);
            sb.append(m.matches() ? m.group(1) + "[" + m.group(2).replace(",", ", ") + "]" + m.group(3) : line);
        }
        return sb.toString();
    }

    /** Pretty as a current ClickHouse writes it over HTTP (row numbers, no colour): each part its own table. */
    @Test
    void prettyWritesTotalsAndExtremesTables() throws Exception {
        String sql = "SELECT number % 3 AS k, count() AS c FROM (SELECT number FROM system.numbers LIMIT 10)"
                + " GROUP BY k WITH TOTALS ORDER BY k FORMAT PrettyCompact";
        assertEquals(
                """
                   ┌─k─┬─c─┐
                1. │ 0 │ 4 │
                2. │ 1 │ 3 │
                3. │ 2 │ 3 │
                   └───┴───┘

                Totals:
                   ┌─k─┬──c─┐
                1. │ 0 │ 10 │
                   └───┴────┘

                Extremes:
                   ┌─k─┬─c─┐
                1. │ 0 │ 3 │
                2. │ 2 │ 4 │
                   └───┴───┘
                """,
                new String(post("http://127.0.0.1:" + proxist.httpPort(), "extremes=1", sql), StandardCharsets.UTF_8));
    }

    record Run(int exit, String out, String err) {}

    static Run run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static int clickhouseNativePort() {
        int port = clickhouse.endpoint().nativePort();
        assumeTrue(port > 0, "the test ClickHouse's native port is unknown (set PROXIST_TEST_CLICKHOUSE_NATIVE_PORT)");
        return port;
    }

    static Run client(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "clickhouse-client",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--database",
                clickhouse.database()));
        cmd.addAll(List.of(args));
        Run r = run(cmd);
        assertEquals(0, r.exit(), () -> cmd + ": " + r.err());
        return r;
    }

    /** clickhouse-client 18.16 prints totals and extremes the same from Proxist as from ClickHouse, in each format. */
    @ParameterizedTest
    @ValueSource(
            strings = {"TSV", "TSVWithNames", "PrettyCompactNoEscapes", "PrettySpace", "Vertical", "CSV", "JSONCompact"
            })
    void clickhouseClientPrintsTheSame(String format) throws Exception {
        int chPort = clickhouseNativePort();
        for (String extremes : List.of("1", "0")) {
            for (String sql : List.of(GROUPED, PLAIN)) {
                String q = sql + " FORMAT " + format;
                Run expected = client(chPort, "--extremes", extremes, "--query", q);
                Run actual = client(proxist.nativePort(), "--extremes", extremes, "--query", q);
                assertEquals(
                        json(expected.out(), false),
                        json(actual.out(), false),
                        format + " extremes=" + extremes + ": " + sql);
            }
        }
        Run pretty =
                client(proxist.nativePort(), "--extremes", "1", "--query", GROUPED + " FORMAT PrettyCompactNoEscapes");
        assertTrue(pretty.out().contains("\nTotals:\n") && pretty.out().contains("\nExtremes:\n"), pretty.out());
    }

    /** Python's clickhouse-driver: the packets and the rows execute() returns (totals and extremes appended). */
    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void pythonDriverGetsTheSamePackets(String compression) throws Exception {
        int chPort = clickhouseNativePort();
        Run r = run(List.of(
                NativePythonDriverTest.PYTHON,
                Path.of("python", "totals_check.py").toAbsolutePath().toString(),
                "--host",
                "127.0.0.1",
                "--proxist-port",
                Integer.toString(proxist.nativePort()),
                "--clickhouse-port",
                Integer.toString(chPort),
                "--database",
                clickhouse.database(),
                "--compression",
                compression));
        assertEquals(0, r.exit(), () -> r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("ok", lines.getLast(), r.out());
        assertTrue(lines.contains("same: 1 data totals extremes profile"), r.out());
        assertTrue(lines.contains("same: 4 totals profile"), r.out());
    }
}
