package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse goes away under Proxist and comes back. A ClickHouse of the test's own (stopped for real and started
 * again on the same data directory, on new ports) sits behind a forwarder with a fixed port, so Proxist keeps one
 * address for it.
 *
 * <ul>
 *   <li>Outage: inserts continue for {@code -Dproxist.outage.seconds} (default 30) while ClickHouse is stopped; each
 *       is acknowledged (from the WAL and memory), the watermark stalls, health goes DOWN; after the restart
 *       everything catches up exactly once, the watermark moves on and health is HEALTHY again.
 *   <li>Backpressure: ClickHouse down and a tiny WAL budget: INSERTs into a critical table are refused with
 *       NOT_ENOUGH_SPACE, a best-effort table drops rows with its counter rising, and no acknowledged row is lost.
 * </ul>
 */
class OutageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void insertsContinueThroughAnOutageAndCatchUpExactlyOnce(@TempDir Path dir) throws Exception {
        int seconds = Integer.getInteger("proxist.outage.seconds", 30);
        ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
        ch.client().query("CREATE DATABASE IF NOT EXISTS outage");
        try (TcpForwarder fwd = new TcpForwarder(ch.endpoint().httpUrl().getPort());
                ProxistServer proxist = start(dir, fwd, "")) {
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicLong clock = new AtomicLong(1_790_100_000_000_000_000L);
            for (int b = 0; b < 10; b++) insert(proxist, "trades", clock, 20, acked);
            assertEquals(Integer.toString(acked.size()), select(proxist, "SELECT count() FROM trades"));
            proxist.ingest().service().awaitPersisted("trades", java.time.Duration.ofSeconds(120));
            Map<String, String> before = status(proxist, "trades");
            assertEquals("HEALTHY", before.get("health"));

            ch.close(); // ClickHouse stops
            fwd.cutAll();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Set<String> healthSeen = ConcurrentHashMap.newKeySet();
            CountDownLatch over = new CountDownLatch(1);
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            try {
                writer.scheduleAtFixedRate(
                        () -> {
                            try {
                                insert(proxist, "trades", clock, 20, acked);
                                healthSeen.add(status(proxist, "trades").get("health"));
                            } catch (Throwable t) {
                                failure.compareAndSet(null, t);
                                over.countDown();
                            }
                        },
                        0,
                        50,
                        TimeUnit.MILLISECONDS);
                writer.schedule(over::countDown, seconds, TimeUnit.SECONDS);
                assertTrue(over.await(seconds + 60, TimeUnit.SECONDS));
            } finally {
                writer.shutdown(); // no interrupt: an INSERT in flight completes and counts
                assertTrue(writer.awaitTermination(60, TimeUnit.SECONDS));
            }
            if (failure.get() != null) throw new AssertionError("an INSERT failed during the outage", failure.get());
            Map<String, String> during = status(proxist, "trades");
            assertTrue(healthSeen.contains("DOWN"), "health went DOWN: " + healthSeen);
            assertEquals(before.get("t_persisted"), during.get("t_persisted"), "the watermark stalls");
            assertTrue(Long.parseLong(during.get("pending_rows")) > 0, during.toString());

            ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch"))); // and comes back
            fwd.retarget(ch.endpoint().httpUrl().getPort());
            // the read barrier waits for the catch-up
            assertEquals(Integer.toString(acked.size()), select(proxist, "SELECT count() FROM trades"));
            proxist.ingest().service().awaitPersisted("trades", java.time.Duration.ofSeconds(120));
            assertEquals(
                    Integer.toString(acked.size()),
                    ch.client().query("SELECT count() FROM outage.trades").strip(),
                    "every acknowledged row once in ClickHouse, without FINAL");
            assertEquals(
                    Integer.toString(acked.size()),
                    ch.client()
                            .query("SELECT count() FROM (SELECT DISTINCT symbol, ts, seq FROM outage.trades)")
                            .strip());
            Map<String, String> after = status(proxist, "trades");
            assertEquals("HEALTHY", after.get("health"));
            assertTrue(Long.parseLong(after.get("health_transitions")) >= 2, after.toString());
            assertTrue(
                    Long.parseLong(after.get("t_persisted")) > Long.parseLong(before.get("t_persisted")),
                    "the watermark resumes: " + before + " → " + after);
            assertEquals("0", after.get("pending_rows"));
        } finally {
            ch.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void pastTheBudgetCriticalTablesRefuseAndBestEffortTablesDrop(@TempDir Path dir) throws Exception {
        ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
        ch.client().query("CREATE DATABASE IF NOT EXISTS outage");
        try (TcpForwarder fwd = new TcpForwarder(ch.endpoint().httpUrl().getPort());
                ProxistServer proxist = start(dir, fwd, "wal.budget-mb=2")) {
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicLong clock = new AtomicLong(1_790_200_000_000_000_000L);
            ch.close();
            fwd.cutAll();
            // trades is critical: acknowledged until the WAL budget is spent, then refused with its error
            HttpResponse<String> refused = null;
            for (int b = 0; b < 1_000 && refused == null; b++) {
                HttpResponse<String> r = post(
                        proxist,
                        "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated",
                        rows("CRIT", clock, 500));
                if (r.statusCode() == 200) {
                    acked.addAll(lastRows);
                } else {
                    refused = r;
                }
            }
            assertTrue(refused != null, "the budget ran out");
            assertTrue(
                    refused.body().contains("Code: 243") && refused.body().contains("NOT_ENOUGH_SPACE"),
                    refused.body());
            assertEquals("1", status(proxist, "trades").get("refused_inserts"));
            // market_data is best effort: once the WAL has no room, its INSERTs are taken and their rows dropped,
            // counted (the few that still fit in the WAL's last bytes are acknowledged and kept)
            String quotes = "INSERT INTO market_data (symbol, ts, seq, bid_px, ask_px) FORMAT TabSeparated";
            long dropped = 0;
            int keptQuotes = 0;
            for (int b = 0; b < 1_000 && dropped == 0; b++) {
                HttpResponse<String> r = post(proxist, quotes, quoteRows(clock, 100));
                assertEquals(200, r.statusCode(), r.body());
                dropped = Long.parseLong(status(proxist, "market_data").get("dropped_rows"));
                if (dropped == 0) keptQuotes += 100;
            }
            assertEquals(100, dropped);
            HttpResponse<String> r = post(proxist, quotes, quoteRows(clock, 50));
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"written_rows\":\"0\""));
            assertEquals("150", status(proxist, "market_data").get("dropped_rows"), "the counter rises");

            ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
            fwd.retarget(ch.endpoint().httpUrl().getPort());
            assertEquals(Integer.toString(acked.size()), select(proxist, "SELECT count() FROM trades"));
            proxist.ingest().service().awaitPersisted("trades", java.time.Duration.ofSeconds(120));
            assertEquals(
                    Integer.toString(acked.size()),
                    ch.client().query("SELECT count() FROM outage.trades").strip(),
                    "nothing acknowledged is lost");
            assertEquals(Integer.toString(keptQuotes), select(proxist, "SELECT count() FROM market_data"));
        } finally {
            ch.close();
        }
    }

    private List<String> lastRows = List.of();

    private String rows(String symbol, AtomicLong clock, int n) {
        StringBuilder sb = new StringBuilder();
        java.util.ArrayList<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = clock.addAndGet(1_000);
            String r = OwnedTablesTest.row(symbol, ts, i, 100 + i % 7);
            sb.append(r);
            keys.add(r);
        }
        lastRows = keys;
        return sb.toString();
    }

    private static String quoteRows(AtomicLong clock, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long ts = clock.addAndGet(1_000);
            String r = OwnedTablesTest.row("QTE", ts, i, 99.5);
            sb.append(r.substring(0, r.length() - 1)).append("\t100.5\n");
        }
        return sb.toString();
    }

    private void insert(ProxistServer p, String table, AtomicLong clock, int n, Set<String> acked)
            throws IOException, InterruptedException {
        String body = rows("OUT", clock, n);
        List<String> keys = lastRows;
        HttpResponse<String> r =
                post(p, "INSERT INTO " + table + " (symbol, ts, seq, price) FORMAT TabSeparated", body);
        assertEquals(200, r.statusCode(), r.body());
        acked.addAll(keys);
    }

    private static ProxistServer start(Path dir, TcpForwarder fwd, String extra) {
        Map<String, String> cfg = new HashMap<>(Map.of(
                "clickhouse.mode", "external",
                "clickhouse.url", "http://127.0.0.1:" + fwd.port(),
                "clickhouse.database", "outage",
                "http.port", "0",
                "native.port", "0",
                "proxist.home", dir.resolve("proxist").toString(),
                "ingest.tables", "trades,market_data",
                "ingest.read-barrier-ms", "180000",
                "wal.segment-mb", "1"));
        if (!extra.isEmpty()) cfg.put(extra.substring(0, extra.indexOf('=')), extra.substring(extra.indexOf('=') + 1));
        return ProxistServer.start(ProxistConfig.of(cfg, Map.of()));
    }

    private HttpResponse<String> post(ProxistServer p, String query, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.httpPort() + "/?database=outage&query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String select(ProxistServer p, String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = post(p, sql, "");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().strip();
    }

    /** The table's row of system.proxist_ingest, by column name. */
    private Map<String, String> status(ProxistServer p, String table) throws IOException, InterruptedException {
        String[] lines = select(p, "SELECT * FROM system.proxist_ingest FORMAT TabSeparatedWithNames")
                .split("\n");
        String[] names = lines[0].split("\t");
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split("\t");
            if (!v[0].equals(table)) continue;
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < names.length; c++) m.put(names[c], v[c]);
            return m;
        }
        throw new AssertionError("no status row for " + table);
    }
}
