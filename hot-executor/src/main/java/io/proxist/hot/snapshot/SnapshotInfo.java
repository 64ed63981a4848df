package io.proxist.hot.snapshot;

import io.proxist.core.type.DataType;
import java.nio.file.Path;
import java.util.List;

/**
 * What a snapshot file holds, as written by {@link SnapshotWriter} or verified by {@link SnapshotReader}.
 *
 * @param file the snapshot file
 * @param lsn the snapshot's LSN: it holds exactly the rows committed with an LSN at or below it
 * @param createdNanos creation time, UTC nanoseconds
 * @param walLogId the WAL log id the writer was given (0: none)
 * @param fileLength the file's length in bytes
 * @param fileCrc32c the whole-file checksum recorded in the footer (over every byte before the END section)
 * @param blocks number of BLOCK sections
 * @param tables the tables, in file order
 */
public record SnapshotInfo(
        Path file,
        long lsn,
        long createdNanos,
        long walLogId,
        long fileLength,
        int fileCrc32c,
        int blocks,
        List<Table> tables) {
    public SnapshotInfo {
        tables = List.copyOf(tables);
    }

    /**
     * One table of a snapshot.
     *
     * @param name the table's name
     * @param columnNames its stored columns, in table order
     * @param columnTypes their declared types
     * @param rows rows in the snapshot
     * @param lastLsn the highest commit LSN the table's state held ({@link Long#MIN_VALUE}: no commit)
     * @param evictedBelow the table's eviction bound ({@link io.proxist.hot.store.TableSnapshot#evictedBelow()})
     */
    public record Table(
            String name,
            List<String> columnNames,
            List<DataType> columnTypes,
            long rows,
            long lastLsn,
            long evictedBelow) {
        public Table {
            columnNames = List.copyOf(columnNames);
            columnTypes = List.copyOf(columnTypes);
        }
    }

    public long totalRows() {
        long n = 0;
        for (Table t : tables) n += t.rows();
        return n;
    }

    /** The table named {@code name}, or null. */
    public Table table(String name) {
        for (Table t : tables) if (t.name().equals(name)) return t;
        return null;
    }
}
