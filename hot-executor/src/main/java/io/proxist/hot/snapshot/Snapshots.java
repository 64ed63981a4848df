package io.proxist.hot.snapshot;

import io.proxist.core.error.ErrorCode;
import io.proxist.hot.store.HotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot directory as a whole: recovery ({@link #loadLatest}), listing and retention. Recovery is
 * {@code loadLatest} into a store whose hot tables were created (empty) from their schemas, then WAL replay from
 * {@link SnapshotLoad#replayFrom()}.
 */
public final class Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private Snapshots() {}

    /** {@link #loadLatest(Path, HotStore, SnapshotFiles)} through the real file system. */
    public static SnapshotLoad loadLatest(Path dir, HotStore store) {
        return loadLatest(dir, store, SnapshotFiles.real());
    }

    /**
     * Loads the newest complete, valid snapshot in {@code dir} into {@code store} (see {@link
     * SnapshotReader#load(SnapshotInfo, HotStore)}). Newer files that fail verification (half-written, truncated,
     * damaged, unreadable) are skipped with a warning, and the next older one is tried; they are left in place for
     * inspection (retention removes them in time). Temporary files of a writer that crashed are deleted: call this
     * at startup, before any {@link SnapshotWriter} writes to {@code dir}. A missing directory holds no snapshot.
     *
     * @throws io.proxist.core.error.ProxistException when a valid snapshot does not fit the store (see {@link
     *     SnapshotReader#load(SnapshotInfo, HotStore)}); older snapshots are not tried then
     */
    public static SnapshotLoad loadLatest(Path dir, HotStore store, SnapshotFiles files) {
        List<String> names = listNames(dir, files);
        for (String name : names) {
            if (SnapshotDescriptor.parseTempFileName(name) >= 0) {
                try {
                    files.delete(dir.resolve(name));
                } catch (IOException e) {
                    LOG.warn("could not delete a leftover temporary snapshot [file={}]: {}", name, e.getMessage());
                }
            }
        }
        List<Long> lsns = lsns(names);
        List<String> skipped = new ArrayList<>();
        SnapshotReader reader = new SnapshotReader(files);
        for (int i = lsns.size() - 1; i >= 0; i--) {
            Path file = dir.resolve(SnapshotDescriptor.fileName(lsns.get(i)));
            SnapshotInfo info;
            try {
                info = reader.verify(file);
            } catch (SnapshotCorruptionException | SnapshotIoException e) {
                LOG.warn("skipping a snapshot that does not verify; trying the previous one: {}", e.getMessage());
                skipped.add(e.getMessage());
                continue;
            }
            long rows = reader.load(info, store);
            LOG.info(
                    "loaded snapshot [file={}, lsn={}, tables={}, rows={}, skipped={}]",
                    file,
                    info.lsn(),
                    info.tables().size(),
                    rows,
                    skipped.size());
            return new SnapshotLoad(info, rows, skipped);
        }
        return new SnapshotLoad(null, 0, skipped);
    }

    /** The LSNs of the complete-named snapshot files in {@code dir}, ascending (not verified). */
    public static List<Long> list(Path dir, SnapshotFiles files) {
        return lsns(listNames(dir, files));
    }

    /**
     * Deletes the oldest snapshot files of {@code dir} so that the newest {@code keep} remain (by LSN; files are not
     * verified), then syncs the directory. Returns how many were deleted. WAL segments must be kept from the oldest
     * remaining snapshot's LSN on if recovery is to fall back to it.
     */
    public static int retain(Path dir, SnapshotFiles files, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("snapshots to keep must be at least 1 [keep=" + keep + "]");
        }
        List<Long> lsns = list(dir, files);
        int deleted = 0;
        try {
            for (int i = 0; i < lsns.size() - keep; i++) {
                files.delete(dir.resolve(SnapshotDescriptor.fileName(lsns.get(i))));
                deleted++;
            }
            if (deleted > 0) files.syncDirectory(dir);
        } catch (IOException e) {
            throw new SnapshotIoException(
                    ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                    "snapshot retention failed [dir=" + dir + ", deleted=" + deleted + "]: " + e.getMessage(),
                    e);
        }
        return deleted;
    }

    private static List<String> listNames(Path dir, SnapshotFiles files) {
        try {
            return files.list(dir);
        } catch (IOException e) {
            throw new SnapshotIoException(
                    ErrorCode.CANNOT_OPEN_FILE, "cannot list snapshots [dir=" + dir + "]: " + e.getMessage(), e);
        }
    }

    private static List<Long> lsns(List<String> names) {
        List<Long> out = new ArrayList<>();
        for (String n : names) {
            long lsn = SnapshotDescriptor.parseFileName(n);
            if (lsn >= 0) out.add(lsn);
        }
        out.sort(null);
        return out;
    }
}
