package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.proxist.server.ProxistServer;
import io.proxist.server.trace.SeamTelemetry;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A query across the seam leaves a slow-query log line (threshold 0 here: every query) with its plan, the rows of
 * each side and the backend SQL, and OpenTelemetry spans (query, memory read, pushdown, stitch) exported over
 * OTLP/HTTP to a collector the test runs on loopback.
 */
@WithClickHouse
class SeamTelemetryTest {
    @Test
    void aQueryAcrossTheSeamIsLoggedAndTraced(TestClickHouse clickhouse) throws Exception {
        CompletableFuture<String> spans = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (received) {
                received.write(body);
                // OTLP protobuf carries span names as plain UTF-8
                String all = received.toString(StandardCharsets.ISO_8859_1);
                if (all.contains("proxist.query")
                        && all.contains("proxist.seam.hot")
                        && all.contains("proxist.seam.pushdown")
                        && all.contains("proxist.seam.stitch")) spans.complete(all);
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        collector.start();
        Logger slow = (Logger) LoggerFactory.getLogger(SeamTelemetry.SLOW_LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        slow.addAppender(lines);
        try (ProxistServer proxist = ProxistUnderTest.start(
                clickhouse,
                Map.of(
                        "proxist.home",
                                Files.createTempDirectory("proxist-trace").toString(),
                        "schemas.apply", "true",
                        "clickhouse.database", clickhouse.database(),
                        "ingest.tables", "trades",
                        "ingest.policies", "trades.hot-window-ms=1000;trades.flush-interval-ms=50",
                        "query.slow-log-ms", "0",
                        "tracing.otlp-endpoint",
                                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"))) {
            HttpClient http = HttpClient.newHttpClient();
            // old rows, persisted and evicted (the hot window is one second behind the newest row), then new ones
            post(
                    http,
                    proxist,
                    clickhouse,
                    "INSERT INTO trades (symbol, ts, seq, price, size) FORMAT TabSeparated",
                    "T1\t2030-01-01 00:00:00.000000000\t1\t10\t1\nT1\t2030-01-01 00:00:01.000000000\t1\t11\t1\n");
            post(
                    http,
                    proxist,
                    clickhouse,
                    "INSERT INTO trades (symbol, ts, seq, price, size) FORMAT TabSeparated",
                    "T1\t2030-01-01 00:00:05.000000000\t1\t12\t1\n");
            proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(60));
            proxist.ingest().maintainNow();
            String sql = "SELECT count(), sum(price) FROM trades WHERE symbol = 'T1'";
            assertEquals("3\t33\n", post(http, proxist, clickhouse, sql, ""));

            String all = spans.get(60, TimeUnit.SECONDS);
            assertTrue(all.contains("db.statement"), "the query text travels with the span");
            String line = null;
            synchronized (lines.list) {
                for (ILoggingEvent e : lines.list)
                    if (e.getFormattedMessage().contains(sql)) line = e.getFormattedMessage();
            }
            assertTrue(line != null, "slow-query line for the query: " + lines.list);
            assertTrue(line.startsWith("{\"event\":\"slow_query\""), line);
            assertTrue(line.contains("\"plan\":\"aggregate\""), line);
            assertTrue(line.contains("\"hot_rows\":1"), line);
            assertTrue(line.contains("\"step\":\"cold\""), line);
            assertTrue(line.contains("\"step\":\"stitch\""), line);
        } finally {
            slow.detachAppender(lines);
            collector.stop(0);
        }
    }

    private static String post(HttpClient http, ProxistServer p, TestClickHouse ch, String query, String body)
            throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.httpPort() + "/?database=" + ch.database()
                                + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
