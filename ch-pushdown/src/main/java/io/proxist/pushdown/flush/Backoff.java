package io.proxist.pushdown.flush;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (1-based) is uniform in
 * {@code [0, min(cap, base * 2^(n-1))]}. Full jitter spreads the retries of many flushers after an outage.
 */
public final class Backoff {
    private final long baseNanos;
    private final long capNanos;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff [base=" + base + ", cap=" + cap + "]");
        }
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.random = random;
    }

    /** The ceiling of the wait before retry {@code attempt} (1-based). */
    public long ceilingNanos(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long c = baseNanos << shift;
        return (c >>> shift) != baseNanos || c > capNanos || c < 0 ? capNanos : c;
    }

    /** The wait before retry {@code attempt} (1-based), drawn with full jitter. */
    public long delayNanos(int attempt) {
        return random.nextLong(ceilingNanos(attempt) + 1);
    }
}
