package io.proxist.pxctl;

/** pxctl's exit codes (pxctl/README.md); the launcher adds 10 when it finds no Java 25. */
final class ExitCode {
    /** Done. */
    static final int OK = 0;
    /** The server refused or failed the operation, or its report shows a failure (a WAL that does not verify). */
    static final int FAILED = 1;
    /** Bad command line, or an apply file that cannot be read or names an unknown key. */
    static final int USAGE = 2;
    /** The admin API cannot be reached (nothing listens, a timeout, not an admin API). */
    static final int UNREACHABLE = 3;
    /** The credentials were refused (401). */
    static final int AUTH = 4;
    /** The operation did not finish in time: a flush still waiting for ClickHouse. */
    static final int TIMEOUT = 5;
    /** The configuration change cannot be applied live; nothing was applied (409). */
    static final int NOT_APPLIED = 6;

    /** The footer of {@code --help}. */
    static final String[] HELP = {
        "",
        "Exit codes:",
        "  0  done",
        "  1  the server refused or failed the operation, or wal replay found damage",
        "  2  bad command line or apply file",
        "  3  the admin API cannot be reached (is Proxist running? --host, --port)",
        "  4  authentication failed (--user, --password, PXCTL_PASSWORD)",
        "  5  timed out: ClickHouse has not confirmed every row yet (flush)",
        "  6  not applied: the change needs a restart (nothing was changed)",
        " 10  (launcher) no Java 25 found"
    };

    private ExitCode() {}
}
