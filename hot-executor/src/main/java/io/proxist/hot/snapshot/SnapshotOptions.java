package io.proxist.hot.snapshot;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How snapshots are written, validated in one place.
 *
 * @param maxBlockRows most rows per BLOCK section (a control object, so tests can use 1, 2, 3); default 65,536
 * @param retain how many complete snapshots to keep after each successful write, newest first; 0 keeps all
 * @param walLogId the WAL's log id, recorded in the header so recovery can check it replays the same log; 0 when
 *     not given
 * @param clock the creation time source
 */
public record SnapshotOptions(int maxBlockRows, int retain, long walLogId, InstantSource clock) {
    public static final int DEFAULT_MAX_BLOCK_ROWS = 65_536;
    public static final int DEFAULT_RETAIN = 3;
    /** Upper bound of {@link #maxBlockRows}. */
    public static final int MAX_BLOCK_ROWS = 1 << 24;

    public static final SnapshotOptions DEFAULT =
            new SnapshotOptions(DEFAULT_MAX_BLOCK_ROWS, DEFAULT_RETAIN, 0, InstantSource.system());

    public SnapshotOptions {
        if (maxBlockRows < 1 || maxBlockRows > MAX_BLOCK_ROWS) {
            throw new IllegalArgumentException(
                    "snapshot block rows must be in [1, " + MAX_BLOCK_ROWS + "] [maxBlockRows=" + maxBlockRows + "]");
        }
        if (retain < 0) {
            throw new IllegalArgumentException("snapshots to retain must not be negative [retain=" + retain + "]");
        }
        Objects.requireNonNull(clock, "clock");
    }

    public SnapshotOptions withMaxBlockRows(int rows) {
        return new SnapshotOptions(rows, retain, walLogId, clock);
    }

    public SnapshotOptions withRetain(int n) {
        return new SnapshotOptions(maxBlockRows, n, walLogId, clock);
    }

    public SnapshotOptions withWalLogId(long id) {
        return new SnapshotOptions(maxBlockRows, retain, id, clock);
    }

    public SnapshotOptions withClock(InstantSource source) {
        return new SnapshotOptions(maxBlockRows, retain, walLogId, source);
    }

    /** Now, in UTC nanoseconds since the epoch. */
    long nowNanos() {
        Instant t = clock.instant();
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
