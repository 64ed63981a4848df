package io.proxist.core.block;

import io.proxist.core.type.DataType;

/**
 * Array(T) and Map(K, V) (an array of key-value tuples): row {@code i} holds elements
 * {@code [i == 0 ? 0 : offsets[i - 1], offsets[i])} of {@code elements}; offsets are cumulative ends.
 */
public record ArrayColumn(DataType type, long[] offsets, Column elements, int size) implements Column {
    public int start(int row) {
        return row == 0 ? 0 : (int) offsets[row - 1];
    }

    public int end(int row) {
        return (int) offsets[row];
    }
}
