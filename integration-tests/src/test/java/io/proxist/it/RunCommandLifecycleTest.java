package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded default end to end: the distribution starts a managed ClickHouse, applies the schemas, serves
 * both ClickHouse ports, and Ctrl-C (SIGINT) or SIGTERM stops it with nothing left running.
 */
class RunCommandLifecycleTest {
    private static final List<String> TABLES = List.of(
            "account_state",
            "fills",
            "guardrail_transitions",
            "market_data",
            "orders",
            "positions_intraday",
            "proxist_migrations",
            "risk_decisions",
            "system_events",
            "trades");

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void servesThenStopsCleanlyOnSignal(String signal, @TempDir Path home) throws Exception {
        List<ProcessHandle> tree;
        try (Distribution d = Distribution.start(home)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ping = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort + "/ping"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertEquals("Ok.\n", ping.body());

            String tables = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort + "/"))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "SELECT name FROM system.tables WHERE database = 'default' ORDER BY name"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertEquals(String.join("\n", TABLES) + "\n", tables, "the schemas are applied");

            assertEquals(
                    "1\n", clickhouseClient(d.nativePort, "SELECT 1"), "the native port answers clickhouse-client");

            tree = d.process.descendants().toList();
            assertTrue(
                    tree.stream().anyMatch(h -> h.info().command().orElse("").contains("clickhouse")),
                    "a managed ClickHouse runs under Proxist: "
                            + tree.stream().map(h -> h.info().toString()).toList());
            assertTrue(d.output.toString().contains("clickhouse-client --host 127.0.0.1 --port " + d.nativePort));

            d.signal(signal);
            assertTrue(d.process.waitFor(90, TimeUnit.SECONDS), "Proxist stops on SIG" + signal);
            synchronized (d.output) {
                assertTrue(d.output.toString().contains("managed ClickHouse stopped"), d.output.toString());
            }
        }
        for (ProcessHandle h : tree) {
            h.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "left behind: " + h.info());
        }
    }

    /**
     * The live demo the run command turns on (./proxist passes demo.events-per-second=2000): a newcomer sees
     * {@code SELECT count() FROM trades} grow within seconds, and quotes, orders and fills arrive too.
     */
    @org.junit.jupiter.api.Test
    void theDemoFeedMakesTradesGrow(@TempDir Path home) throws Exception {
        String run = java.nio.file.Files.readString(Path.of("..", "proxist"));
        assertTrue(run.contains("--set demo.events-per-second=2000"), "./proxist run starts the demo feed");
        try (Distribution d = Distribution.start(home, "--set", "demo.events-per-second=2000")) {
            long first = count(d, "trades");
            long later = first;
            // counts are answered from memory at once: ask until the feed's next trade shows, for up to 30 s
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (later <= first && System.nanoTime() < deadline) later = count(d, "trades");
            assertTrue(later > first, "trades grows: " + first + " then " + later);
            assertTrue(count(d, "market_data") > 0, "quotes arrive");
            d.signal("TERM");
            assertTrue(d.process.waitFor(90, TimeUnit.SECONDS), "Proxist stops with the feed running");
        }
    }

    private static long count(Distribution d, String table) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort + "/"))
                                .POST(HttpRequest.BodyPublishers.ofString("SELECT count() FROM " + table))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().strip());
    }

    static String clickhouseClient(int port, String query) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "clickhouse-client", "--host", "127.0.0.1", "--port", Integer.toString(port), "-q", query)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
