package io.proxist.protocol.http;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.error.UpstreamException;

/** Turns any failure into the ClickHouse error a client expects: code, name, text and HTTP status. */
public final class ErrorResponses {
    private ErrorResponses() {}

    public static ProxistException of(Throwable t) {
        if (t instanceof ProxistException p) return p;
        Throwable cause = t.getCause();
        if (cause instanceof ProxistException p) return p;
        return new ProxistException(ErrorCode.UNKNOWN_EXCEPTION, String.valueOf(t), t);
    }

    /** The HTTP status a current ClickHouse sends with this error. */
    static int status(ProxistException e) {
        if (e instanceof UpstreamException) {
            ErrorCode known = ErrorCode.fromCode(e.codeNumber());
            return known == null ? 500 : known.httpStatus();
        }
        return e.code().httpStatus();
    }
}
