package io.proxist.ingest.demo;

/**
 * Events due for a stretch of time at a fixed rate, with the fraction carried to the next stretch: stretches summing
 * to {@code T} nanoseconds yield exactly {@code floor(rate * T / 1e9)} events, however they are cut.
 */
final class RateBudget {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final long perSecond;
    private long carry; // event-nanoseconds not yet worth a whole event, < 1e9

    RateBudget(long perSecond) {
        this.perSecond = perSecond;
    }

    /** Events due for {@code elapsedNanos} more nanoseconds (at most 1 s, so the product cannot overflow). */
    int take(long elapsedNanos) {
        long due = carry + perSecond * elapsedNanos;
        carry = due % NANOS_PER_SECOND;
        return Math.toIntExact(due / NANOS_PER_SECOND);
    }
}
