package io.proxist.core.block;

import io.proxist.core.type.DataType;

/**
 * Integer-like values up to 64 bits: Int8..Int64, UInt8..UInt64 (UInt64 as its two's-complement bits), Bool,
 * Date (days), Date32, DateTime (seconds), DateTime64 (ticks), Enum8/16 (codes), Decimal32/64 (unscaled).
 */
public record LongColumn(DataType type, long[] values, int size) implements Column {
    public long get(int row) {
        return values[row];
    }
}
