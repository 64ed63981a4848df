package io.proxist.core.block.build;

import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import java.util.Arrays;

/** Builds a {@link LongColumn}: every integer-like type up to 64 bits (UInt64 as its two's-complement bits). */
public final class LongColumnBuilder extends ColumnBuilder {
    private long[] values = new long[16];
    private int size;

    LongColumnBuilder(DataType type) {
        super(type);
    }

    public void appendLong(long v) {
        if (size == values.length) values = Arrays.copyOf(values, grow(values.length, size + 1));
        values[size++] = v;
    }

    /** The value of row {@code row} (not yet built). */
    public long get(int row) {
        if (row < 0 || row >= size) throw new IndexOutOfBoundsException(row);
        return values[row];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        appendLong(0);
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
    }

    @Override
    public LongColumn build() {
        LongColumn c = new LongColumn(type, Arrays.copyOf(values, size), size);
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return 8L * size;
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof LongColumn l)) throw kindMismatch(source);
        checkRange(source, from, to);
        int n = to - from;
        if (size + n > values.length) values = Arrays.copyOf(values, grow(values.length, size + n));
        System.arraycopy(l.values(), from, values, size, n);
        size += n;
    }
}
