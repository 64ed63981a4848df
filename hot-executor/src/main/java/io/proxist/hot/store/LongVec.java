package io.proxist.hot.store;

import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import java.util.Arrays;

/** Integer-like values: timestamps (UTC nanoseconds), seq, enums, UInt64 as its bits. */
public final class LongVec extends ColumnVec {
    private final long[] values;

    LongVec(int capacity) {
        this.values = new long[capacity];
    }

    /** The values; read only, valid within the row range a snapshot gives. */
    public long[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    void appendBlockRows(Column src, int[] idx, int from, int to, int at) {
        long[] s = ((LongColumn) src).values();
        long[] v = values;
        for (int i = from; i < to; i++) v[at++] = s[idx[i]];
    }

    @Override
    void appendVecRows(ColumnVec src, int from, int to, int at) {
        System.arraycopy(((LongVec) src).values, from, values, at, to - from);
    }

    @Override
    void appendDefaults(int at, int n) {
        Arrays.fill(values, at, at + n, 0L);
    }

    @Override
    long bytes() {
        return OBJECT_HEADER + arrayBytes(values.length, 8);
    }

    @Override
    void materialize(ColumnBuilder out, int from, int to) {
        LongColumnBuilder b = (LongColumnBuilder) out;
        for (int i = from; i < to; i++) b.appendLong(values[i]);
    }
}
