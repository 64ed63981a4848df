package io.proxist.ingest.recorder;

import java.time.Duration;

/**
 * The recorder's knobs.
 *
 * @param queueCapacity events each table's queue holds (rounded up to a power of two)
 * @param batchRows rows per INSERT the recorder thread builds at most
 * @param flushInterval how long a partial batch waits for more rows at most
 * @param criticalWait how long {@code record} waits for room in a critical table's queue before TIMED_OUT
 * @param minSnapshotInterval per symbol, the least time between two recorded market snapshots (ZERO: no limit)
 */
public record RecorderOptions(
        int queueCapacity, int batchRows, Duration flushInterval, Duration criticalWait, Duration minSnapshotInterval) {
    public static final RecorderOptions DEFAULT =
            new RecorderOptions(65_536, 2_000, Duration.ofMillis(50), Duration.ofMillis(5), Duration.ZERO);

    public RecorderOptions {
        if (queueCapacity < 2) throw new IllegalArgumentException("queue capacity must be at least 2");
        if (batchRows < 1) throw new IllegalArgumentException("batch rows must be at least 1");
    }
}
