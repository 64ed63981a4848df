package io.proxist.core.block;

import io.proxist.core.type.DataType;

/** Float32 and Float64 values. */
public record DoubleColumn(DataType type, double[] values, int size) implements Column {
    public double get(int row) {
        return values[row];
    }
}
