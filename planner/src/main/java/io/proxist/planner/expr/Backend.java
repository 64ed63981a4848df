package io.proxist.planner.expr;

/**
 * What the backend's SQL can say about the table's time column: with {@code dateTime64} false (ClickHouse before
 * 20.1, e.g. 18.16), a {@code DateTime64(9)} column is stored as Int64 nanoseconds and time expressions are written
 * as integer arithmetic.
 */
public record Backend(boolean dateTime64) {
    public static final Backend LOWERED = new Backend(false);
    public static final Backend MODERN = new Backend(true);
}
