package io.proxist.hot.snapshot;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/** An error writing or reading a snapshot; subclasses say which kind. Carries the ClickHouse error to report. */
public class SnapshotException extends ProxistException {
    public SnapshotException(ErrorCode code, String message) {
        super(code, message);
    }

    public SnapshotException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
