package io.proxist.hot.snapshot;

import java.util.List;

/**
 * What {@link Snapshots#loadLatest} did.
 *
 * @param snapshot the snapshot loaded, or null when there was none to load
 * @param rowsLoaded rows appended to the store
 * @param skipped why newer snapshot files were passed over (corrupt, half-written, unreadable), newest first
 */
public record SnapshotLoad(SnapshotInfo snapshot, long rowsLoaded, List<String> skipped) {
    public SnapshotLoad {
        skipped = List.copyOf(skipped);
    }

    public boolean found() {
        return snapshot != null;
    }

    /** The loaded snapshot's LSN, or -1 when none was loaded. */
    public long lsn() {
        return snapshot == null ? -1 : snapshot.lsn();
    }

    /**
     * Where WAL replay resumes: the first position after the snapshot's LSN (records at or below it are in the
     * snapshot), or 0 (everything) when none was loaded. Replaying from an earlier position is harmless (dedup), so a
     * caller may clamp this to the WAL's first and end positions.
     */
    public long replayFrom() {
        return snapshot == null ? 0 : snapshot.lsn() + 1;
    }
}
