package io.proxist.core.block;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;

/** How a ClickHouse type is held in a {@link Column} and laid out on the wire. */
public enum ColumnKind {
    /** {@link LongColumn}; fixed width on the wire, see {@link #width(DataType)}. */
    INT,
    /** {@link DoubleColumn}; Float32 or Float64. */
    FLOAT,
    /** {@link BytesColumn}; VarUInt length + bytes per value. */
    STRING,
    /** {@link FixedBytesColumn}; {@link #width(DataType)} bytes per value. */
    FIXED,
    NULLABLE,
    ARRAY,
    MAP,
    TUPLE,
    /** Read as its dictionary-encoded form, held materialised as the inner type. */
    LOW_CARDINALITY;

    public static ColumnKind of(DataType t) {
        return switch (t.family()) {
            case "Int8",
                    "UInt8",
                    "Bool",
                    "Int16",
                    "UInt16",
                    "Int32",
                    "UInt32",
                    "Int64",
                    "UInt64",
                    "Date",
                    "Date32",
                    "DateTime",
                    "DateTime64",
                    "Enum8",
                    "Enum16",
                    "IPv4",
                    "Nothing",
                    "Decimal32",
                    "Decimal64",
                    "IntervalSecond",
                    "IntervalMinute",
                    "IntervalHour",
                    "IntervalDay",
                    "IntervalWeek",
                    "IntervalMonth",
                    "IntervalQuarter",
                    "IntervalYear",
                    "IntervalNanosecond",
                    "IntervalMicrosecond",
                    "IntervalMillisecond" -> INT;
            case "Decimal" -> width(t) <= 8 ? INT : FIXED;
            case "Float32", "Float64" -> FLOAT;
            case "String" -> STRING;
            case "FixedString", "UUID", "IPv6", "Int128", "UInt128", "Int256", "UInt256", "Decimal128", "Decimal256" ->
                FIXED;
            case "Nullable" -> NULLABLE;
            case "Array" -> ARRAY;
            case "Map" -> MAP;
            case "Tuple" -> TUPLE;
            case "LowCardinality" -> LOW_CARDINALITY;
            case "SimpleAggregateFunction" -> of(t.innerTypes().getLast());
            default ->
                throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "type not supported by Proxist [type=" + t + "]");
        };
    }

    /** Bytes per value on the wire for INT, FLOAT and FIXED kinds. */
    public static int width(DataType t) {
        return switch (t.family()) {
            case "Int8", "UInt8", "Bool", "Enum8", "Nothing" -> 1;
            case "Int16", "UInt16", "Date", "Enum16" -> 2;
            case "Int32", "UInt32", "Date32", "DateTime", "Float32", "IPv4", "Decimal32" -> 4;
            case "Int64", "UInt64", "DateTime64", "Float64", "Decimal64" -> 8;
            case "UUID", "IPv6", "Int128", "UInt128", "Decimal128" -> 16;
            case "Int256", "UInt256", "Decimal256" -> 32;
            case "FixedString" -> Integer.parseInt(t.literal(0));
            case "Decimal" -> decimalWidth(Integer.parseInt(t.literal(0)));
            case "SimpleAggregateFunction" -> width(t.innerTypes().getLast());
            default -> t.family().startsWith("Interval") ? 8 : -1;
        };
    }

    /** True for integer types read without sign extension. */
    public static boolean unsigned(DataType t) {
        return switch (t.family()) {
            case "UInt8", "UInt16", "UInt32", "UInt64", "Bool", "Date", "DateTime", "IPv4", "Nothing" -> true;
            default -> false;
        };
    }

    private static int decimalWidth(int precision) {
        if (precision <= 9) return 4;
        if (precision <= 18) return 8;
        if (precision <= 38) return 16;
        return 32;
    }
}
