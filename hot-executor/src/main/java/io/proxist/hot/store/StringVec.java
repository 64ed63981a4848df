package io.proxist.hot.store;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * String values packed end to end: value {@code i} is {@code data()[offsets()[i], offsets()[i + 1])}. The offsets
 * array is allocated for the chunk's capacity; the data array grows by copying and is published through a volatile
 * field, so read {@link #data()} once per range and index it with the offsets of rows your snapshot covers.
 */
public final class StringVec extends ColumnVec {
    private final int[] offsets;
    private volatile byte[] data;

    /** Room for {@code capacity} rows and {@code units} bytes or elements (-1: a guess). */
    StringVec(int capacity, long units) {
        this.offsets = new int[capacity + 1];
        this.data = new byte[(int) Math.min(MAX_ARRAY, units >= 0 ? units : 8L * capacity)];
    }

    /** Cumulative offsets, {@code capacity + 1} entries, the first 0; read only. */
    public int[] offsets() {
        return offsets;
    }

    /** The bytes; read only. */
    public byte[] data() {
        return data;
    }

    /** Value of row {@code row} (convenience, allocates). */
    public String getString(int row) {
        return new String(data, offsets[row], offsets[row + 1] - offsets[row], StandardCharsets.UTF_8);
    }

    @Override
    public int capacity() {
        return offsets.length - 1;
    }

    @Override
    void appendBlockRows(Column src, int[] idx, int from, int to, int at) {
        BytesColumn b = (BytesColumn) src;
        int[] so = b.offsets();
        byte[] sd = b.data();
        long need = offsets[at];
        for (int i = from; i < to; i++) need += so[idx[i] + 1] - so[idx[i]];
        byte[] d = ensure(need);
        int used = offsets[at];
        for (int i = from; i < to; i++) {
            int r = idx[i];
            int len = so[r + 1] - so[r];
            System.arraycopy(sd, so[r], d, used, len);
            used += len;
            offsets[++at] = used;
        }
        publish(d);
    }

    @Override
    void appendVecRows(ColumnVec src, int from, int to, int at) {
        StringVec s = (StringVec) src;
        int[] so = s.offsets;
        int base = so[from];
        int len = so[to] - base;
        int used = offsets[at];
        byte[] d = ensure((long) used + len);
        System.arraycopy(s.data, base, d, used, len);
        for (int i = from; i < to; i++) offsets[++at] = used + (so[i + 1] - base);
        publish(d);
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
        byte[] d = data;
        if (d.length > offsets[rows]) data = Arrays.copyOf(d, offsets[rows]);
    }

    /** The current data array, or a larger copy of it (not yet published) holding {@code need} bytes. */
    private byte[] ensure(long need) {
        byte[] d = data;
        return need <= d.length ? d : Arrays.copyOf(d, grow(d.length, need));
    }

    /** Release-publishes a grown copy after its bytes are written. */
    private void publish(byte[] d) {
        if (d != data) data = d;
    }

    @Override
    long bytes() {
        return OBJECT_HEADER + arrayBytes(offsets.length, 4) + arrayBytes(data.length, 1);
    }

    @Override
    void materialize(ColumnBuilder out, int from, int to) {
        BytesColumnBuilder b = (BytesColumnBuilder) out;
        byte[] d = data;
        for (int i = from; i < to; i++) b.appendBytes(d, offsets[i], offsets[i + 1] - offsets[i]);
    }
}
