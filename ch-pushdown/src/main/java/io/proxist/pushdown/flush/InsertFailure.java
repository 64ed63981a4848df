package io.proxist.pushdown.flush;

import io.proxist.core.error.ProxistException;

/** Why one request to ClickHouse failed, classified by what it says about the data. */
final class InsertFailure extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** The request never reached the server (connection refused, connect timeout): nothing landed. */
        NOT_SENT,
        /** Sent, no clear answer (timeout, reset, truncated response): the rows may or may not have landed. */
        AMBIGUOUS,
        /** The server answered with an error a retry may cure (too many parts, memory limit, ...). */
        TRANSIENT,
        /** The server answered with an error about the batch itself; retrying the same rows will not help. */
        REJECTED
    }

    private final Kind kind;
    private final transient ProxistException error;

    InsertFailure(Kind kind, ProxistException error) {
        super(kind + ": " + error.getMessage(), error);
        this.kind = kind;
        this.error = error;
    }

    Kind kind() {
        return kind;
    }

    /** The error as ClickHouse (or the network) gave it. */
    ProxistException error() {
        return error;
    }
}
