package io.proxist.hot.snapshot;

import io.proxist.core.error.ErrorCode;
import java.nio.file.Path;

/**
 * A snapshot file is not a complete, valid snapshot: cut short (a crash while writing, a truncated copy), a checksum
 * that does not match, a field out of range, sections out of order. The message names the file and the byte offset
 * where the damage was found. Reported as ClickHouse's {@code CORRUPTED_DATA} (246).
 */
public final class SnapshotCorruptionException extends SnapshotException {
    private final Path file;
    private final long offset;

    public SnapshotCorruptionException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    public SnapshotCorruptionException(Path file, long offset, String reason, Throwable cause) {
        super(
                ErrorCode.CORRUPTED_DATA,
                "snapshot corrupted: " + reason + " [file=" + file + ", offset=" + offset + "]",
                cause);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the damage was found. */
    public long offset() {
        return offset;
    }
}
