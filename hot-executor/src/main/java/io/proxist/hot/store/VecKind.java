package io.proxist.hot.store;

/** How a table column is held in a chunk. */
public enum VecKind {
    /** Series key column (symbol, account, ...): one dictionary id per series, not stored per row. */
    SERIES,
    /** {@code long[]}: every integer-like type (timestamps, seq, enums, UInt64 as its bits, Decimal64 unscaled). */
    LONG,
    /** {@code double[]}: Float32, Float64. */
    DOUBLE,
    /** {@code int[]} dictionary ids: LowCardinality(String). */
    DICT,
    /** {@code byte[]} data with {@code int[]} offsets: String. */
    STRING,
    /** {@code int[]} offsets over {@code long[]} elements: Array of an integer-like type. */
    LONG_ARRAY,
    /** {@code int[]} offsets over {@code double[]} elements: Array(Float32), Array(Float64). */
    DOUBLE_ARRAY
}
