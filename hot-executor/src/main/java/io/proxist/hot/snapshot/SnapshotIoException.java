package io.proxist.hot.snapshot;

import io.proxist.core.error.ErrorCode;

/**
 * A file operation failed: writing, fsyncing, renaming, listing or reading. From the writer it means no new snapshot
 * file exists ({@code CANNOT_FSYNC}, 204, when an fsync failed; {@code CANNOT_WRITE_TO_FILE_DESCRIPTOR}, 75,
 * otherwise); from the reader ({@code CANNOT_OPEN_FILE}, 76) that the file could not be read.
 */
public final class SnapshotIoException extends SnapshotException {
    public SnapshotIoException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** True when an fsync (of the file or of the directory) failed. */
    public boolean isFsync() {
        return code() == ErrorCode.CANNOT_FSYNC;
    }
}
