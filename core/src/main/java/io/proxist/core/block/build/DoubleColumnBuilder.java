package io.proxist.core.block.build;

import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.type.DataType;
import java.util.Arrays;

/** Builds a {@link DoubleColumn}: Float32 (held as the double of the float) and Float64. */
public final class DoubleColumnBuilder extends ColumnBuilder {
    private double[] values = new double[16];
    private int size;

    DoubleColumnBuilder(DataType type) {
        super(type);
    }

    public void appendDouble(double v) {
        if (size == values.length) values = Arrays.copyOf(values, grow(values.length, size + 1));
        values[size++] = v;
    }

    public double get(int row) {
        if (row < 0 || row >= size) throw new IndexOutOfBoundsException(row);
        return values[row];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        appendDouble(0);
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
    }

    @Override
    public DoubleColumn build() {
        DoubleColumn c = new DoubleColumn(type, Arrays.copyOf(values, size), size);
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return 8L * size;
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof DoubleColumn d)) throw kindMismatch(source);
        checkRange(source, from, to);
        int n = to - from;
        if (size + n > values.length) values = Arrays.copyOf(values, grow(values.length, size + n));
        System.arraycopy(d.values(), from, values, size, n);
        size += n;
    }
}
