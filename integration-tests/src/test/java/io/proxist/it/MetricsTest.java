package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.pushdown.flush.BackendHealth;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meters of /metrics move with what Proxist does, read from real scrapes of a Proxist in front of the test's
 * ClickHouse (through a forwarder, so ClickHouse can be cut off without stopping it): INSERTs count and are timed,
 * the WAL grows, rows reach ClickHouse (flush rate and latency), a best-effort table's dropped rows count, queries
 * are timed by kind, connections count by protocol, and an outage shows as health DOWN, flush failures and a
 * watermark lag that returns to 0 once ClickHouse is back.
 */
@WithClickHouse
class MetricsTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestClickHouse clickhouse;
    static TcpForwarder forwarder;
    static ProxistServer proxist;

    @BeforeAll
    static void start(TestClickHouse ch) throws IOException {
        clickhouse = ch;
        forwarder = new TcpForwarder(ch.endpoint().httpUrl().getPort());
        proxist = ProxistUnderTest.start(
                ch,
                Map.of(
                        "clickhouse.url",
                        "http://127.0.0.1:" + forwarder.port(),
                        "schemas.apply",
                        "true",
                        "clickhouse.database",
                        ch.database(),
                        "ingest.tables",
                        "trades,orders,market_data",
                        "ingest.policies",
                        "market_data.max-pending-rows=10"));
    }

    @AfterAll
    static void stop() {
        if (proxist != null) proxist.close();
        if (forwarder != null) forwarder.close();
    }

    static MetricsScrape scrape() {
        return MetricsScrape.parse(proxist.metrics().scrape());
    }

    static HttpResponse<String> post(String query, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxist.httpPort() + "/?database="
                                + clickhouse.database() + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code n} trades rows of {@code symbol}, 1 ms apart from {@code tsNanos}. */
    static String trades(String symbol, long tsNanos, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(OwnedTablesTest.row(symbol, tsNanos + i * 1_000_000L, i, 10 + i));
        return sb.toString();
    }

    static void insertTrades(String symbol, long tsNanos, int n) throws IOException, InterruptedException {
        HttpResponse<String> r = post(OwnedTablesTest.INSERT, trades(symbol, tsNanos, n));
        assertEquals(200, r.statusCode(), r.body());
    }

    static long nowNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        CountDownLatch met = new CountDownLatch(1);
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        try {
            poll.scheduleWithFixedDelay(
                    () -> {
                        if (condition.getAsBoolean()) met.countDown();
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            assertTrue(met.await(timeout.toMillis(), TimeUnit.MILLISECONDS), what + " within " + timeout);
        } finally {
            poll.shutdownNow();
        }
    }

    @Test
    void anInsertMovesTheIngestMeters() throws Exception {
        MetricsScrape before = scrape();
        long t0 = nowNanos() - 60_000_000_000L;
        insertTrades("MET1", t0, 100);
        // the SELECT answers from memory at once; the flush is awaited before the meters are read
        HttpResponse<String> r = post("SELECT count() FROM trades WHERE symbol = 'MET1'", "");
        assertEquals("100", r.body().strip());
        proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(60));
        MetricsScrape after = scrape();

        assertEquals(100, delta(before, after, "recorder_inserted_rows_total", "table", "trades"));
        assertEquals(1, delta(before, after, "recorder_insert_latency_ms_count", "table", "trades"));
        assertTrue(delta(before, after, "recorder_insert_latency_ms_sum", "table", "trades") > 0);
        assertEquals(
                1,
                delta(before, after, "recorder_insert_latency_ms_bucket", "table", "trades", "le", "+Inf"),
                "the histogram's buckets count it");
        assertEquals(0, delta(before, after, "recorder_insert_latency_ms_count", "table", "orders"));
        assertTrue(after.value("recorder_wal_size_bytes") > before.value("recorder_wal_size_bytes"));
        assertTrue(after.value("recorder_wal_size_bytes") > 0);
        assertTrue(after.value("recorder_wal_segments") >= 1);
        // in ClickHouse: counted, timed, nothing pending, no lag, T_persisted the newest row's ts
        assertTrue(delta(before, after, "recorder_flushed_rows_total", "table", "trades") >= 100);
        assertTrue(delta(before, after, "recorder_flush_latency_ms_count", "table", "trades") >= 1);
        assertEquals(0, after.value("recorder_pending_rows", "table", "trades"));
        assertEquals(0, after.value("recorder_queue_usage", "table", "trades"));
        assertEquals(0, after.value("recorder_watermark_lag_seconds", "table", "trades"));
        assertTrue(
                after.value("recorder_watermark_seconds", "table", "trades") >= (t0 + 99_000_000L) / 1e9 - 1e-3,
                "T_persisted is at least the newest row's ts");
        assertTrue(after.value("recorder_hot_rows", "table", "trades") >= 100);
        assertEquals(0, after.value("proxist_clickhouse_health", "backend", "clickhouse"));
        // the protocol side: one INSERT and one query timed, percentiles published
        assertTrue(delta(before, after, "proxist_query_latency_seconds_count", "kind", "insert") >= 1);
        assertTrue(delta(before, after, "proxist_query_latency_seconds_count", "kind", "query") >= 1);
        assertTrue(after.value("proxist_query_latency_seconds", "kind", "insert", "quantile", "0.99") > 0);
        assertTrue(after.value("proxist_query_latency_seconds", "kind", "query", "quantile", "0.5") >= 0);
    }

    @Test
    void droppedRowsAreCounted() throws Exception {
        MetricsScrape before = scrape();
        StringBuilder quotes = new StringBuilder();
        long t0 = nowNanos();
        for (int i = 0; i < 20; i++) {
            String row = OwnedTablesTest.row("DROP", t0 + i, i, 99.5);
            quotes.append(row, 0, row.length() - 1).append("\t100.5\n");
        }
        // past max-pending-rows (10): the best-effort table takes the INSERT and drops its rows
        HttpResponse<String> r = post(
                "INSERT INTO market_data (symbol, ts, seq, bid_px, ask_px) FORMAT TabSeparated", quotes.toString());
        assertEquals(200, r.statusCode(), r.body());
        MetricsScrape after = scrape();
        assertEquals(20, delta(before, after, "recorder_dropped_rows_total", "table", "market_data"));
        assertEquals(0, delta(before, after, "recorder_inserted_rows_total", "table", "market_data"));
        assertEquals(1, delta(before, after, "recorder_insert_latency_ms_count", "table", "market_data"));
    }

    @Test
    void failedStatementsCountAsErrorsOfTheirKind() throws Exception {
        MetricsScrape before = scrape();
        HttpResponse<String> r = post("SELECT * FROM no_such_table_for_metrics", "");
        assertTrue(r.statusCode() >= 400, r.body());
        r = post(OwnedTablesTest.INSERT, "MET2\tnot a time\t1\t1\n");
        assertTrue(r.statusCode() >= 400, r.body());
        MetricsScrape after = scrape();
        assertEquals(1, delta(before, after, "proxist_query_errors_total", "kind", "query"));
        assertEquals(1, delta(before, after, "proxist_query_errors_total", "kind", "insert"));
        // a refused INSERT is timed as a statement, not as an acknowledgement
        assertEquals(0, delta(before, after, "recorder_insert_latency_ms_count", "table", "trades"));
    }

    @Test
    void connectionsAreCountedByProtocol() throws Exception {
        MetricsScrape before = scrape();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxist.nativePort())) {
            await(
                    "the native connection counted",
                    Duration.ofSeconds(30),
                    () -> scrape().value("proxist_connections", "protocol", "native") == 1);
            assertEquals(
                    1,
                    delta(before, scrape(), "proxist_connections_accepted_total", "protocol", "native"),
                    s.toString());
        }
        await(
                "the closed native connection off the open count",
                Duration.ofSeconds(30),
                () -> scrape().value("proxist_connections", "protocol", "native") == 0);
        HttpClient fresh = HttpClient.newHttpClient(); // a new connection
        HttpResponse<String> r = fresh.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxist.httpPort() + "/ping"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        MetricsScrape after = scrape();
        assertTrue(delta(before, after, "proxist_connections_accepted_total", "protocol", "http") >= 1);
        assertTrue(after.value("proxist_connections", "protocol", "http") >= 1, "kept alive by the client");
        fresh.close();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anOutageShowsAsHealthDownFlushFailuresAndLagThatClearsAfterRecovery() throws Exception {
        long t0 = nowNanos() - 120_000_000_000L; // rows two minutes old: T_persisted two minutes behind the clock
        insertTrades("OUT", t0, 10);
        assertEquals(
                "10",
                post("SELECT count() FROM trades WHERE symbol = 'OUT'", "")
                        .body()
                        .strip());
        // the query was answered from memory at once: wait for the flush before reading the lag
        proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(60));
        MetricsScrape before = scrape();
        assertEquals(0, before.value("proxist_clickhouse_health", "backend", "clickhouse"));
        assertEquals(0, before.value("recorder_watermark_lag_seconds", "table", "trades"));

        CountDownLatch down = new CountDownLatch(1);
        CountDownLatch healthy = new CountDownLatch(1);
        proxist.ingest().health().addListener((from, to) -> {
            if (to == BackendHealth.DOWN) down.countDown();
            if (to == BackendHealth.HEALTHY && down.getCount() == 0) healthy.countDown();
        });
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        forwarder.retarget(deadPort); // ClickHouse unreachable: connections refused
        MetricsScrape during;
        try {
            insertTrades("OUT", nowNanos(), 50); // acknowledged from the WAL and memory
            assertTrue(down.await(60, TimeUnit.SECONDS), "health went DOWN");
            during = scrape();
            assertEquals(2, during.value("proxist_clickhouse_health", "backend", "clickhouse"));
            assertTrue(
                    delta(before, during, "proxist_clickhouse_health_transitions_total", "backend", "clickhouse") >= 1);
            assertTrue(delta(before, during, "proxist_clickhouse_failures_total", "backend", "clickhouse") >= 3);
            assertTrue(delta(before, during, "recorder_flush_failures_total", "table", "trades") >= 1);
            assertEquals(50, during.value("recorder_pending_rows", "table", "trades"));
            assertEquals(50 / 5_000_000.0, during.value("recorder_queue_usage", "table", "trades"), 1e-12);
            double lag = during.value("recorder_watermark_lag_seconds", "table", "trades");
            assertTrue(lag >= 115 && lag < 600, "lag ≈ 120 s while the new rows wait: " + lag);
        } finally {
            forwarder.retarget(clickhouse.endpoint().httpUrl().getPort()); // ClickHouse is back
        }
        assertTrue(healthy.await(60, TimeUnit.SECONDS), "health back to HEALTHY");
        await(
                "the backlog in ClickHouse",
                Duration.ofSeconds(60),
                () -> scrape().value("recorder_pending_rows", "table", "trades") == 0);
        MetricsScrape after = scrape();
        assertEquals(0, after.value("proxist_clickhouse_health", "backend", "clickhouse"));
        assertEquals(0, after.value("recorder_watermark_lag_seconds", "table", "trades"));
        assertTrue(delta(during, after, "recorder_flushed_rows_total", "table", "trades") >= 50);
        assertTrue(delta(before, after, "proxist_clickhouse_health_transitions_total", "backend", "clickhouse") >= 2);
        assertEquals(
                "60",
                post("SELECT count() FROM trades WHERE symbol = 'OUT'", "")
                        .body()
                        .strip());
    }

    static double delta(MetricsScrape before, MetricsScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
