package io.proxist.core.error;

import java.util.Objects;

/**
 * An error that reaches a client as a ClickHouse exception: a code with its number and name and a message
 * carrying its context in brackets, e.g. {@code unknown table [name=trades, database=default]}.
 */
public class ProxistException extends RuntimeException {
    private final ErrorCode code;

    public ProxistException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ProxistException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The ClickHouse error number sent to clients. */
    public int codeNumber() {
        return code.code();
    }

    /** The ClickHouse error name sent to clients, e.g. {@code UNKNOWN_TABLE}. */
    public String codeName() {
        return code.name();
    }

    /**
     * The text a current ClickHouse server writes for this error:
     * {@code Code: 60. DB::Exception: <message>. (UNKNOWN_TABLE) (version 25.8.1.1)}.
     */
    public String toClickHouseText(String serverVersion) {
        String msg = getMessage() == null ? "" : getMessage();
        StringBuilder sb = new StringBuilder(msg.length() + 64);
        sb.append("Code: ").append(codeNumber()).append(". DB::Exception: ").append(msg);
        if (!msg.endsWith(".")) {
            sb.append('.');
        }
        sb.append(" (")
                .append(codeName())
                .append(") (version ")
                .append(serverVersion)
                .append(')');
        return sb.toString();
    }
}
