package io.proxist.hot.ops;

/** Comparison of a column value with a constant: {@code value OP constant}. NaN satisfies only {@link #NE}. */
public enum Compare {
    LT,
    LE,
    GT,
    GE,
    EQ,
    NE
}
