package io.proxist.formats.output;

/**
 * What a result's trailer reports (JSON's {@code statistics}, {@code rows_before_limit_at_least}).
 *
 * @param rowsBeforeLimit rows before LIMIT, or -1 when unknown
 */
public record ResultStatistics(double elapsedSeconds, long rowsRead, long bytesRead, long rowsBeforeLimit) {
    public static final ResultStatistics NONE = new ResultStatistics(0, 0, 0, -1);
}
