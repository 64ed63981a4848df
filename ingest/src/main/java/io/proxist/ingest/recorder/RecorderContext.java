package io.proxist.ingest.recorder;

import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What the recorder adds to every row and how it judges time: the metadata columns {@code source} and {@code
 * environment}, the tolerated clock skew between event and receive time, and the clock that stamps {@code recv_ts}
 * when the producer left it 0.
 *
 * @param source the producing system or feed, written to every row's {@code source}
 * @param environment the deployment environment (prod, uat, sim, ...), written to every row's {@code environment}
 * @param skewToleranceNanos how far {@code recv_ts} may lie before {@code ts} and still be accepted (then clamped to
 *     {@code ts}); beyond it the event is rejected as {@link RejectReason#RECEIVED_BEFORE_EVENT}
 * @param clock UTC nanoseconds now; called only for events whose {@code recvTs} is 0
 */
public record RecorderContext(String source, String environment, long skewToleranceNanos, LongSupplier clock) {
    /** Default skew tolerance: 5 ms, room for NTP-disciplined clocks on different hosts. */
    public static final long DEFAULT_SKEW_TOLERANCE_NANOS = 5_000_000L;

    public RecorderContext {
        source = metadata(source, "source");
        environment = metadata(environment, "environment");
        if (skewToleranceNanos < 0) {
            throw new IllegalArgumentException(
                    "skew tolerance must not be negative [nanos=" + skewToleranceNanos + "]");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** A context with the default tolerance and the {@linkplain #systemClock() system clock}. */
    public static RecorderContext of(String source, String environment) {
        return new RecorderContext(source, environment, DEFAULT_SKEW_TOLERANCE_NANOS, systemClock());
    }

    /**
     * UTC nanoseconds without allocation: the wall clock read once, advanced by {@link System#nanoTime()}. It does
     * not follow later steps of the wall clock (NTP corrections), which is acceptable for stamping receive times of
     * producers that did not stamp their own.
     */
    public static LongSupplier systemClock() {
        Instant wall = Instant.now();
        long base = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        long anchor = System.nanoTime();
        return () -> base + (System.nanoTime() - anchor);
    }

    private static String metadata(String value, String name) {
        Objects.requireNonNull(value, name);
        String v = value.strip();
        if (v.isEmpty() || Identifiers.invalid(v)) {
            throw new IllegalArgumentException("invalid recorder " + name + " [value=" + value + "]");
        }
        return v;
    }
}
