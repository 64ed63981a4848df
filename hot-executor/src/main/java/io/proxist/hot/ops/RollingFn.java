package io.proxist.hot.ops;

/** Functions of a {@link RollingWindow} frame. */
public enum RollingFn {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX,
    /** {@code sum(x * y) / sum(y)} over the frame; {@link Nulls#NO_VALUE} when {@code sum(y) == 0}. */
    VWAP
}
