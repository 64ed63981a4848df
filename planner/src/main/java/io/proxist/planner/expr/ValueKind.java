package io.proxist.planner.expr;

import io.proxist.core.block.ColumnKind;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;

/** How an expression's values are held while evaluating: the three column representations the seam computes on. */
public enum ValueKind {
    /** Integers, timestamps (UTC ns), dates (days), enums and booleans (UInt8): {@code long}. */
    LONG,
    /** Float32 and Float64: {@code double}. */
    DOUBLE,
    /** String and LowCardinality(String): bytes. */
    STRING;

    public static ValueKind of(DataType t) {
        ColumnKind k = ColumnKind.of(io.proxist.core.block.Columns.plainType(t));
        return switch (k) {
            case INT -> LONG;
            case FLOAT -> DOUBLE;
            case STRING -> STRING;
            default ->
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED, "type " + t + " is not supported in queries answered from memory");
        };
    }

    /** True for the types that hold UTC nanoseconds. */
    public static boolean isTimestamp(DataType t) {
        return t.is("DateTime64");
    }

    public static boolean isUnsigned(DataType t) {
        return t.family().startsWith("UInt") || t.is("Date") || t.is("DateTime");
    }
}
