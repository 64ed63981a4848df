package io.proxist.metadata;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link CrashRecoveryTest}: writes a known state, then keeps writing from several threads
 * and dies by {@link Runtime#halt} in the middle of it, without closing the store. Before halting it prints what
 * had completed, so the parent can check that all of it was recovered.
 *
 * <p>Arguments: the store directory, the run number (names of phase B differ per run), the number of phase-B
 * symbols per thread after which to halt.
 */
public final class CrashWriter {
    static final String TABLE = "trades";
    static final String FRONTIER_TABLE = "quotes";
    static final int PHASE_A_SYMBOLS = 1000;
    static final int INTERN_THREADS = 3;
    static final long LOG_ID = 7;
    static final int HALT_STATUS = 77;
    /** Starts every line the parent reads (libraries may print to stdout too). */
    static final String MARK = "crash-writer: ";

    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        int haltAfter = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        MetadataStore store = MetadataStore.open(dir);
        out.println(MARK + "opened unclean=" + store.recoveryReport().uncleanShutdown());

        // Phase A: a deterministic state (idempotent across runs).
        for (int i = 0; i < PHASE_A_SYMBOLS; i++) {
            int id = store.symbols().intern("S" + i);
            if (id != i) throw new AssertionError("phase A id " + id + " for S" + i);
        }
        store.snapshots().add(new SnapshotEntry(TABLE, 100, "trades-100.snap", 0xCAFEBABE));
        out.println(MARK + "phaseA done");
        out.flush();

        // Phase B: writers that are still writing when the process halts.
        AtomicInteger[] interned = new AtomicInteger[INTERN_THREADS];
        AtomicLong lastWatermark = new AtomicLong(-1);
        AtomicLong lastFrontier = new AtomicLong(-1);
        CountDownLatch enough = new CountDownLatch(INTERN_THREADS);
        long base = lastStoredT(store);
        for (int t = 0; t < INTERN_THREADS; t++) {
            AtomicInteger done = interned[t] = new AtomicInteger();
            int thread = t;
            Thread w = new Thread(() -> {
                for (int i = 0; ; i++) {
                    store.symbols().intern(name(run, thread, i));
                    done.set(i + 1);
                    if (i + 1 == haltAfter) enough.countDown();
                }
            });
            w.setDaemon(true);
            w.start();
        }
        Thread watermarks = new Thread(() -> {
            for (long i = base + 1; ; i++) {
                store.watermarks().advance(TABLE, new Watermark(i, i * 10, LOG_ID));
                lastWatermark.set(i);
            }
        });
        watermarks.setDaemon(true);
        watermarks.start();
        Thread frontier = new Thread(() -> {
            for (long i = 0; ; i++) {
                int symbol = (int) (i % 50);
                store.frontier().put(FRONTIER_TABLE, symbol, frontierRow(symbol, i));
                lastFrontier.set(i);
            }
        });
        frontier.setDaemon(true);
        frontier.start();

        enough.await();
        StringBuilder sb = new StringBuilder(MARK + "completed");
        for (AtomicInteger c : interned) sb.append(' ').append(c.get());
        sb.append(" watermark ").append(lastWatermark.get());
        sb.append(" frontier ").append(lastFrontier.get());
        out.println(sb);
        out.flush();
        Runtime.getRuntime().halt(HALT_STATUS);
    }

    static long lastStoredT(MetadataStore store) {
        Watermark w = store.watermarks().get(TABLE);
        return w == null ? 0 : w.tPersistedNanos();
    }

    static String name(int run, int thread, int i) {
        return "R" + run + "-T" + thread + "-" + i;
    }

    /** 12 bytes: the symbol id and the write counter, so a torn or misplaced row is detectable. */
    static byte[] frontierRow(int symbol, long counter) {
        return ByteBuffer.allocate(12).putInt(symbol).putLong(counter).array();
    }
}
