package io.proxist.hot.store;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import java.util.Arrays;

/**
 * Arrays of Float32 or Float64 values (depth levels): row {@code i} is {@code elements()[offsets()[i], offsets()[i + 1])}. Elements grow
 * by copying and are published through a volatile field, as in {@link StringVec}.
 */
public final class DoubleArrayVec extends ColumnVec {
    private final int[] offsets;
    private volatile double[] elements;

    /** Room for {@code capacity} rows and {@code units} bytes or elements (-1: a guess). */
    DoubleArrayVec(int capacity, long units) {
        this.offsets = new int[capacity + 1];
        this.elements = new double[(int) Math.min(MAX_ARRAY, units >= 0 ? units : 4L * capacity)];
    }

    public int[] offsets() {
        return offsets;
    }

    public double[] elements() {
        return elements;
    }

    @Override
    public int capacity() {
        return offsets.length - 1;
    }

    @Override
    void appendBlockRows(Column src, int[] idx, int from, int to, int at) {
        ArrayColumn a = (ArrayColumn) src;
        double[] se = ((DoubleColumn) a.elements()).values();
        long need = offsets[at];
        for (int i = from; i < to; i++) need += a.end(idx[i]) - a.start(idx[i]);
        double[] e = ensure(need);
        int used = offsets[at];
        for (int i = from; i < to; i++) {
            int r = idx[i];
            int s = a.start(r);
            int len = a.end(r) - s;
            System.arraycopy(se, s, e, used, len);
            used += len;
            offsets[++at] = used;
        }
        publish(e);
    }

    @Override
    void appendVecRows(ColumnVec src, int from, int to, int at) {
        DoubleArrayVec s = (DoubleArrayVec) src;
        int[] so = s.offsets;
        int base = so[from];
        int len = so[to] - base;
        int used = offsets[at];
        double[] e = ensure((long) used + len);
        System.arraycopy(s.elements, base, e, used, len);
        for (int i = from; i < to; i++) offsets[++at] = used + (so[i + 1] - base);
        publish(e);
    }

    @Override
    void appendDefaults(int at, int n) {
        Arrays.fill(offsets, at + 1, at + 1 + n, offsets[at]);
    }

    @Override
    long varUnits(int rows) {
        return offsets[rows];
    }

    @Override
    void trim(int rows) {
        double[] e = elements;
        if (e.length > offsets[rows]) elements = Arrays.copyOf(e, offsets[rows]);
    }

    private double[] ensure(long need) {
        double[] e = elements;
        return need <= e.length ? e : Arrays.copyOf(e, grow(e.length, need));
    }

    private void publish(double[] e) {
        if (e != elements) elements = e;
    }

    @Override
    long bytes() {
        return OBJECT_HEADER + arrayBytes(offsets.length, 4) + arrayBytes(elements.length, 8);
    }

    @Override
    void materialize(ColumnBuilder out, int from, int to) {
        ArrayColumnBuilder b = (ArrayColumnBuilder) out;
        DoubleColumnBuilder eb = (DoubleColumnBuilder) b.elements();
        double[] e = elements;
        for (int i = from; i < to; i++) {
            for (int j = offsets[i]; j < offsets[i + 1]; j++) eb.appendDouble(e[j]);
            b.endArray();
        }
    }
}
