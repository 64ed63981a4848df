package io.proxist.hot.ops;

import io.proxist.hot.store.SeriesSnapshot;

/** Stepping and reading positions ({@code chunk << 32 | row}) of a {@link SeriesSnapshot}. */
public final class Positions {
    private Positions() {}

    /** The position after {@code p} (the end position after the last row). */
    public static long next(SeriesSnapshot s, long p) {
        int c = SeriesSnapshot.chunkOf(p);
        int r = SeriesSnapshot.rowOf(p) + 1;
        if (r < s.rowsTo(c)) return SeriesSnapshot.position(c, r);
        return c + 1 < s.chunkCount() ? SeriesSnapshot.position(c + 1, 0) : s.endPosition();
    }

    /** The position before {@code p} (which may be the end position), or {@link Nulls#NO_ROW}. */
    public static long prev(SeriesSnapshot s, long p) {
        int c = SeriesSnapshot.chunkOf(p);
        int r = SeriesSnapshot.rowOf(p);
        if (c < s.chunkCount() && r > s.rowsFrom(c)) return SeriesSnapshot.position(c, r - 1);
        if (c == 0) return Nulls.NO_ROW;
        return SeriesSnapshot.position(c - 1, s.rowsTo(c - 1) - 1);
    }

    /** The first row's position (the end position of an empty series). */
    public static long first(SeriesSnapshot s) {
        return s.isEmpty() ? s.endPosition() : SeriesSnapshot.position(0, s.rowsFrom(0));
    }

    public static long ts(SeriesSnapshot s, long p) {
        return s.chunk(SeriesSnapshot.chunkOf(p)).timestamps()[SeriesSnapshot.rowOf(p)];
    }

    public static long seq(SeriesSnapshot s, long p) {
        return s.chunk(SeriesSnapshot.chunkOf(p)).seqs()[SeriesSnapshot.rowOf(p)];
    }

    public static double get(SeriesSnapshot s, long p, NumericColumn col) {
        return col.get(s.chunk(SeriesSnapshot.chunkOf(p)), SeriesSnapshot.rowOf(p));
    }

    public static long getLong(SeriesSnapshot s, long p, NumericColumn col) {
        return s.chunk(SeriesSnapshot.chunkOf(p)).longs(col.index())[SeriesSnapshot.rowOf(p)];
    }
}
