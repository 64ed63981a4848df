package io.proxist.pushdown.flush;

/**
 * The rows-per-INSERT target of one table. Every INSERT makes at least one part per partition, and ClickHouse
 * slows then refuses inserts when a table's active parts pile up, so under pressure the flusher sends fewer,
 * larger INSERTs:
 *
 * <pre>
 *   pressure = last INSERT took &gt; slowInsert  or  active parts &gt; partsThreshold
 *   calm     = last INSERT took &lt; slowInsert/2 and active parts &lt; partsThreshold/2
 *   after each INSERT:  pressure → target := min(maxBatchRows, 2 · target)
 *                       calm     → target := max(batchRows, target / 2)
 *                       (between the two: unchanged, so the size does not flap)
 * </pre>
 *
 * While the target is above {@code batchRows}, a group smaller than the target lingers once ({@code linger}) for
 * more queued batches before it is sent. Not thread-safe: the flusher's worker owns it.
 */
final class AdaptiveBatchSize {
    private final int batchRows;
    private final int maxBatchRows;
    private final long slowNanos;
    private final int partsThreshold;
    private int target;
    private long activeParts;

    AdaptiveBatchSize(int batchRows, int maxBatchRows, long slowNanos, int partsThreshold) {
        this.batchRows = batchRows;
        this.maxBatchRows = maxBatchRows;
        this.slowNanos = slowNanos;
        this.partsThreshold = partsThreshold;
        this.target = batchRows;
    }

    int target() {
        return target;
    }

    boolean underPressure() {
        return target > batchRows;
    }

    long activeParts() {
        return activeParts;
    }

    /** The latest count of the table's active parts. */
    void parts(long active) {
        activeParts = active;
    }

    boolean partsAboveThreshold() {
        return activeParts > partsThreshold;
    }

    /** Records one successful INSERT's latency and adapts the target. */
    void inserted(long latencyNanos) {
        if (latencyNanos > slowNanos || activeParts > partsThreshold) {
            target = (int) Math.min(maxBatchRows, 2L * target);
        } else if (latencyNanos < slowNanos / 2 && activeParts < partsThreshold / 2) {
            target = Math.max(batchRows, target / 2);
        }
    }
}
