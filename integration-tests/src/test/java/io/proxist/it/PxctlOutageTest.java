package io.proxist.it;

import static io.proxist.it.PxctlSupport.await;
import static io.proxist.it.PxctlSupport.insertTrades;
import static io.proxist.it.PxctlSupport.pxctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * pxctl through a real ClickHouse outage: a ClickHouse of the test's own is stopped for real (and started again on
 * its data directory) behind a forwarder. Status goes DOWN and says ClickHouse does not answer; a flush times out
 * with exit 5; a purge without force deletes nothing that is not in ClickHouse (a replay still finds every pending
 * row); a forced purge lists exactly the rows it took out of the WAL (with the replay afterwards they add up to the
 * pending rows); after the restart status is HEALTHY again and every acknowledged row is in ClickHouse once.
 */
class PxctlOutageTest {
    static final String DB = "pxoutage";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void statusShowsTheOutageAndPurgeNeverSilentlyDropsUnpersistedRows(@TempDir Path dir) throws Exception {
        ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
        ch.client().query("CREATE DATABASE IF NOT EXISTS " + DB);
        try (TcpForwarder fwd = new TcpForwarder(ch.endpoint().httpUrl().getPort());
                ProxistServer proxist = start(dir, fwd)) {
            int admin = proxist.adminPort();
            int http = proxist.httpPort();
            AtomicLong clock = new AtomicLong(1_790_400_000_000_000_000L);
            AtomicLong acked = new AtomicLong();
            insertTrades(http, DB, "PRE", clock, 1_000);
            acked.addAndGet(1_000);
            pxctl(admin, "flush").expect(0);
            assertEquals("HEALTHY", health(admin));

            ch.close(); // ClickHouse stops
            fwd.cutAll();
            // INSERTs are still acknowledged (WAL and memory); the flusher's attempts fail until health is DOWN
            await("status DOWN", Duration.ofSeconds(120), () -> {
                insert(http, clock, 200, acked);
                return "DOWN".equals(health(admin));
            });
            PxctlSupport.Run down = pxctl(admin, "status").expect(0);
            assertTrue(down.out().contains(": DOWN, NOT REACHABLE"), down.out());
            PxctlSupport.Run flush = pxctl(admin, "flush", "--wait", "1").expect(5);
            assertTrue(flush.out().contains("trades: NOT YET"), flush.out());
            assertTrue(flush.err().contains("within 1000 ms"), flush.err());

            // enough rows for several 1 MiB segments, none of them in ClickHouse
            for (int i = 0; i < 200 && segments(admin) < 4; i++) insert(http, clock, 5_000, acked);
            assertTrue(segments(admin) >= 4, "segments: " + segments(admin));
            long pending = tradesPending(admin);
            assertTrue(pending > 0);

            Map<String, Object> purge = PxctlTest.json(
                    pxctl(admin, "wal", "purge", "--json").expect(0).out());
            assertEquals(0, PxctlTest.num(purge.get("deleted_segments")), "nothing unpersisted is purged: " + purge);
            assertEquals(pending, unconfirmedInWal(admin), "every pending row is still in the WAL");
            PxctlSupport.Run human = pxctl(admin, "wal", "purge").expect(0);
            assertTrue(human.out().contains("kept for trades"), human.out());

            Map<String, Object> forced = PxctlTest.json(
                    pxctl(admin, "wal", "purge", "--force", "--json").expect(0).out());
            assertTrue(PxctlTest.num(forced.get("deleted_segments")) >= 3, forced.toString());
            long lost = PxctlTest.num(forced.get("unpersisted_rows"));
            List<Object> tables = PxctlTest.list(forced.get("unpersisted"));
            assertEquals(1, tables.size(), forced.toString());
            Map<String, Object> trades = PxctlTest.obj(tables.getFirst());
            assertEquals("trades", trades.get("table"));
            assertEquals(lost, PxctlTest.num(trades.get("rows")));
            assertEquals(
                    PxctlTest.num(trades.get("records")),
                    PxctlTest.list(trades.get("positions")).size(),
                    "each record listed");
            // exactly what left the WAL: with what is still there, the pending rows
            assertEquals(pending, lost + unconfirmedInWal(admin), forced.toString());
            PxctlSupport.Run replay = pxctl(admin, "wal", "replay").expect(0);
            assertTrue(replay.out().contains("trades"), replay.out());

            ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch"))); // and comes back
            fwd.retarget(ch.endpoint().httpUrl().getPort());
            await("status HEALTHY", Duration.ofSeconds(120), () -> "HEALTHY".equals(health(admin)));
            pxctl(admin, "flush", "--wait", "180").expect(0);
            // the force-purged rows were still in memory: nothing acknowledged is lost while Proxist runs
            assertEquals(
                    Long.toString(acked.get()),
                    ch.client().query("SELECT count() FROM " + DB + ".trades").strip());
            PxctlSupport.Run up = pxctl(admin, "status").expect(0);
            assertTrue(up.out().contains(": HEALTHY, answers"), up.out());
        } finally {
            ch.close();
        }
    }

    private static void insert(int http, AtomicLong clock, int n, AtomicLong acked) {
        try {
            insertTrades(http, DB, "OUT", clock, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        acked.addAndGet(n);
    }

    private static String health(int admin) {
        Map<String, Object> s =
                PxctlTest.json(pxctl(admin, "status", "--json").expect(0).out());
        return (String) PxctlTest.obj(s.get("clickhouse")).get("health");
    }

    private static long segments(int admin) {
        return PxctlTest.num(
                PxctlTest.json(pxctl(admin, "wal", "status", "--json").expect(0).out())
                        .get("segments"));
    }

    private static long tradesPending(int admin) {
        Map<String, Object> s =
                PxctlTest.json(pxctl(admin, "status", "--json").expect(0).out());
        return PxctlTest.num(
                PxctlTest.row(PxctlTest.list(s.get("tables")), "trades").get("pending_rows"));
    }

    private static long unconfirmedInWal(int admin) {
        Map<String, Object> r =
                PxctlTest.json(pxctl(admin, "wal", "replay", "--json").expect(0).out());
        assertEquals(Boolean.TRUE, r.get("ok"), r.toString());
        return PxctlTest.num(
                PxctlTest.row(PxctlTest.list(r.get("tables")), "trades").get("unconfirmed_rows"));
    }

    private static ProxistServer start(Path dir, TcpForwarder fwd) throws IOException {
        Map<String, String> cfg = new HashMap<>(Map.of(
                "clickhouse.mode", "external",
                "clickhouse.url", "http://127.0.0.1:" + fwd.port(),
                "clickhouse.database", DB,
                "http.port", "0",
                "native.port", "0",
                "admin.port", "0",
                "proxist.home", dir.resolve("proxist").toString(),
                "ingest.tables", "trades",
                "wal.segment-mb", "1",
                "snapshot.interval-seconds", "0"));
        cfg.put("users.file", PxctlSupport.usersFile(dir).toString());
        return ProxistServer.start(ProxistConfig.of(cfg, Map.of()));
    }
}
