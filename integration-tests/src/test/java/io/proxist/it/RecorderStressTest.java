package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.ingest.recorder.MarketSnapshot;
import io.proxist.ingest.recorder.PublicTrade;
import io.proxist.ingest.recorder.RecordResult;
import io.proxist.ingest.recorder.Recorder;
import io.proxist.ingest.recorder.Side;
import io.proxist.server.ProxistServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder API under load while ClickHouse goes away and comes back: trades (critical) and quotes (best effort)
 * from two producer threads as fast as they go; the producers are never held beyond the critical bound; every trade
 * the API accepted is in ClickHouse exactly once after recovery; market data under pressure (its unpersisted rows
 * against a small budget, its queue full) is sampled, counted, and back to full rate once the load stops and ClickHouse
 * has caught up. Trades per phase: {@code -Dproxist.recorder.trades} (default 50,000; a soak runs more).
 */
class RecorderStressTest {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void criticalEventsSurviveAnOutageExactlyOnceAndMarketDataDegradesAndRecovers(@TempDir Path dir) throws Exception {
        long perRun = Long.getLong("proxist.recorder.trades", 50_000);
        ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
        ch.client().query("CREATE DATABASE IF NOT EXISTS rec");
        try (TcpForwarder fwd = new TcpForwarder(ch.endpoint().httpUrl().getPort());
                ProxistServer proxist = ProxistServer.start(ProxistConfig.of(config(dir, fwd), Map.of()))) {
            Recorder recorder = proxist.recorder();
            Set<Long> accepted = ConcurrentHashMap.newKeySet();
            AtomicLong timedOut = new AtomicLong(), maxWaitNanos = new AtomicLong(), quotes = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            long t0 = 1_790_400_000_000_000_000L;
            // trades in three runs: before the outage, during it, after it (gates opened by the test)
            CountDownLatch outage = new CountDownLatch(1), back = new CountDownLatch(1);
            CountDownLatch[] runDone = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
            Thread trades = Thread.ofPlatform().start(() -> {
                long seq = 0;
                CountDownLatch[] gates = {new CountDownLatch(0), outage, back};
                for (int run = 0; run < 3; run++) {
                    try {
                        gates[run].await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (long end = seq + perRun; seq < end; seq++) {
                        long a = System.nanoTime();
                        RecordResult r = recorder.record(new PublicTrade(
                                "RS", t0 + seq * 1_000, seq, "T" + seq, "X", 100 + seq % 10, 1, Side.BUY, "", 0));
                        maxWaitNanos.accumulateAndGet(System.nanoTime() - a, Math::max);
                        if (r == RecordResult.ACCEPTED) accepted.add(seq);
                        else if (r == RecordResult.TIMED_OUT) timedOut.incrementAndGet();
                        else throw new AssertionError(r);
                    }
                    runDone[run].countDown();
                }
            });
            double[] none = new double[0];
            Thread md = Thread.ofPlatform().start(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    recorder.record(new MarketSnapshot(
                            "Q" + seq % 50,
                            t0 + seq * 1_000,
                            seq,
                            "X",
                            100 + seq % 97,
                            1,
                            101 + seq % 97,
                            1,
                            0,
                            0,
                            none,
                            none,
                            none,
                            none,
                            0));
                    quotes.incrementAndGet();
                }
            });
            runDone[0].await();
            ch.close(); // ClickHouse goes away under load
            fwd.cutAll();
            outage.countDown();
            runDone[1].await();
            await("market data sampled under pressure", () -> recorder.sampler().level() > 0);
            ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("ch")));
            fwd.retarget(ch.endpoint().httpUrl().getPort());
            back.countDown();
            runDone[2].await();
            stop.set(true);
            trades.join();
            md.join();
            long[] before = recorder.counters().get("market_data");
            assertTrue(before[4] > 0, "sampled snapshots counted");
            await("market data back at full rate", () -> recorder.sampler().level() == 0);
            recorder.close(); // drains every queued event into the ingest path
            proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(120));
            assertTrue(accepted.size() > 1_000, "load: " + accepted.size());
            assertEquals(
                    Long.toString(accepted.size()),
                    ch.client().query("SELECT count() FROM rec.trades").strip(),
                    "every accepted trade once, without FINAL");
            assertEquals(
                    Long.toString(accepted.size()),
                    ch.client()
                            .query("SELECT count() FROM (SELECT DISTINCT seq FROM rec.trades)")
                            .strip());
            assertEquals(accepted.size(), recorder.counters().get("trades")[3], "rows recorded");
            // the producers were held at most the critical bound (50 ms) per event, with room for scheduling
            assertTrue(maxWaitNanos.get() < TimeUnit.SECONDS.toNanos(2), "longest record(): " + maxWaitNanos.get());
            long[] m = recorder.counters().get("market_data");
            // each accepted snapshot was sampled out or handed to the ingest path, which dropped (and counted) the
            // ones past market_data's budget during the outage
            assertEquals(m[0], m[3] + m[4], "each accepted snapshot recorded or sampled out");
            assertTrue(droppedByIngest(proxist) <= m[3]);
            assertTrue(quotes.get() >= m[0]);
        } finally {
            ch.close();
        }
    }

    private static long droppedByIngest(ProxistServer p) {
        return p.ingest().service().stats("market_data").droppedRows();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        PxctlSupport.await(what, Duration.ofSeconds(60), condition);
    }

    private static Map<String, String> config(Path dir, TcpForwarder fwd) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("clickhouse.mode", "external");
        cfg.put("clickhouse.url", "http://127.0.0.1:" + fwd.port());
        cfg.put("clickhouse.database", "rec");
        cfg.put("http.port", "0");
        cfg.put("native.port", "0");
        cfg.put("proxist.home", dir.resolve("proxist").toString());
        cfg.put("ingest.tables", "trades,market_data");
        cfg.put("ingest.policies", "market_data.max-pending-rows=20000");
        cfg.put("recorder.critical-wait-ms", "50");
        cfg.put("wal.segment-mb", "8");
        return cfg;
    }
}
