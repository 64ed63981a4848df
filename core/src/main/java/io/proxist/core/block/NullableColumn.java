package io.proxist.core.block;

import io.proxist.core.type.DataType;

/** Nullable(T): a null map (1 = NULL) over a column of T whose values at NULL rows are defaults. */
public record NullableColumn(DataType type, byte[] nullMap, Column inner) implements Column {
    @Override
    public int size() {
        return inner.size();
    }

    public boolean isNull(int row) {
        return nullMap[row] != 0;
    }
}
