package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.Rows.RECV;
import static io.proxist.ingest.recorder.Rows.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The recorder API: every accepted event recorded exactly once (close drains), full queues answered by the table's
 * policy (a critical table times out after its bound, a best-effort one drops), refused batches kept and offered
 * again, and bad events rejected whole.
 */
class RecorderTest {
    static final Set<String> BEST_EFFORT = Set.of("market_data", "system_events");

    /** The ingest path as the recorder sees it: rows per table, optionally refusing or holding. */
    static final class Sink implements RecorderSink {
        final Map<String, List<Block>> blocks = new ConcurrentHashMap<>();
        final AtomicInteger refuse = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public void insert(String table, Block rows) {
            entered.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (refuse.getAndDecrement() > 0) throw new IllegalStateException("LIMIT_EXCEEDED: past the budget");
            blocks.computeIfAbsent(table, t -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(rows);
        }

        TreeSet<Long> seqs(String table) {
            TreeSet<Long> out = new TreeSet<>();
            int n = 0;
            for (Block b : blocks.getOrDefault(table, List.of()))
                for (int r = 0; r < b.rows(); r++, n++) out.add((Long) Rows.value(b, "seq", r));
            assertEquals(n, out.size(), "no row twice");
            return out;
        }
    }

    static Recorder recorder(Sink sink, RecorderOptions o) {
        return new Recorder(Rows.mappers(), t -> !BEST_EFFORT.contains(t), sink, o);
    }

    static PublicTrade trade(long seq) {
        return new PublicTrade("MSFT", T0 + seq, seq, "T-" + seq, "XNYS", 411.25, 150, Side.SELL, "@", RECV + seq);
    }

    static MarketSnapshot quote(String sym, long seq, double bid) {
        double[] none = new double[0];
        return new MarketSnapshot(
                sym, T0 + seq, seq, "X", bid, 1, bid + 0.01, 1, 0, 0, none, none, none, none, RECV + seq);
    }

    @Test
    void everyAcceptedEventIsRecordedOnceFromManyThreads() throws Exception {
        Sink sink = new Sink();
        Recorder r = recorder(
                sink, new RecorderOptions(1 << 16, 500, Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ZERO));
        int threads = 4, each = 20_000;
        List<Thread> ts = new ArrayList<>();
        AtomicInteger notAccepted = new AtomicInteger();
        for (int k = 0; k < threads; k++) {
            int base = k * each;
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++)
                    if (r.record(trade(base + i)) != RecordResult.ACCEPTED) notAccepted.incrementAndGet();
            }));
        }
        for (Thread t : ts) t.join();
        r.close();
        assertEquals(0, notAccepted.get());
        TreeSet<Long> seqs = sink.seqs("trades");
        assertEquals(threads * each, seqs.size());
        assertEquals(0L, seqs.first());
        assertEquals(threads * each - 1L, seqs.last());
        assertEquals(RecordResult.CLOSED, r.record(trade(-1)));
        assertEquals(threads * each, r.counters().get("trades")[3], "rows recorded");
    }

    @Test
    void aFullCriticalQueueTimesOutAndAFullBestEffortQueueDrops() throws Exception {
        Sink sink = new Sink();
        sink.hold = new CountDownLatch(1); // the ingest path is stuck: the recorder thread waits in insert
        Recorder r = recorder(sink, new RecorderOptions(4, 1, Duration.ZERO, Duration.ofMillis(20), Duration.ZERO));
        assertEquals(RecordResult.ACCEPTED, r.record(trade(0)));
        sink.entered.await(); // the thread took it and is blocked in the sink
        int accepted = 1;
        RecordResult res;
        while ((res = r.record(trade(accepted))) == RecordResult.ACCEPTED) accepted++;
        assertEquals(RecordResult.TIMED_OUT, res, "critical: a clear signal after the bound");
        assertEquals(1, r.counters().get("trades")[2]);
        int quotes = 0;
        while ((res = r.record(quote("A", quotes, 100 + quotes))) == RecordResult.ACCEPTED) quotes++;
        assertEquals(RecordResult.DROPPED, res, "best effort: dropped at once");
        assertEquals(1, r.counters().get("market_data")[1]);
        sink.hold.countDown();
        r.close();
        assertEquals(accepted, sink.seqs("trades").size(), "every accepted critical event, once");
        // market data under pressure (its queue was full) is sampled, each snapshot counted one way or the other
        long[] md = r.counters().get("market_data");
        assertEquals(quotes, sink.seqs("market_data").size() + md[4]);
        assertEquals(md[3], sink.seqs("market_data").size());
    }

    @Test
    void aRefusedCriticalBatchIsKeptAndOfferedAgain() {
        Sink sink = new Sink();
        sink.refuse.set(3);
        Recorder r = recorder(sink, new RecorderOptions(1024, 10, Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO));
        for (int i = 0; i < 100; i++) assertEquals(RecordResult.ACCEPTED, r.record(trade(i)));
        r.close();
        assertEquals(100, sink.seqs("trades").size());
    }

    @Test
    void unchangedQuotesAreNotRecordedAgain() {
        Sink sink = new Sink();
        Recorder r =
                recorder(sink, new RecorderOptions(1024, 100, Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO));
        r.record(quote("A", 1, 100));
        r.record(quote("A", 2, 100)); // same bid and ask: dropped
        r.record(quote("B", 3, 100)); // another symbol
        r.record(quote("A", 4, 101));
        r.record(new Object());
        r.close();
        assertEquals(Set.of(1L, 3L, 4L), sink.seqs("market_data"));
        assertEquals(1, r.sampler().unchanged());
        assertEquals(1, r.counters().get("market_data")[4]);
    }

    @Test
    void samplingRisesUnderPressureAndFallsWhenItEases() {
        MarketDataSampler s = new MarketDataSampler(0);
        long t = 0;
        assertEquals(0, s.pressure(0.1, t));
        assertEquals(1, s.pressure(0.9, t += MarketDataSampler.STEP_NANOS));
        assertEquals(1, s.pressure(0.9, t + 1), "at most one step per interval");
        assertEquals(2, s.pressure(0.9, t += MarketDataSampler.STEP_NANOS));
        assertEquals(2, s.pressure(0.3, t += MarketDataSampler.STEP_NANOS), "between the marks: unchanged");
        // at level 2 one in four changed quotes of a symbol is kept
        int kept = 0;
        for (int i = 0; i < 40; i++) if (s.check(quote("A", i, 100 + i)) == MarketDataSampler.Verdict.KEEP) kept++;
        assertEquals(10, kept);
        assertEquals(30, s.sampled());
        assertEquals(1, s.pressure(0.1, t += MarketDataSampler.STEP_NANOS));
        assertEquals(0, s.pressure(0.1, t += MarketDataSampler.STEP_NANOS));
        assertEquals(MarketDataSampler.Verdict.KEEP, s.check(quote("A", 100, 500)));
    }

    @Test
    void aMinimumIntervalPerSymbolLimitsTheRate() {
        MarketDataSampler s = new MarketDataSampler(1_000);
        assertEquals(MarketDataSampler.Verdict.KEEP, s.check(quote("A", 0, 100)));
        assertEquals(MarketDataSampler.Verdict.RATE, s.check(quote("A", 500, 101)));
        assertEquals(MarketDataSampler.Verdict.KEEP, s.check(quote("B", 600, 101)));
        assertEquals(MarketDataSampler.Verdict.KEEP, s.check(quote("A", 1_000, 102)));
        assertEquals(1, s.rateLimited());
    }

    @Test
    void recordDoesNotAllocate() {
        Sink sink = new Sink();
        Recorder r =
                recorder(sink, new RecorderOptions(1 << 16, 1000, Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO));
        PublicTrade e = trade(1);
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) r.record(e); // warm up
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) r.record(e);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        r.close();
        assertTrue(allocated < 20_000, "bytes allocated by 20,000 record calls: " + allocated);
    }
}
