package io.proxist.ingest;

import java.util.ArrayDeque;

/**
 * T_persisted of one table, as ingest/README.md defines it: every acknowledged row with {@code ts <= T} is confirmed
 * in ClickHouse, except the late rows (acknowledged when T had already passed their timestamp), which stay in
 * memory until confirmed. With {@code P} the confirmed WAL position, the seam reads
 * {@code ClickHouse[ts <= T] ∪ memory[ts > T] ∪ memory[ts <= T and lsn > P]}, taking T and P together from one
 * {@link Version}.
 *
 * <p>Batches are acknowledged in WAL order and confirmed in WAL order (the flusher never reorders confirmations).
 * After each confirmation {@code T := max(T, min ts of the unconfirmed rows - 1)}, or the largest confirmed ts when
 * nothing is unconfirmed; T never moves back. The minimum over the unconfirmed batches is kept by a monotonic deque
 * (batches enter at the back when acknowledged and leave at the front when confirmed), so every call is O(1)
 * amortised.
 *
 * <p>Thread safety: {@link #acknowledged} (the table's ingest thread), {@link #confirmed} (the flusher) and {@link
 * #version} (any query thread) may run concurrently; the version readers see is one immutable record.
 */
public final class WatermarkTracker {
    /** What a query pins: T_persisted and the confirmed WAL position, consistent with each other. */
    public record Version(long watermark, long confirmedLsn) {}

    private record Batch(long lsn, long minTs, long maxTs) {}

    private final ArrayDeque<Batch> pending = new ArrayDeque<>();
    /** Candidates for the minimum of {@link #pending}: increasing minTs, increasing lsn. */
    private final ArrayDeque<Batch> minima = new ArrayDeque<>();

    private long maxConfirmedTs;
    private long lastAckLsn;
    private volatile Version version;

    /**
     * @param watermark T_persisted as stored (Long.MIN_VALUE for a new table)
     * @param confirmedLsn the WAL position confirmed with it
     */
    public WatermarkTracker(long watermark, long confirmedLsn) {
        this.version = new Version(watermark, confirmedLsn);
        this.maxConfirmedTs = watermark;
        this.lastAckLsn = confirmedLsn;
    }

    public Version version() {
        return version;
    }

    /**
     * A batch was acknowledged (written to the WAL at {@code lsn} and applied to the hot store).
     *
     * @return whether some of its rows are late (at or below the watermark now): the seam serves them from memory
     *     until they are confirmed
     */
    public synchronized boolean acknowledged(long lsn, long minTs, long maxTs) {
        if (lsn <= lastAckLsn) {
            throw new IllegalArgumentException(
                    "batches are acknowledged in WAL order [lsn=" + lsn + ", last=" + lastAckLsn + "]");
        }
        if (minTs > maxTs) throw new IllegalArgumentException("minTs > maxTs");
        lastAckLsn = lsn;
        Batch b = new Batch(lsn, minTs, maxTs);
        pending.addLast(b);
        while (!minima.isEmpty() && minima.peekLast().minTs() >= minTs) minima.pollLast();
        minima.addLast(b);
        return minTs <= version.watermark();
    }

    /** The flusher confirmed every batch up to and including {@code lsn}. Returns the new version. */
    public synchronized Version confirmed(long lsn) {
        Version v = version;
        if (lsn <= v.confirmedLsn()) return v;
        while (!pending.isEmpty() && pending.peekFirst().lsn() <= lsn) {
            Batch b = pending.pollFirst();
            maxConfirmedTs = Math.max(maxConfirmedTs, b.maxTs());
            if (minima.peekFirst() == b) minima.pollFirst();
        }
        long candidate = minima.isEmpty() ? maxConfirmedTs : minima.peekFirst().minTs() - 1;
        version = new Version(Math.max(v.watermark(), candidate), lsn);
        return version;
    }

    /** Batches acknowledged and not yet confirmed. */
    public synchronized int pendingBatches() {
        return pending.size();
    }
}
