package io.proxist.ingest.demo;

import java.util.SplittableRandom;

/**
 * Timestamps and sequence numbers of one table: per symbol, {@code ts} is strictly increasing, except for the late
 * rows, which are stamped up to {@code maxLateness} before the symbol's latest timestamp (and so are out of order in
 * the table). Every row gets the table's next {@code seq} and a receive time a little after the event.
 *
 * <p>Not thread-safe: the results of {@link #stamp} are read from the fields {@link #ts}, {@link #recvTs}, {@link
 * #seq}, so stamping allocates nothing.
 */
final class Stamper {
    private static final long MIN_LATENCY_NANOS = 20_000L;
    private static final long LATENCY_SPREAD_NANOS = 480_000L;

    private final long[] last;
    private final double lateFraction;
    private final long maxLateness;
    private final SplittableRandom random;
    private long nextSeq = 1;
    private long lateRows;

    long ts;
    long recvTs;
    long seq;

    Stamper(int symbols, double lateFraction, long maxLatenessNanos, SplittableRandom random) {
        this.last = new long[symbols];
        this.lateFraction = lateFraction;
        this.maxLateness = maxLatenessNanos;
        this.random = random;
    }

    /** An on-time stamp, never late: for events whose order matters (our orders and fills). */
    void stampOnTime(int symbol, long candidate) {
        ts = Math.max(candidate, last[symbol] + 1);
        last[symbol] = ts;
        finish(ts);
    }

    /** A stamp at {@code candidate} (or just after the symbol's latest), or with the late fraction a late one. */
    void stamp(int symbol, long candidate) {
        long latest = last[symbol];
        if (lateFraction > 0 && latest != 0 && random.nextDouble() < lateFraction) {
            ts = latest - 1 - random.nextLong(maxLateness); // in [latest - maxLateness, latest - 1]
            lateRows++;
            finish(Math.max(candidate, latest));
        } else {
            stampOnTime(symbol, candidate);
        }
    }

    private void finish(long received) {
        recvTs = received + MIN_LATENCY_NANOS + random.nextLong(LATENCY_SPREAD_NANOS);
        seq = nextSeq++;
    }

    /** The latest on-time timestamp of {@code symbol}, 0 before its first row. */
    long latest(int symbol) {
        return last[symbol];
    }

    /** Late rows stamped so far. */
    long lateRows() {
        return lateRows;
    }
}
