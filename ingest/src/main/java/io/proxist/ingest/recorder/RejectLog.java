package io.proxist.ingest.recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN for rejected events, at most one per table per interval; the ones held back are counted and reported
 * with the next WARN of that table. The message (and the event's {@code toString()}) is built only when logged, so
 * a flood of bad events costs a counter increment each. Thread-safe.
 */
public final class RejectLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectLog.class);

    /** Default interval between two WARNs of one table: 1 s. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong[] nextAllowed = new AtomicLong[RecorderTable.values().length];
    private final AtomicLong[] suppressed = new AtomicLong[RecorderTable.values().length];

    /**
     * @param intervalNanos least time between two WARNs of one table
     * @param nanoTime a monotonic clock ({@code System::nanoTime}; tests pass their own)
     */
    public RejectLog(long intervalNanos, LongSupplier nanoTime) {
        if (intervalNanos < 0) throw new IllegalArgumentException("negative interval [nanos=" + intervalNanos + "]");
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        for (int i = 0; i < nextAllowed.length; i++) {
            nextAllowed[i] = new AtomicLong(now);
            suppressed[i] = new AtomicLong();
        }
    }

    public RejectLog() {
        this(DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    /** Logs the rejection unless this table logged one less than the interval ago; true if it logged. */
    boolean rejected(RecorderTable table, RejectReason reason, String field, Object event) {
        int t = table.ordinal();
        long now = nanoTime.getAsLong();
        AtomicLong next = nextAllowed[t];
        long allowed = next.get();
        if (now - allowed < 0 || !next.compareAndSet(allowed, now + intervalNanos)) {
            suppressed[t].incrementAndGet();
            return false;
        }
        long held = suppressed[t].getAndSet(0);
        if (LOG.isWarnEnabled()) {
            LOG.warn(
                    "recorder rejected an event [table={}, reason={}, field={}, suppressedSinceLastWarn={}]: {}",
                    table.tableName(),
                    reason,
                    field,
                    held,
                    event);
        }
        return true;
    }

    /** Rejections of {@code table} not logged since its last WARN. */
    public long suppressed(RecorderTable table) {
        return suppressed[table.ordinal()].get();
    }
}
