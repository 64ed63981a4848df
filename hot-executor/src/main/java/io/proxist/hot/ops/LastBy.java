package io.proxist.hot.ops;

import io.proxist.hot.store.SeriesSnapshot;

/**
 * Last-by and first-by of one series: binary searches over the chunks (no scan), returning a position
 * ({@code chunk << 32 | row}) or {@link Nulls#NO_ROW}. "Last" is the greatest (ts, seq), "first" the least: among
 * rows sharing a ts the highest (lowest) seq wins, as the store orders them. Stateless, allocation-free.
 */
public final class LastBy {
    private LastBy() {}

    /** The last row with {@code ts <= t}: the row in force at t (point in time). */
    public static long lastAtOrBefore(SeriesSnapshot s, long t) {
        return s.lastAtOrBefore(t);
    }

    /** The first row with {@code ts <= t}: the series' first row, if it is not after t. */
    public static long firstAtOrBefore(SeriesSnapshot s, long t) {
        if (s.isEmpty()) return Nulls.NO_ROW;
        long p = Positions.first(s);
        return Positions.ts(s, p) <= t ? p : Nulls.NO_ROW;
    }

    /** The last row with {@code from <= ts < to}. */
    public static long lastIn(SeriesSnapshot s, long from, long to) {
        if (from >= to || s.isEmpty()) return Nulls.NO_ROW;
        long p = Positions.prev(s, s.lowerBound(to));
        if (p == Nulls.NO_ROW || Positions.ts(s, p) < from) return Nulls.NO_ROW;
        return p;
    }

    /** The first row with {@code from <= ts < to}. */
    public static long firstIn(SeriesSnapshot s, long from, long to) {
        if (from >= to || s.isEmpty()) return Nulls.NO_ROW;
        long p = s.lowerBound(from);
        if (p == s.endPosition() || Positions.ts(s, p) >= to) return Nulls.NO_ROW;
        return p;
    }
}
