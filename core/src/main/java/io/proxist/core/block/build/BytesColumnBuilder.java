package io.proxist.core.block.build;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a {@link BytesColumn} (String). A value is appended whole ({@link #appendBytes}) or in parts: {@link
 * #appendPart}/{@link #appendPartByte} any number of times, then {@link #endValue()}. An unfinished value is dropped
 * by {@link #truncate(int)}.
 */
public final class BytesColumnBuilder extends ColumnBuilder {
    private byte[] data = new byte[256];
    private int used;
    private int[] offsets = new int[17];
    private int size;

    BytesColumnBuilder(DataType type) {
        super(type);
    }

    public void appendBytes(byte[] src, int off, int len) {
        appendPart(src, off, len);
        endValue();
    }

    /** Appends a string as its UTF-8 bytes (convenience; not for the data path). */
    public void appendString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        appendBytes(b, 0, b.length);
    }

    /** Adds bytes to the value being built. */
    public void appendPart(byte[] src, int off, int len) {
        reserve(len);
        System.arraycopy(src, off, data, used, len);
        used += len;
    }

    /** Adds one byte to the value being built. */
    public void appendPartByte(int b) {
        if (used == data.length) reserve(1);
        data[used++] = (byte) b;
    }

    /** Finishes the value being built (possibly empty) as one row. */
    public void endValue() {
        if (size + 1 == offsets.length) offsets = Arrays.copyOf(offsets, grow(offsets.length, size + 2));
        offsets[++size] = used;
    }

    /** Bytes added to the value being built since the last complete value. */
    public int partLength() {
        return used - offsets[size];
    }

    private void reserve(int len) {
        long need = (long) used + len;
        if (need > data.length) {
            if (need > MAX_ARRAY) {
                throw new io.proxist.core.error.ProxistException(
                        io.proxist.core.error.ErrorCode.TOO_LARGE_STRING_SIZE,
                        "string column larger than the largest array [type=" + type + ", bytes=" + need + "]");
            }
            data = Arrays.copyOf(data, grow(data.length, (int) need));
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        used = offsets[size];
        endValue();
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
        used = offsets[rows];
    }

    @Override
    public BytesColumn build() {
        int end = offsets[size];
        BytesColumn c = new BytesColumn(type, Arrays.copyOf(data, end), Arrays.copyOf(offsets, size + 1), size);
        size = 0;
        used = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return used + 4L * size;
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof BytesColumn b)) throw kindMismatch(source);
        checkRange(source, from, to);
        used = offsets[size];
        for (int i = from; i < to; i++) appendBytes(b.data(), b.start(i), b.length(i));
    }
}
