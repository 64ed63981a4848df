package io.proxist.pushdown.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

@WithClickHouse
class FlusherTest {
    private static final long TS0 = 1_700_000_000_000_000_000L;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "BRK.B", "it's\\odd", "ÄÖ€"};
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final TestClickHouse ch;
    private final long seed = new Random().nextLong();
    private final SplittableRandom random = new SplittableRandom(seed);
    private final Events events = new Events();
    private final RecordingClock clock = new RecordingClock();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String table;
    private long nextSeq;
    private long nextLsn = 1;

    FlusherTest(TestClickHouse ch) {
        this.ch = ch;
    }

    @BeforeEach
    void createTable(TestInfo info) {
        System.out.println("seed " + seed + " for " + info.getDisplayName());
        table = "ticks_" + TABLES.incrementAndGet();
        ch.query("CREATE TABLE " + table + " (symbol String, ts Int64, seq UInt64, px Float64, tags Array(String)) "
                + "ENGINE = MergeTree ORDER BY (symbol, ts, seq)"); // no dedup at merge: duplicates stay visible
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) c.close();
    }

    @Test
    void batchesLandExactlyOnceAndAreConfirmedInOrder() {
        Flusher f = flusher(ch.endpoint(), config().withBatchRows(60, 1_000));
        List<FlushBatch> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) batches.add(submit(f, 1 + random.nextInt(40)));
        f.start(); // the queued batches coalesce
        for (int i = 0; i < 12; i++) batches.add(submit(f, 1 + random.nextInt(40)));

        events.awaitConfirmed(batches);
        assertExactlyOnce(batches);
        FlushStats s = f.stats();
        assertTrue(s.inserts() < batches.size(), "coalesced: " + s);
        assertEquals(0, s.failedAttempts(), s.toString());
        assertEquals(BackendHealth.HEALTHY, f.health().state());
        assertEquals(0, s.queuedBatches());
    }

    @Test
    void ambiguousFailureAfterTheInsertLandedDoesNotDuplicate() throws Exception {
        CuttingProxy proxy = proxy();
        Flusher f = flusher(via(proxy), config().withKeyCheckChunk(7)).start();
        FlushBatch warm = submit(f, 5);
        events.awaitConfirmed(List.of(warm));

        proxy.arm(CuttingProxy.Cut.AFTER_RESPONSE);
        FlushBatch cut = submit(f, 50);
        FlushBatch after = submit(f, 3);
        events.awaitConfirmed(List.of(cut, after));

        assertEquals(1, proxy.cuts());
        assertExactlyOnce(List.of(warm, cut, after));
        FlushStats s = f.stats();
        assertEquals(1, s.ambiguous(), s.toString());
        assertTrue(s.rowsFoundLanded() >= 50, "the probe found the landed rows: " + s);
        assertEquals(5 + 50 + 3, s.rowsInserted() + s.rowsFoundLanded(), "nothing was resent: " + s);
    }

    @Test
    void ambiguousFailureBeforeForwardingResendsTheBatch() throws Exception {
        CuttingProxy proxy = proxy();
        Flusher f = flusher(via(proxy), config().withKeyCheckChunk(7)).start();
        proxy.arm(CuttingProxy.Cut.BEFORE_FORWARD);
        FlushBatch cut = submit(f, 40);
        events.awaitConfirmed(List.of(cut));

        assertEquals(1, proxy.cuts());
        assertExactlyOnce(List.of(cut));
        FlushStats s = f.stats();
        assertEquals(1, s.ambiguous(), s.toString());
        assertEquals(0, s.rowsFoundLanded(), s.toString());
        assertEquals(40, s.rowsInserted(), s.toString());
    }

    @Test
    void outageMakesTheBackendDownAndEverythingLandsAfterRecovery() throws Exception {
        CuttingProxy proxy = proxy();
        HealthTracker health =
                new HealthTracker("test", 3, Duration.ofSeconds(5).toNanos());
        List<BackendHealth> seen = new CopyOnWriteArrayList<>();
        CountDownLatch down = new CountDownLatch(1);
        health.addListener((from, to) -> {
            seen.add(to);
            if (to == BackendHealth.DOWN) down.countDown();
        });
        Flusher f = flusher(via(proxy), health, config()).start();
        FlushBatch before = submit(f, 10);
        events.awaitConfirmed(List.of(before));

        proxy.refuse();
        List<FlushBatch> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) during.add(submit(f, 1 + random.nextInt(30)));
        assertTrue(down.await(60, TimeUnit.SECONDS), "health went DOWN: " + seen);
        assertNull(events.poll(), "nothing is confirmed while ClickHouse is unreachable");
        assertEquals(5, f.stats().queuedBatches(), "all wait: " + f.stats());
        long cap = Duration.ofSeconds(2).toNanos();
        for (long d : clock.sleeps) assertTrue(d >= 0 && d <= cap, "backoff within [0, cap]: " + d);

        proxy.resume();
        events.awaitConfirmed(during);
        assertExactlyOnce(concat(List.of(before), during));
        assertEquals(BackendHealth.HEALTHY, health.state());
        assertEquals(List.of(BackendHealth.DEGRADED, BackendHealth.DOWN, BackendHealth.HEALTHY), seen);
    }

    @Test
    void aBatchClickHouseRefusesIsReportedAndDoesNotBlockTheNext() {
        Flusher f = flusher(ch.endpoint(), config()).start();
        Block good = rows(5);
        // px as a String with text that is no number: ClickHouse refuses the conversion
        List<Column> cols = new ArrayList<>(good.columns());
        cols.set(3, strings(5, "not a price"));
        FlushBatch bad = new FlushBatch(new Block(good.names(), cols, 5), nextLsn, nextLsn++);
        f.submit(bad);
        FlushBatch next = submit(f, 7);

        Event e = events.take();
        assertEquals(bad.toLsn(), e.lsn());
        assertNotNull(e.rejected(), "rejected, not confirmed");
        System.out.println("rejected with: " + e.rejected().codeName() + ": "
                + e.rejected().getMessage());
        assertTrue(e.rejected().codeNumber() != 210, "a ClickHouse error, not a network one");
        events.awaitConfirmed(List.of(next));
        assertExactlyOnce(List.of(next));
        assertEquals(2, f.stats().failedAttempts(), "tried rejectAfterAttempts times: " + f.stats());
        assertEquals(BackendHealth.HEALTHY, f.health().state());
    }

    // ---- helpers

    private FlushConfig config() {
        return FlushConfig.defaults()
                .withRetries(Duration.ofMillis(10), Duration.ofSeconds(2), 2, 3)
                .withTime(new SplittableRandom(seed), clock, Duration.ofSeconds(20));
    }

    private Flusher flusher(ClickHouseEndpoint endpoint, FlushConfig config) {
        return flusher(
                endpoint, new HealthTracker("test", 3, Duration.ofSeconds(5).toNanos()), config);
    }

    private Flusher flusher(ClickHouseEndpoint endpoint, HealthTracker health, FlushConfig config) {
        Flusher f = new Flusher(
                new FlushTable(ch.database(), table, List.of("symbol", "ts", "seq")), endpoint, health, events, config);
        closeables.add(f);
        return f;
    }

    private CuttingProxy proxy() throws Exception {
        CuttingProxy p = new CuttingProxy(ch.endpoint().httpPort());
        closeables.add(p);
        return p;
    }

    private ClickHouseEndpoint via(CuttingProxy p) {
        ClickHouseEndpoint e = ch.endpoint();
        return new ClickHouseEndpoint(p.url(), e.nativePort(), e.user(), e.password());
    }

    private FlushBatch submit(Flusher f, int n) {
        FlushBatch b = new FlushBatch(rows(n), nextLsn, nextLsn + 1);
        nextLsn += 2;
        f.submit(b);
        return b;
    }

    /** Rows in random key order, keys unique across the test (seq counts up). */
    private Block rows(int n) {
        long[] ts = new long[n];
        long[] seq = new long[n];
        double[] px = new double[n];
        List<String> syms = new ArrayList<>();
        long[] offs = new long[n];
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            syms.add(SYMBOLS[random.nextInt(SYMBOLS.length)]);
            ts[i] = TS0 + random.nextLong(1_000_000_000L);
            seq[i] = nextSeq++;
            px[i] = 100 + random.nextDouble();
            int k = random.nextInt(3);
            for (int j = 0; j < k; j++) tags.add("t" + j);
            offs[i] = tags.size();
        }
        return new Block(
                List.of("symbol", "ts", "seq", "px", "tags"),
                List.of(
                        strings(syms),
                        new LongColumn(DataType.of("Int64"), ts, n),
                        new LongColumn(DataType.of("UInt64"), seq, n),
                        new DoubleColumn(DataType.of("Float64"), px, n),
                        new ArrayColumn(DataType.parse("Array(String)"), offs, strings(tags), n)),
                n);
    }

    private static BytesColumn strings(int n, String v) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(v);
        return strings(l);
    }

    private static BytesColumn strings(List<String> values) {
        int[] offsets = new int[values.size() + 1];
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            out.writeBytes(values.get(i).getBytes(StandardCharsets.UTF_8));
            offsets[i + 1] = out.size();
        }
        return new BytesColumn(DataType.of("String"), out.toByteArray(), offsets, values.size());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** Every row of the batches is in the table exactly once, and nothing else is: count() and count by key. */
    private void assertExactlyOnce(List<FlushBatch> batches) {
        long rows = 0;
        long seqSum = 0;
        for (FlushBatch b : batches) {
            rows += b.rows();
            LongColumn seq = (LongColumn) b.block().column(2);
            for (int i = 0; i < b.rows(); i++) seqSum += seq.get(i);
        }
        assertEquals(
                rows + "\t" + seqSum,
                ch.query("SELECT count(), sum(seq) FROM " + table).strip(),
                "seed " + seed);
        assertEquals(
                "0",
                ch.query("SELECT count() FROM (SELECT symbol, ts, seq, count() AS c FROM " + table
                                + " GROUP BY symbol, ts, seq HAVING c > 1)")
                        .strip(),
                "no key twice, seed " + seed);
        assertEquals(
                String.valueOf(rows),
                ch.query("SELECT uniqExact(symbol, ts, seq) FROM " + table).strip(),
                "seed " + seed);
    }

    record Event(long lsn, Block block, ProxistException rejected) {}

    /** The listener: events in the order the flusher reports them. */
    static final class Events implements FlushListener {
        final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

        @Override
        public void onConfirmed(String table, long toLsn, Block block) {
            queue.add(new Event(toLsn, block, null));
        }

        @Override
        public void onRejected(String table, FlushBatch batch, ProxistException error) {
            queue.add(new Event(batch.toLsn(), batch.block(), error));
        }

        Event take() {
            try {
                Event e = queue.poll(60, TimeUnit.SECONDS);
                assertNotNull(e, "an event within 60 s");
                return e;
            } catch (InterruptedException ie) {
                throw new AssertionError(ie);
            }
        }

        Event poll() {
            return queue.poll();
        }

        /** The next events confirm exactly these batches, in this order. */
        void awaitConfirmed(List<FlushBatch> batches) {
            for (FlushBatch b : batches) {
                Event e = take();
                assertNull(e.rejected(), () -> "rejected: " + e.rejected());
                assertEquals(b.toLsn(), e.lsn(), "confirmed in order");
                assertTrue(e.block() == b.block());
            }
        }
    }

    /** Real monotonic time, backoff waits recorded and skipped (no test waits for a backoff). */
    static final class RecordingClock implements FlushClock {
        final List<Long> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (Thread.interrupted()) throw new InterruptedException();
            sleeps.add(nanos);
            Thread.yield();
        }
    }
}
