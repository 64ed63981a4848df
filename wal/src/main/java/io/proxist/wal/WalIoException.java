package io.proxist.wal;

import io.proxist.core.error.ErrorCode;

/**
 * A write, fsync or file operation failed, so the append that met it was not acknowledged. After a failed fsync
 * (or a failed write that could not be cut back off the file) the WAL is <em>failed</em>: every later append throws
 * this exception too, with the first failure as its cause, until the WAL is closed and opened again (recovery then
 * keeps the last complete record). Reported to clients as ClickHouse's {@code CANNOT_WRITE_TO_FILE_DESCRIPTOR} (75)
 * or {@code CANNOT_FSYNC} (204).
 */
public final class WalIoException extends WalException {
    private final boolean fsync;

    public WalIoException(String message, boolean fsync, Throwable cause) {
        super(fsync ? ErrorCode.CANNOT_FSYNC : ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, message, cause);
        this.fsync = fsync;
    }

    /** Whether the failure was an fsync's (the data may or may not be on disk). */
    public boolean isFsync() {
        return fsync;
    }
}
