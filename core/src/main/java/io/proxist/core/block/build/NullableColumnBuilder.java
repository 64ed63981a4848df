package io.proxist.core.block.build;

import io.proxist.core.block.Column;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.type.DataType;
import java.util.Arrays;

/**
 * Builds a {@link NullableColumn}. A row is either {@link #appendNull()} (the value under it is the inner type's
 * default) or {@link #appendNotNull()} followed by exactly one value appended to {@link #inner()}.
 */
public final class NullableColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder inner;
    private byte[] nullMap = new byte[16];
    private int size;

    NullableColumnBuilder(DataType type, ColumnBuilder inner) {
        super(type);
        this.inner = inner;
    }

    /** The builder of the values under the null map. */
    public ColumnBuilder inner() {
        return inner;
    }

    public void appendNull() {
        flag((byte) 1);
        inner.appendDefault();
    }

    /** Marks the row not null; the caller then appends its value to {@link #inner()}. */
    public void appendNotNull() {
        flag((byte) 0);
    }

    private void flag(byte b) {
        if (size == nullMap.length) nullMap = Arrays.copyOf(nullMap, grow(nullMap.length, size + 1));
        nullMap[size++] = b;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        appendNull();
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
        inner.truncate(Math.min(rows, inner.size()));
    }

    @Override
    public NullableColumn build() {
        if (inner.size() != size) inner.truncate(size);
        NullableColumn c = new NullableColumn(type, Arrays.copyOf(nullMap, size), inner.build());
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return size + inner.byteSize();
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof NullableColumn n)) throw kindMismatch(source);
        checkRange(source, from, to);
        int count = to - from;
        if (size + count > nullMap.length) nullMap = Arrays.copyOf(nullMap, grow(nullMap.length, size + count));
        System.arraycopy(n.nullMap(), from, nullMap, size, count);
        size += count;
        inner.appendFrom(n.inner(), from, to);
    }
}
