package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * INSERTs into the tables Proxist owns (ingest.tables), over HTTP and native, with the real ClickHouse behind: each
 * INSERT is acknowledged after the WAL, visible to the next query on any connection (the read barrier), atomic,
 * deduplicated by key (client retries appear once), persisted to ClickHouse exactly once, and still there once after
 * a restart.
 */
@WithClickHouse
class OwnedTablesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Path home;
    static ProxistServer proxist;
    static TestClickHouse clickhouse;

    @BeforeAll
    static void start(TestClickHouse ch) throws IOException {
        clickhouse = ch;
        home = Files.createTempDirectory("proxist-owned");
        proxist = start();
    }

    static ProxistServer start() {
        return ProxistUnderTest.start(
                clickhouse,
                Map.of(
                        "proxist.home",
                        home.toString(),
                        "schemas.apply",
                        "true",
                        "clickhouse.database",
                        clickhouse.database(),
                        "ingest.tables",
                        "trades,orders"));
    }

    @AfterAll
    static void stop() {
        proxist.close();
    }

    /**
     * ClickHouse once every acknowledged row is in it: queries through Proxist answer from memory at once, so a
     * check of ClickHouse itself first waits for the flush.
     */
    static TestClickHouse persisted() {
        for (String t : List.of("trades", "orders"))
            proxist.ingest().service().awaitPersisted(t, java.time.Duration.ofSeconds(60));
        return clickhouse;
    }

    static HttpResponse<String> post(String query, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxist.httpPort() + "/?database="
                                + clickhouse.database() + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String select(String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = post(sql, "");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().strip();
    }

    /** A TSV row of trades (symbol, ts, seq, price), the other columns left to their defaults. */
    static String row(String symbol, long tsNanos, long seq, double price) {
        java.time.Instant t = java.time.Instant.ofEpochSecond(0, tsNanos);
        String ts = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(t)
                + "." + String.format("%09d", t.getNano());
        return symbol + "\t" + ts + "\t" + seq + "\t" + price + "\n";
    }

    static final String INSERT = "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated";

    @Test
    void anAcknowledgedInsertIsVisibleAtOnceAndInClickHouseOnce() throws Exception {
        long t0 = 1_790_000_000_000_000_000L;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) body.append(row("VIS", t0 + i * 1_000_000L, i, 10 + i));
        HttpResponse<String> r = post(INSERT, body.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"written_rows\":\"100\""));
        assertEquals("100", select("SELECT count() FROM trades WHERE symbol = 'VIS'"));
        // the same INSERT again (a client retry): acknowledged, nothing new
        r = post(INSERT, body.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("X-ClickHouse-Summary").orElse("").contains("\"written_rows\":\"0\""));
        assertEquals("100", select("SELECT count() FROM trades WHERE symbol = 'VIS'"));
        assertEquals(
                "100",
                persisted()
                        .query("SELECT count() FROM trades WHERE symbol = 'VIS'")
                        .strip());
        // the columns left out got their defaults; ts is stored as nanoseconds on 18.16
        assertEquals(
                "unknown\t0\t" + t0,
                persisted()
                        .query("SELECT side, size, ts FROM trades WHERE symbol = 'VIS' AND seq = 0")
                        .strip());
    }

    @Test
    void aBadRowRefusesTheWholeInsert() throws Exception {
        long t0 = 1_790_000_100_000_000_000L;
        String body = row("ATOM", t0, 1, 1) + row("ATOM", t0 + 1, 2, 2) + "ATOM\tnot a time\t3\t3\n";
        HttpResponse<String> r = post(INSERT, body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(
                r.body().contains("Code: 41")
                        || r.body().contains("Code: 27")
                        || r.body().contains("Code: 6"),
                r.body());
        assertEquals("0", select("SELECT count() FROM trades WHERE symbol = 'ATOM'"));
        // the connection and the table are fine afterwards
        r = post(INSERT, row("ATOM", t0, 1, 1));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1", select("SELECT count() FROM trades WHERE symbol = 'ATOM'"));
    }

    @Test
    void insertSelectAndExpressionsAreRefusedClearly() throws Exception {
        HttpResponse<String> r = post("INSERT INTO trades SELECT * FROM trades", "");
        assertTrue(r.body().contains("Code: 48") && r.body().contains("owned by Proxist"), r.body());
        r = post("INSERT INTO trades (symbol, ts, seq) VALUES ('X', now(), 1)", "");
        assertTrue(r.body().contains("Code: 48"), r.body());
    }

    @Test
    void concurrentWritersAndReadersSeeEveryAcknowledgedRowOnce() throws Exception {
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Set<String> all = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String symbol = "CW" + w;
                Random rnd = new Random(seed + w);
                futures.add(pool.submit(() -> {
                    Map<String, String> mine = new HashMap<>();
                    List<String> previous = new ArrayList<>();
                    long clock = 1_790_000_200_000_000_000L;
                    for (int b = 0; b < 25; b++) {
                        StringBuilder body = new StringBuilder();
                        List<String> batch = new ArrayList<>();
                        for (int i = 0; i < 1 + rnd.nextInt(30); i++) {
                            clock += rnd.nextInt(5) == 0 ? -rnd.nextInt(1_000_000) : 1 + rnd.nextInt(1_000_000);
                            String r = row(symbol, clock, rnd.nextInt(3), rnd.nextInt(1000));
                            batch.add(r);
                        }
                        if (!previous.isEmpty() && rnd.nextBoolean()) batch.addAll(previous); // a client retry
                        for (String r : batch) body.append(r);
                        HttpResponse<String> resp = post(INSERT, body.toString());
                        assertEquals(200, resp.statusCode(), resp.body() + " (seed " + seed + ")");
                        for (String r : batch) {
                            String[] f = r.split("\t");
                            mine.put(f[0] + "\t" + f[1] + "\t" + f[2], r);
                        }
                        previous = batch;
                        // read-after-write: the next query, on another connection, sees every acknowledged row
                        String seen = select("SELECT count() FROM trades WHERE symbol = '" + symbol + "'");
                        assertEquals(
                                Integer.toString(mine.size()),
                                seen,
                                symbol + " after batch " + b + " (seed " + seed + ")");
                    }
                    all.addAll(mine.keySet());
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        String cw = "symbol LIKE 'CW%'";
        assertEquals(Integer.toString(all.size()), select("SELECT count() FROM trades WHERE " + cw));
        assertEquals(
                Integer.toString(all.size()),
                persisted().query("SELECT count() FROM trades WHERE " + cw).strip(),
                "each key once in ClickHouse, without FINAL (seed " + seed + ")");
    }

    @Test
    void aRestartKeepsEveryRowOnce() throws Exception {
        long t0 = 1_790_000_300_000_000_000L;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) body.append(row("RST", t0 + i, i, i));
        assertEquals(200, post(INSERT, body.toString()).statusCode());
        synchronized (OwnedTablesTest.class) {
            proxist.close();
            proxist = start();
        }
        // the same rows again after the restart, plus new ones
        for (int i = 50; i < 60; i++) body.append(row("RST", t0 + i, i, i));
        HttpResponse<String> r = post(INSERT, body.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("60", select("SELECT count() FROM trades WHERE symbol = 'RST'"));
        assertEquals(
                "60",
                persisted()
                        .query("SELECT count() FROM trades WHERE symbol = 'RST'")
                        .strip());
    }

    @Test
    void nativeInsertFromClickHouseClient() throws Exception {
        // clickhouse-client 18.16 predates DateTime64: it is offered ts as Int64 nanoseconds
        Process p = new ProcessBuilder(
                        "clickhouse-client",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(proxist.nativePort()),
                        "--database",
                        clickhouse.database(),
                        "--query",
                        "INSERT INTO orders (symbol, ts, seq, order_id, side, quantity) FORMAT CSV")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream()
                .write("NCL,1790000400000000000,1,O1,buy,10\nNCL,1790000400000000001,2,O2,sell,5\n"
                        .getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(
                "O1\tbuy\t10\nO2\tsell\t5",
                select("SELECT order_id, side, quantity FROM orders WHERE symbol = 'NCL' ORDER BY seq"));
        assertEquals(
                "2",
                persisted()
                        .query("SELECT count() FROM orders WHERE symbol = 'NCL'")
                        .strip());
    }

    /**
     * clickhouse-native-jdbc 2.7.1 predates LowCardinality and DateTime64: as ClickHouse does for such clients, the
     * INSERT header offers symbol as String and ts as Int64 nanoseconds, and a batch lands as one INSERT.
     */
    @Test
    void nativeBatchInsertFromAClientOlderThanLowCardinality() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "default");
        p.setProperty("password", "");
        try (java.sql.Connection c = new com.github.housepower.jdbc.ClickHouseDriver()
                        .connect(
                                "jdbc:clickhouse://127.0.0.1:" + proxist.nativePort() + "/" + clickhouse.database(),
                                p);
                java.sql.PreparedStatement ps =
                        c.prepareStatement("INSERT INTO trades (symbol, ts, seq, price) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < 3_000; i++) {
                ps.setString(1, "NJ" + (i % 3));
                ps.setLong(2, 1_790_000_500_000_000_000L + i);
                ps.setLong(3, i);
                ps.setDouble(4, i * 0.5);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assertEquals("3000", select("SELECT count() FROM trades WHERE symbol LIKE 'NJ%'"));
        assertEquals(
                "3000",
                persisted()
                        .query("SELECT count() FROM trades WHERE symbol LIKE 'NJ%'")
                        .strip());
    }
}
