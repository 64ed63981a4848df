package io.proxist.wal;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * An error from the WAL. Subclasses say which kind; each carries the ClickHouse error a client should see, so the
 * ingest layer can pass it on as it is.
 */
public class WalException extends ProxistException {
    public WalException(ErrorCode code, String message) {
        super(code, message);
    }

    public WalException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
