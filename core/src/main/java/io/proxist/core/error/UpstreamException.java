package io.proxist.core.error;

/**
 * An error ClickHouse itself reported, kept with ClickHouse's own number and name even where Proxist's
 * {@link ErrorCode} does not list it.
 */
public final class UpstreamException extends ProxistException {
    private final int number;
    private final String name;

    public UpstreamException(int number, String name, String message) {
        super(codeFor(number), message);
        this.number = number;
        this.name = name;
    }

    private static ErrorCode codeFor(int number) {
        ErrorCode c = ErrorCode.fromCode(number);
        return c == null ? ErrorCode.UNKNOWN_EXCEPTION : c;
    }

    @Override
    public int codeNumber() {
        return number;
    }

    @Override
    public String codeName() {
        return name;
    }
}
