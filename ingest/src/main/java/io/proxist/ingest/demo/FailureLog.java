package io.proxist.ingest.demo;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN for blocks the sink refused, at most one per interval; the ones held back are counted and reported with
 * the next. One writer (the feed's thread).
 */
final class FailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    /** Default interval between two WARNs: 1 s. */
    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextAllowed;
    private long suppressed;

    FailureLog(long intervalNanos, LongSupplier nanoTime) {
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.nextAllowed = nanoTime.getAsLong();
    }

    /** Logs the refusal unless one was logged less than the interval ago; true if it logged. */
    boolean refused(String table, int rows, RuntimeException e) {
        long now = nanoTime.getAsLong();
        if (now - nextAllowed < 0) {
            suppressed++;
            return false;
        }
        nextAllowed = now + intervalNanos;
        long held = suppressed;
        suppressed = 0;
        LOG.warn(
                "demo feed: the sink refused a block [table={}, rows={}, suppressedSinceLastWarn={}]",
                table,
                rows,
                held,
                e);
        return true;
    }

    /** Refusals not logged since the last WARN. */
    long suppressed() {
        return suppressed;
    }
}
