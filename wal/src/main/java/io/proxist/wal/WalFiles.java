package io.proxist.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation the WAL performs, so tests can fail the Nth write or fsync (QuestDB's {@code FilesFacade}).
 * {@link #real()} is the production implementation; {@link FaultInjectingWalFiles} wraps one to inject faults.
 */
public interface WalFiles {
    /** How {@link #open} opens a file. */
    enum OpenMode {
        /** Read only; the file must exist. */
        READ,
        /** Read and write; the file must exist. */
        READ_WRITE,
        /** Read and write; the file must not exist yet. */
        CREATE
    }

    WalChannel open(Path file, OpenMode mode) throws IOException;

    /** The names of the regular files directly in {@code dir}, in no particular order. */
    List<String> list(Path dir) throws IOException;

    void delete(Path file) throws IOException;

    /** Creates {@code dir} and its missing parents. */
    void createDirectories(Path dir) throws IOException;

    /** Makes the directory's entries (created and deleted files) durable. */
    void syncDirectory(Path dir) throws IOException;

    /** The facade over the real file system, through {@link java.nio.channels.FileChannel}. */
    static WalFiles real() {
        return FileChannelWalFiles.INSTANCE;
    }
}
