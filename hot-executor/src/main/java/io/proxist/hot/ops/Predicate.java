package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;

/**
 * A plan-time predicate {@code column OP constant} on one numeric column. A double column compares with a double
 * constant (IEEE: NaN only satisfies {@link Compare#NE}); a long column compares with a long constant, signed (an
 * unsigned column holding values above 2^63 needs its constant biased by the caller). {@link #ALL} accepts every
 * row.
 */
public final class Predicate {
    /** Accepts every row. */
    public static final Predicate ALL = new Predicate(null, Compare.EQ, 0, 0);

    private final NumericColumn column;
    private final Compare op;
    private final double dConst;
    private final long lConst;

    private Predicate(NumericColumn column, Compare op, double dConst, long lConst) {
        this.column = column;
        this.op = op;
        this.dConst = dConst;
        this.lConst = lConst;
    }

    public static Predicate of(NumericColumn column, Compare op, double constant) {
        if (!column.isDouble()) throw new IllegalArgumentException(column + " is a long column: use a long constant");
        return new Predicate(column, op, constant, 0);
    }

    public static Predicate of(NumericColumn column, Compare op, long constant) {
        if (column.isDouble())
            throw new IllegalArgumentException(column + " is a double column: use a double constant");
        return new Predicate(column, op, 0, constant);
    }

    /** True for a column value (tests, single rows). */
    public boolean test(Chunk c, int row) {
        if (column == null) return true;
        return column.isDouble() ? testD(c.doubles(column.index())[row]) : testL(c.longs(column.index())[row]);
    }

    private boolean testD(double v) {
        return switch (op) {
            case LT -> v < dConst;
            case LE -> v <= dConst;
            case GT -> v > dConst;
            case GE -> v >= dConst;
            case EQ -> v == dConst;
            case NE -> !(v == dConst);
        };
    }

    private boolean testL(long v) {
        return switch (op) {
            case LT -> v < lConst;
            case LE -> v <= lConst;
            case GT -> v > lConst;
            case GE -> v >= lConst;
            case EQ -> v == lConst;
            case NE -> v != lConst;
        };
    }

    /**
     * Appends the positions ({@code chunkIndex << 32 | row}) of the rows in {@code [lo, hi)} of {@code c} that
     * pass; returns how many did. The comparison is chosen once per range, each loop is branch-light.
     */
    int select(Chunk c, int chunkIndex, int lo, int hi, LongList out) {
        long base = SeriesSnapshot.position(chunkIndex, 0);
        int before = out.size();
        if (column == null) {
            long[] a = out.ensureCapacity(before + hi - lo);
            int n = before;
            for (int i = lo; i < hi; i++) a[n++] = base | i;
            out.setSize(n);
            return hi - lo;
        }
        long[] a = out.ensureCapacity(before + hi - lo);
        int n = before;
        if (column.isDouble()) {
            double[] v = c.doubles(column.index());
            double k = dConst;
            switch (op) {
                case LT -> {
                    for (int i = lo; i < hi; i++) if (v[i] < k) a[n++] = base | i;
                }
                case LE -> {
                    for (int i = lo; i < hi; i++) if (v[i] <= k) a[n++] = base | i;
                }
                case GT -> {
                    for (int i = lo; i < hi; i++) if (v[i] > k) a[n++] = base | i;
                }
                case GE -> {
                    for (int i = lo; i < hi; i++) if (v[i] >= k) a[n++] = base | i;
                }
                case EQ -> {
                    for (int i = lo; i < hi; i++) if (v[i] == k) a[n++] = base | i;
                }
                case NE -> {
                    for (int i = lo; i < hi; i++) if (!(v[i] == k)) a[n++] = base | i;
                }
            }
        } else {
            long[] v = c.longs(column.index());
            long k = lConst;
            switch (op) {
                case LT -> {
                    for (int i = lo; i < hi; i++) if (v[i] < k) a[n++] = base | i;
                }
                case LE -> {
                    for (int i = lo; i < hi; i++) if (v[i] <= k) a[n++] = base | i;
                }
                case GT -> {
                    for (int i = lo; i < hi; i++) if (v[i] > k) a[n++] = base | i;
                }
                case GE -> {
                    for (int i = lo; i < hi; i++) if (v[i] >= k) a[n++] = base | i;
                }
                case EQ -> {
                    for (int i = lo; i < hi; i++) if (v[i] == k) a[n++] = base | i;
                }
                case NE -> {
                    for (int i = lo; i < hi; i++) if (v[i] != k) a[n++] = base | i;
                }
            }
        }
        out.setSize(n);
        return n - before;
    }

    @Override
    public String toString() {
        if (column == null) return "Predicate[ALL]";
        return "Predicate[" + column.name() + " " + op + " " + (column.isDouble() ? dConst : lConst) + "]";
    }
}
