package io.proxist.server.admin;

/**
 * An admin request that fails with an HTTP status and a machine-readable code, answered as
 * {@code {"error": message, "code": code}}.
 */
final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    AdminException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static AdminException badRequest(String message) {
        return new AdminException(400, "BAD_REQUEST", message);
    }

    static AdminException notFound(String message) {
        return new AdminException(404, "NOT_FOUND", message);
    }

    static AdminException noIngest() {
        return new AdminException(
                404, "NO_OWNED_TABLES", "Proxist owns no table (ingest.tables=none): there is no ingest side, no WAL");
    }
}
