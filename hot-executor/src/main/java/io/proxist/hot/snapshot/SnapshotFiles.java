package io.proxist.hot.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation of the snapshot writer and reader, so tests can fail the Nth write or fsync (QuestDB's
 * {@code FilesFacade}). It mirrors {@code io.proxist.wal.WalFiles} (which hot-executor does not depend on) plus the
 * atomic rename a snapshot needs. {@link #real()} is the production implementation; {@link
 * FaultInjectingSnapshotFiles} wraps one to inject faults.
 */
public interface SnapshotFiles {
    /** Creates {@code file} for writing; it must not exist yet. */
    SnapshotChannel create(Path file) throws IOException;

    /** Opens an existing {@code file} for reading. */
    SnapshotChannel openRead(Path file) throws IOException;

    /** The names of the regular files directly in {@code dir}, in no particular order; empty when it is missing. */
    List<String> list(Path dir) throws IOException;

    void delete(Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists (rename(2)). */
    void rename(Path from, Path to) throws IOException;

    /** Creates {@code dir} and its missing parents. */
    void createDirectories(Path dir) throws IOException;

    /** Makes the directory's entries (created, renamed and deleted files) durable. */
    void syncDirectory(Path dir) throws IOException;

    /** The facade over the real file system, through {@link java.nio.channels.FileChannel}. */
    public static SnapshotFiles real() {
        return FileChannelSnapshotFiles.INSTANCE;
    }
}
