package io.proxist.hot.store;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.dict.SymbolDictionary;
import io.proxist.hot.dict.InternCache;
import java.util.Arrays;

/** LowCardinality(String) values as {@code int} ids of the column's {@link SymbolDictionary}. */
public final class DictVec extends ColumnVec {
    private static final byte[] EMPTY = new byte[0];

    private final int[] ids;
    private final InternCache cache;

    DictVec(int capacity, InternCache cache) {
        this.ids = new int[capacity];
        this.cache = cache;
    }

    /** The ids; read only, valid within the row range a snapshot gives. */
    public int[] ids() {
        return ids;
    }

    public SymbolDictionary dictionary() {
        return cache.dictionary();
    }

    @Override
    public int capacity() {
        return ids.length;
    }

    @Override
    void appendBlockRows(Column src, int[] idx, int from, int to, int at) {
        BytesColumn b = (BytesColumn) src;
        byte[] data = b.data();
        int[] off = b.offsets();
        InternCache c = cache;
        for (int i = from; i < to; i++) {
            int r = idx[i];
            ids[at++] = c.idOf(data, off[r], off[r + 1] - off[r]);
        }
    }

    @Override
    void appendVecRows(ColumnVec src, int from, int to, int at) {
        System.arraycopy(((DictVec) src).ids, from, ids, at, to - from);
    }

    @Override
    void appendDefaults(int at, int n) {
        Arrays.fill(ids, at, at + n, cache.idOf(EMPTY, 0, 0));
    }

    @Override
    long bytes() {
        return OBJECT_HEADER + arrayBytes(ids.length, 4);
    }

    @Override
    void materialize(ColumnBuilder out, int from, int to) {
        BytesColumnBuilder b = (BytesColumnBuilder) out;
        SymbolDictionary d = cache.dictionary();
        for (int i = from; i < to; i++) {
            byte[] v = d.bytes(ids[i]);
            b.appendBytes(v, 0, v.length);
        }
    }
}
