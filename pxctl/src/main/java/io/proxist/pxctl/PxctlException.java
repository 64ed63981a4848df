package io.proxist.pxctl;

/** A failure pxctl reports in one line on stderr and as its {@link ExitCode}. */
final class PxctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    PxctlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
