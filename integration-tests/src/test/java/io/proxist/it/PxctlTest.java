package io.proxist.it;

import static io.proxist.it.PxctlSupport.OPS;
import static io.proxist.it.PxctlSupport.OPS_PASSWORD;
import static io.proxist.it.PxctlSupport.insertTrades;
import static io.proxist.it.PxctlSupport.process;
import static io.proxist.it.PxctlSupport.pxctl;
import static io.proxist.it.PxctlSupport.pxctlWithEnv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pxctl command against a running Proxist in front of the test's ClickHouse, each checked against what Proxist
 * and ClickHouse hold: status and queues as tables and JSON, flush (the rows are in ClickHouse when it returns), the
 * WAL (a replay counts exactly the rows acknowledged; purging keeps what is not persisted), apply (the diff, a change
 * that needs a restart refused whole, a live one applied and audited), config, metadata, the diag bundle, refused
 * credentials, and pxctl as a process through its launcher.
 */
@WithClickHouse
class PxctlTest {
    static TestClickHouse clickhouse;
    static ProxistServer proxist;
    static Path home;
    static final AtomicLong CLOCK = new AtomicLong(1_790_300_000_000_000_000L);

    @BeforeAll
    static void start(TestClickHouse ch) throws IOException {
        clickhouse = ch;
        home = Files.createTempDirectory("proxist-pxctl");
        proxist = ProxistUnderTest.start(
                ch,
                Map.of(
                        "proxist.home",
                        home.toString(),
                        "schemas.apply",
                        "true",
                        "clickhouse.database",
                        ch.database(),
                        "ingest.tables",
                        "trades,orders",
                        "users.file",
                        PxctlSupport.usersFile(home).toString()));
    }

    @AfterAll
    static void stop() {
        if (proxist != null) proxist.close();
    }

    static int admin() {
        return proxist.adminPort();
    }

    static void insert(String symbol, int n) throws Exception {
        insertTrades(proxist.httpPort(), clickhouse.database(), symbol, CLOCK, n);
    }

    static Map<String, Object> json(String text) {
        return obj(MetricsJson.parse(text));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    static Map<String, Object> row(List<Object> rows, String table) {
        for (Object o : rows) if (table.equals(obj(o).get("table"))) return obj(o);
        throw new AssertionError("no row for " + table + " in " + rows);
    }

    static long clickhouseCount(String symbol) {
        return Long.parseLong(clickhouse
                .query("SELECT count() FROM " + clickhouse.database() + ".trades WHERE symbol = '" + symbol + "'")
                .strip());
    }

    @Test
    void statusShowsEveryOwnedTableAsATableAndAsJson() throws Exception {
        insert("STAT", 100);
        pxctl(admin(), "flush", "trades").expect(0);
        PxctlSupport.Run human = pxctl(admin(), "status").expect(0);
        assertTrue(human.out().contains("HEALTHY, answers"), human.out());
        assertTrue(human.out().contains("TABLE") && human.out().contains("T_PERSISTED"), human.out());
        assertTrue(human.out().lines().anyMatch(l -> l.startsWith("trades ")), human.out());
        assertTrue(human.out().lines().anyMatch(l -> l.startsWith("orders ")), human.out());

        Map<String, Object> s =
                json(pxctl(admin(), "status", "--json").expect(0).out());
        assertEquals("HEALTHY", obj(s.get("clickhouse")).get("health"));
        assertEquals(Boolean.TRUE, obj(s.get("clickhouse")).get("reachable"));
        assertEquals(proxist.httpPort(), num(obj(s.get("server")).get("http_port")));
        Map<String, Object> trades = row(list(s.get("tables")), "trades");
        assertEquals(0, num(trades.get("pending_rows")), trades.toString());
        assertEquals(0.0, ((Number) trades.get("lag_seconds")).doubleValue(), "nothing waits: no lag");
        assertTrue(num(trades.get("flushed_rows")) >= 100, trades.toString());
        assertTrue(num(trades.get("hot_rows")) >= 100, trades.toString());
        assertNotNull(trades.get("t_persisted"));
        assertEquals(5_000_000, num(obj(trades.get("policy")).get("max-pending-rows")));
        assertEquals(
                "sync", obj(row(list(s.get("tables")), "orders").get("policy")).get("durability"));
        assertTrue(num(obj(s.get("wal")).get("bytes")) > 0);
    }

    @Test
    void flushReturnsOnceClickHouseHoldsEveryAcknowledgedRow() throws Exception {
        for (int i = 0; i < 5; i++) insert("FLSH", 200);
        PxctlSupport.Run r = pxctl(admin(), "flush").expect(0);
        // no waiting here: when flush returns, ClickHouse has the rows
        assertEquals(1000, clickhouseCount("FLSH"), r.out());
        assertTrue(r.out().contains("trades: in ClickHouse"), r.out());
        assertTrue(r.out().contains("orders: in ClickHouse"), r.out());
        Map<String, Object> j =
                json(pxctl(admin(), "flush", "trades", "--json").expect(0).out());
        assertEquals(Boolean.TRUE, j.get("flushed"));
        assertEquals(1, list(j.get("tables")).size());

        PxctlSupport.Run unknown = pxctl(admin(), "flush", "nosuchtable").expect(1);
        assertTrue(unknown.err().contains("nosuchtable") && unknown.err().contains("not managed"), unknown.err());
    }

    @Test
    void walReplayCountsExactlyTheAcknowledgedRowsAndPurgeKeepsWhatIsNeeded() throws Exception {
        insert("WALR", 150);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 150; i++) body.append(OwnedTablesTest.row("WALR", CLOCK.addAndGet(1_000), i, 7));
        for (int retry = 0; retry < 2; retry++) { // the second time a client retry: duplicates, no new WAL record
            var r = PxctlSupport.post(
                    proxist.httpPort(),
                    clickhouse.database(),
                    "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated",
                    body.toString());
            assertEquals(200, r.statusCode(), r.body());
        }
        pxctl(admin(), "flush").expect(0);
        Map<String, Object> status =
                json(pxctl(admin(), "status", "--json").expect(0).out());
        long inserted = num(row(list(status.get("tables")), "trades").get("inserted_rows"));
        assertTrue(num(row(list(status.get("tables")), "trades").get("duplicate_rows")) >= 150, status.toString());

        Map<String, Object> replay =
                json(pxctl(admin(), "wal", "replay", "--json").expect(0).out());
        assertEquals(Boolean.TRUE, replay.get("ok"), replay.toString());
        Map<String, Object> trades = row(list(replay.get("tables")), "trades");
        // the WAL is one segment here (well under wal.segment-mb), so nothing was ever deleted: every acknowledged
        // row of trades is in it exactly once
        assertEquals(
                1,
                num(json(pxctl(admin(), "wal", "status", "--json").expect(0).out())
                        .get("segments")));
        assertEquals(inserted, num(trades.get("rows")), replay.toString());
        assertEquals(0, num(trades.get("unconfirmed_rows")));
        assertEquals(0, num(row(list(replay.get("tables")), "orders").get("records")));
        PxctlSupport.Run human = pxctl(admin(), "wal", "replay").expect(0);
        assertTrue(human.out().contains("replayed") && human.out().contains("trades"), human.out());

        PxctlSupport.Run ws = pxctl(admin(), "wal", "status").expect(0);
        assertTrue(ws.out().contains("SEGMENT") && ws.out().contains(".wal"), ws.out());
        // the only segment is the active one: neither purge may delete it
        PxctlSupport.Run purge = pxctl(admin(), "wal", "purge").expect(0);
        assertTrue(purge.out().contains("deleted 0 segments"), purge.out());
        Map<String, Object> forced = json(
                pxctl(admin(), "wal", "purge", "--force", "--json").expect(0).out());
        assertEquals(0, num(forced.get("deleted_segments")));
        assertEquals(0, num(forced.get("unpersisted_rows")));
        assertEquals(
                inserted,
                num(row(
                                list(json(pxctl(admin(), "wal", "replay", "--json")
                                                .out())
                                        .get("tables")),
                                "trades")
                        .get("rows")));
    }

    @Test
    void queuesShowTheBudgets() {
        PxctlSupport.Run human = pxctl(admin(), "queues").expect(0);
        assertTrue(human.out().contains("PENDING") && human.out().contains("BUDGET"), human.out());
        assertTrue(human.out().lines().anyMatch(l -> l.startsWith("trades ") && l.contains("refuse")), human.out());
        Map<String, Object> q =
                json(pxctl(admin(), "queues", "--json").expect(0).out());
        assertEquals(5_000_000, num(row(list(q.get("tables")), "trades").get("max_pending_rows")));
        assertEquals(2_000_000, num(row(list(q.get("tables")), "orders").get("max_pending_rows")));
        assertTrue(num(obj(q.get("wal")).get("budget_bytes")) > 0);
    }

    @Test
    void applyShowsTheDiffRefusesWhatNeedsARestartAndAuditsEveryChange(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("proxist.properties");
        Files.writeString(file, """
                # the desired state
                tables = trades, orders
                policy.trades.max-pending-rows = 1000
                policy.orders.critical = true
                wal.budget-mb = 512
                """);
        PxctlSupport.Run dry =
                pxctl(admin(), "apply", "-f", file.toString(), "--dry-run").expect(0);
        assertTrue(dry.out().contains("(dry run, nothing applied)"), dry.out());
        assertTrue(dry.out().contains("trades.max-pending-rows: 5000000 -> 1000"), dry.out());
        assertTrue(dry.out().contains("wal.budget-mb: 8192 -> 512   [needs a restart]"), dry.out());
        assertFalse(dry.out().contains("orders.critical"), "orders is critical already: " + dry.out());
        assertFalse(dry.out().contains("ingest.tables"), "tables unchanged: " + dry.out());

        PxctlSupport.Run refused =
                pxctl(admin(), "apply", "-f", file.toString()).expect(6);
        assertTrue(refused.out().contains("(NOT applied)"), refused.out());
        assertTrue(refused.err().contains("cannot be applied live"), refused.err());
        assertTrue(refused.err().contains("wal.budget-mb"), refused.err());
        Map<String, Object> q =
                json(pxctl(admin(), "queues", "--json").expect(0).out());
        assertEquals(5_000_000, num(row(list(q.get("tables")), "trades").get("max_pending_rows")), "nothing applied");

        long before =
                num(json(pxctl(admin(), "config", "history", "--json").expect(0).out())
                        .get("version"));
        Path live = dir.resolve("live.properties");
        Files.writeString(live, "admin.flush-timeout-ms = 1234\n");
        PxctlSupport.Run applied =
                pxctl(admin(), "apply", "-f", live.toString()).expect(0);
        assertTrue(applied.out().contains("admin.flush-timeout-ms: 60000 -> 1234"), applied.out());
        assertTrue(applied.out().contains("configuration version " + (before + 1)), applied.out());
        PxctlSupport.Run again = pxctl(admin(), "apply", "-f", live.toString()).expect(0);
        assertTrue(again.out().contains("no change"), again.out());
        assertTrue(pxctl(admin(), "config", "show").expect(0).out().contains("admin.flush-timeout-ms=1234"));
        Map<String, Object> st = json(pxctl(admin(), "status", "--json").out());
        assertEquals(before + 1, num(obj(st.get("server")).get("config_version")));

        Map<String, Object> history =
                json(pxctl(admin(), "config", "history", "--json").expect(0).out());
        assertEquals(before + 1, num(history.get("version")));
        List<Object> entries = list(history.get("entries"));
        Map<String, Object> last = obj(entries.getLast());
        assertEquals("admin.flush-timeout-ms", last.get("key"));
        assertEquals("applied", last.get("outcome"));
        assertEquals(OPS, last.get("user"));
        assertEquals("60000", last.get("old"));
        assertEquals("1234", last.get("new"));
        assertNotNull(last.get("time"));
        boolean refusedRecorded = false;
        for (Object o : entries) {
            Map<String, Object> e = obj(o);
            if ("refused".equals(e.get("outcome")) && "ingest.policies".equals(e.get("key"))) {
                refusedRecorded = OPS.equals(e.get("user")) && e.get("version") == null;
            }
        }
        assertTrue(refusedRecorded, "the refused change is in the audit log: " + entries);
        assertTrue(pxctl(admin(), "config", "history").expect(0).out().contains("refused"));
        String audit = Files.readString(home.resolve("admin/config-audit.jsonl"));
        assertTrue(audit.contains("\"user\":\"ops\"") && audit.contains("\"outcome\":\"applied\""), audit);

        Path unknown = dir.resolve("bad.properties");
        Files.writeString(unknown, "tabels = trades\n");
        assertTrue(pxctl(admin(), "apply", "-f", unknown.toString(), "--dry-run")
                .expect(2)
                .err()
                .contains("unknown key tabels"));
        Files.writeString(unknown, "policy.trades.bogus = 1\n");
        assertTrue(pxctl(admin(), "apply", "-f", unknown.toString(), "--dry-run")
                .expect(2)
                .err()
                .contains("unknown field bogus"));
        pxctl(admin(), "apply", "-f", dir.resolve("missing.properties").toString())
                .expect(2);
    }

    @Test
    void aBudgetChangesLiveAndAFieldBuiltAtStartIsRefusedByName(@TempDir Path dir) throws Exception {
        Path tight = dir.resolve("tight.properties");
        Files.writeString(tight, "policy.trades.max-pending-rows = 50\n");
        PxctlSupport.Run applied =
                pxctl(admin(), "apply", "-f", tight.toString()).expect(0);
        assertTrue(applied.out().contains("trades.max-pending-rows: 5000000 -> 50"), applied.out());
        try {
            Map<String, Object> q =
                    json(pxctl(admin(), "queues", "--json").expect(0).out());
            assertEquals(50, num(row(list(q.get("tables")), "trades").get("max_pending_rows")), "in force at once");
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 100; i++) rows.append(OwnedTablesTest.row("LIVE", CLOCK.addAndGet(1_000), i, 100));
            java.net.http.HttpResponse<String> r = PxctlSupport.post(
                    proxist.httpPort(),
                    clickhouse.database(),
                    "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated",
                    rows.toString());
            assertEquals(500, r.statusCode(), r.body());
            assertTrue(r.body().contains("Code: 290") && r.body().contains("LIMIT_EXCEEDED"), r.body());

            Path restart = dir.resolve("restart.properties");
            Files.writeString(restart, "policy.trades.flush-rows = 7\n");
            PxctlSupport.Run refused =
                    pxctl(admin(), "apply", "-f", restart.toString()).expect(6);
            assertTrue(refused.err().contains("cannot be applied live"), refused.err());
        } finally {
            Path back = dir.resolve("back.properties");
            Files.writeString(back, "policy.trades.max-pending-rows = 5000000\n");
            pxctl(admin(), "apply", "-f", back.toString()).expect(0);
        }
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) rows.append(OwnedTablesTest.row("LIVE2", CLOCK.addAndGet(1_000), i, 100));
        assertEquals(
                200,
                PxctlSupport.post(
                                proxist.httpPort(),
                                clickhouse.database(),
                                "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated",
                                rows.toString())
                        .statusCode());
    }

    @Test
    void configIsRedactedAndMetadataListsTablesAndSnapshots() {
        Map<String, Object> c =
                json(pxctl(admin(), "config", "show", "--json").expect(0).out());
        assertEquals("<empty>", c.get("clickhouse_password"));
        assertEquals(clickhouse.database(), obj(c.get("values")).get("clickhouse.database"));
        assertTrue(obj(c.get("policies")).containsKey("trades"));
        assertFalse(c.toString().contains(OPS_PASSWORD));

        proxist.ingest().snapshotNow();
        Map<String, Object> m =
                json(pxctl(admin(), "metadata", "--json").expect(0).out());
        assertTrue(num(m.get("symbols")) >= 1, m.toString());
        assertEquals(Boolean.TRUE, row(list(m.get("tables")), "trades").get("owned"));
        assertFalse(list(obj(m.get("snapshots")).get("files")).isEmpty(), m.toString());
        assertTrue(pxctl(admin(), "metadata").expect(0).out().contains("snap-"));
    }

    @Test
    void diagWritesABundleOfEverything(@TempDir Path dir) throws Exception {
        insert("DIAG", 10);
        Path bundle = dir.resolve("bundle.tar.gz");
        PxctlSupport.Run r = pxctl(admin(), "diag", "-o", bundle.toString()).expect(0);
        assertTrue(r.out().contains("diagnostics written to"), r.out());
        Path out = Files.createDirectory(dir.resolve("x"));
        Process tar = new ProcessBuilder("tar", "-xzf", bundle.toString(), "-C", out.toString())
                .redirectErrorStream(true)
                .start();
        String tarOut = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tar.exitValue(), "tar reads the bundle: " + tarOut);
        Path root;
        try (var s = Files.list(out)) {
            root = s.findFirst().orElseThrow();
        }
        assertTrue(root.getFileName().toString().startsWith("proxist-diag-"));
        Set<String> names = new HashSet<>();
        try (var s = Files.list(root)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(
                Set.of(
                        "status.json",
                        "queues.json",
                        "wal.json",
                        "metadata.json",
                        "config.json",
                        "config-history.json",
                        "metrics.txt",
                        "logs.txt",
                        "threads.txt",
                        "manifest.json"),
                names);
        assertEquals(
                "HEALTHY",
                obj(json(Files.readString(root.resolve("status.json"))).get("clickhouse"))
                        .get("health"));
        assertTrue(Files.readString(root.resolve("metrics.txt")).contains("recorder_wal_size_bytes"));
        assertTrue(Files.readString(root.resolve("threads.txt")).contains("proxist-flusher-trades"));
        assertTrue(Files.readString(root.resolve("logs.txt")).contains("admin API listening"));
        assertFalse(Files.readString(root.resolve("config.json")).contains(OPS_PASSWORD));
        Map<String, Object> manifest = json(Files.readString(root.resolve("manifest.json")));
        for (Object o : list(manifest.get("items"))) assertEquals(200, num(obj(o).get("status")), o.toString());

        Path asDir = dir.resolve("asdir");
        pxctl(admin(), "diag", "--dir", "-o", asDir.toString(), "--log-lines", "5")
                .expect(0);
        assertTrue(Files.exists(asDir.resolve("threads.txt")));
        assertTrue(Files.readString(asDir.resolve("logs.txt")).lines().count() <= 5 * 30);
    }

    @Test
    void refusedCredentialsExit4AndTheApiAnswers401InJson() throws Exception {
        PxctlSupport.Run wrong = pxctlWithEnv(
                        Map.of("PXCTL_PORT", Integer.toString(admin()), "PXCTL_USER", OPS, "PXCTL_PASSWORD", "nope"),
                        "status")
                .expect(4);
        assertTrue(wrong.err().contains("authentication failed"), wrong.err());
        pxctl(admin(), "--user", "nobody", "status").expect(4);
        // the options win over the environment
        pxctl(admin(), "status", "--password", "wrong").expect(4);
        // default (no password) is a user of the file too
        pxctlWithEnv(Map.of("PXCTL_PORT", Integer.toString(admin())), "queues").expect(0);

        var http = PxctlSupport.HTTP;
        String base = "http://127.0.0.1:" + admin();
        var none = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/status"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals("AUTHENTICATION_FAILED", json(none.body()).get("code"));
        var headers = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/queues"))
                        .header("X-ClickHouse-User", OPS)
                        .header("X-ClickHouse-Key", OPS_PASSWORD)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, headers.statusCode(), headers.body());
        var badKey = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/queues"))
                        .header("X-ClickHouse-User", OPS)
                        .header("X-ClickHouse-Key", "nope")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, badKey.statusCode());
        var metrics = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), "/metrics is scraped without credentials");
        assertTrue(metrics.body().contains("recorder_pending_rows"));
        var missing = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/nothing"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("NOT_FOUND", json(missing.body()).get("code"));
        var wrongMethod = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/admin/flush"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void theLauncherRunsPxctlAsAProcess() throws Exception {
        Map<String, String> env =
                Map.of("PXCTL_PORT", Integer.toString(admin()), "PXCTL_USER", OPS, "PXCTL_PASSWORD", OPS_PASSWORD);
        PxctlSupport.Run status = process(env, "status").expect(0);
        assertTrue(status.out().lines().anyMatch(l -> l.startsWith("trades ")), status.out() + status.err());
        PxctlSupport.Run flush = process(env, "flush", "trades", "--json").expect(0);
        assertEquals(Boolean.TRUE, json(flush.out()).get("flushed"));
        assertTrue(process(env, "wal", "purge", "--help").expect(0).out().contains("Exit codes"));
        assertTrue(process(Map.of("PXCTL_PORT", Integer.toString(admin()), "PXCTL_USER", OPS), "status")
                .expect(4)
                .err()
                .contains("authentication failed"));
        process(env, "status", "--bogus").expect(2);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertTrue(process(env, "--port", Integer.toString(closed), "queues")
                .expect(3)
                .err()
                .contains("cannot reach the admin API"));
    }
}
