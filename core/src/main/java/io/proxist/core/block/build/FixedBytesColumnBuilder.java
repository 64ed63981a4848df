package io.proxist.core.block.build;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.type.DataType;
import java.util.Arrays;

/**
 * Builds a {@link FixedBytesColumn}: FixedString(N), UUID, IPv6, (U)Int128/256, wide decimals, each value its
 * {@link #width()} wire bytes (little-endian numbers; UUID as two little-endian UInt64, high half first).
 */
public final class FixedBytesColumnBuilder extends ColumnBuilder {
    private final int width;
    private byte[] data;
    private int size;

    FixedBytesColumnBuilder(DataType type, int width) {
        super(type);
        if (width <= 0) throw new IllegalArgumentException("fixed width must be positive [type=" + type + "]");
        this.width = width;
        this.data = new byte[Math.min(width * 16, 1 << 16)];
    }

    public int width() {
        return width;
    }

    /** Appends {@code len <= width} bytes, padded with zero bytes up to the width. */
    public void appendBytes(byte[] src, int off, int len) {
        if (len > width) {
            throw new IllegalArgumentException("value of " + len + " bytes is wider than " + type);
        }
        int at = reserve();
        System.arraycopy(src, off, data, at, len);
        Arrays.fill(data, at + len, at + width, (byte) 0);
    }

    /** Appends a 16-byte value given as two little-endian 64-bit halves, {@code first} written first. */
    public void appendLongPair(long first, long second) {
        if (width != 16) throw new IllegalArgumentException("appendLongPair on " + type);
        int at = reserve();
        putLongLE(data, at, first);
        putLongLE(data, at + 8, second);
    }

    private int reserve() {
        long need = ((long) size + 1) * width;
        if (need > data.length) {
            if (need > MAX_ARRAY) {
                throw new io.proxist.core.error.ProxistException(
                        io.proxist.core.error.ErrorCode.TOO_LARGE_STRING_SIZE,
                        "fixed-width column larger than the largest array [type=" + type + "]");
            }
            data = Arrays.copyOf(data, grow(data.length, (int) need));
        }
        int at = size * width;
        size++;
        return at;
    }

    static void putLongLE(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        int at = reserve();
        Arrays.fill(data, at, at + width, (byte) 0);
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
    }

    @Override
    public FixedBytesColumn build() {
        FixedBytesColumn c = new FixedBytesColumn(type, width, Arrays.copyOf(data, size * width), size);
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return (long) width * size;
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        checkRange(source, from, to);
        switch (source) {
            case FixedBytesColumn f
            when f.width() == width -> {
                for (int i = from; i < to; i++) appendBytes(f.data(), i * width, width);
            }
            case BytesColumn b -> {
                for (int i = from; i < to; i++) appendBytes(b.data(), b.start(i), b.length(i));
            }
            default -> throw kindMismatch(source);
        }
    }
}
