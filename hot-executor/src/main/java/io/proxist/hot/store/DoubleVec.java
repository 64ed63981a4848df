package io.proxist.hot.store;

import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import java.util.Arrays;

/** Float32 and Float64 values: prices, sizes. */
public final class DoubleVec extends ColumnVec {
    private final double[] values;

    DoubleVec(int capacity) {
        this.values = new double[capacity];
    }

    /** The values; read only, valid within the row range a snapshot gives. */
    public double[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    void appendBlockRows(Column src, int[] idx, int from, int to, int at) {
        double[] s = ((DoubleColumn) src).values();
        double[] v = values;
        for (int i = from; i < to; i++) v[at++] = s[idx[i]];
    }

    @Override
    void appendVecRows(ColumnVec src, int from, int to, int at) {
        System.arraycopy(((DoubleVec) src).values, from, values, at, to - from);
    }

    @Override
    void appendDefaults(int at, int n) {
        Arrays.fill(values, at, at + n, 0.0);
    }

    @Override
    long bytes() {
        return OBJECT_HEADER + arrayBytes(values.length, 8);
    }

    @Override
    void materialize(ColumnBuilder out, int from, int to) {
        DoubleColumnBuilder b = (DoubleColumnBuilder) out;
        for (int i = from; i < to; i++) b.appendDouble(values[i]);
    }
}
