package io.proxist.metadata;

import java.util.Objects;

/**
 * One hot-state snapshot in the manifest.
 *
 * @param table the table the snapshot holds
 * @param snapshotLsn the WAL position the snapshot covers (replay resumes there)
 * @param fileName the snapshot file's name, relative to the snapshot directory
 * @param fileCrc32c the checksum the snapshot writer recorded for the whole file
 */
public record SnapshotEntry(String table, long snapshotLsn, String fileName, int fileCrc32c) {
    public SnapshotEntry {
        MetadataKeys.checkTable(table);
        Objects.requireNonNull(fileName, "fileName");
        if (snapshotLsn < 0) {
            throw new IllegalArgumentException("negative snapshot LSN [table=" + table + ", lsn=" + snapshotLsn + "]");
        }
    }
}
