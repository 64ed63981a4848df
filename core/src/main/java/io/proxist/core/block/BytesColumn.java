package io.proxist.core.block;

import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;

/**
 * Variable-length byte strings (String, and FixedString as read): value {@code i} is
 * {@code data[offsets[i] .. offsets[i + 1])}; {@code offsets} has {@code size + 1} entries, the first 0.
 */
public record BytesColumn(DataType type, byte[] data, int[] offsets, int size) implements Column {
    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    public int start(int row) {
        return offsets[row];
    }

    public String getString(int row) {
        return new String(data, offsets[row], length(row), StandardCharsets.UTF_8);
    }
}
