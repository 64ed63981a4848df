package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;

/**
 * Rolling (sliding) windows over the rows of one series with {@code from <= ts < to}, in (ts, seq) order: one
 * output value per row. Frames contain only rows of that range (as a window function over the query's rows).
 *
 * <ul>
 *   <li>{@link #rows}: ROWS frame {@code ROWS BETWEEN n-1 PRECEDING AND CURRENT ROW}, the last n rows.
 *   <li>{@link #range}: RANGE frame {@code RANGE BETWEEN offset PRECEDING AND CURRENT ROW} over ts: rows with
 *       {@code current.ts - offset <= ts <= current.ts}, <em>peers included</em> (rows after the current one with
 *       the same ts are in its frame, as SQL's RANGE frames have it).
 *   <li>{@link #ema}: {@code ema = alpha * x + (1 - alpha) * prev}, the first value x (running, one per row).
 *   <li>{@link #exponentialMovingAverage}: ClickHouse's function (see {@link EmaState}) over
 *       {@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW} with time index {@code floorDiv(ts, unitNs)}.
 * </ul>
 *
 * <p>{@link #of} gathers the range's ts, x and y into operator-owned arrays once (primitive copies, no Block);
 * every function then runs in O(rows). Sums come from prefix sums kept in double-double form (each prefix as an
 * unevaluated sum hi + lo, updated with Knuth's TwoSum), so a frame sum {@code (hi[b] - hi[a]) + (lo[b] - lo[a])}
 * carries no cancellation error from the prefix's magnitude: it is within a few ulp of the exactly rounded frame
 * sum, i.e. as exact as (usually more than) summing the frame directly. Min and max use a monotonic deque of row
 * indices (O(1) amortised per row); NaN values never enter min/max. Not thread-safe; reusable.
 */
public final class RollingWindow {
    private final NumericColumn x;
    private final NumericColumn y;
    private final ChunkRanges ranges = new ChunkRanges();
    private final LongList ts = new LongList(256);
    private final DoubleList xs = new DoubleList(256);
    private final DoubleList ys = new DoubleList(256);
    private final DoubleList px = new DoubleList(256);
    private final DoubleList pxLo = new DoubleList(256);
    private final DoubleList py = new DoubleList(256);
    private final DoubleList pyLo = new DoubleList(256);
    private final DoubleList pxy = new DoubleList(256);
    private final DoubleList pxyLo = new DoubleList(256);
    private final IntList deque = new IntList(256);
    private final EmaState ema = new EmaState();
    private int n;
    private boolean prefixed;

    /** @param y the VWAP weight column, or null (then VWAP is not available) */
    public RollingWindow(NumericColumn x, NumericColumn y) {
        this.x = x;
        this.y = y;
    }

    /** Gathers the rows of {@code series} with {@code from <= ts < to}; returns their count. */
    public int of(SeriesSnapshot series, long from, long to) {
        ts.clear();
        xs.clear();
        ys.clear();
        prefixed = false;
        int k = 0;
        for (ranges.of(series, from, to); ranges.next(); ) {
            Chunk c = ranges.chunk();
            int lo = ranges.lo();
            int len = ranges.hi() - lo;
            long[] t = ts.ensureCapacity(k + len);
            System.arraycopy(c.timestamps(), lo, t, k, len);
            double[] xa = xs.ensureCapacity(k + len);
            copy(x, c, lo, xa, k, len);
            if (y != null) copy(y, c, lo, ys.ensureCapacity(k + len), k, len);
            k += len;
        }
        ts.setSize(k);
        xs.setSize(k);
        if (y != null) ys.setSize(k);
        n = k;
        return k;
    }

    /**
     * Takes {@code n} rows given as arrays, in frame order (ts ascending): rows a query assembled from both sides of
     * the seam. {@code y} may be null when no VWAP is asked for. Returns {@code n}.
     */
    public int of(long[] t, double[] xv, double[] yv, int count) {
        prefixed = false;
        System.arraycopy(t, 0, ts.ensureCapacity(count), 0, count);
        System.arraycopy(xv, 0, xs.ensureCapacity(count), 0, count);
        ts.setSize(count);
        xs.setSize(count);
        if (yv != null && y != null) {
            System.arraycopy(yv, 0, ys.ensureCapacity(count), 0, count);
            ys.setSize(count);
        }
        n = count;
        return count;
    }

    private static void copy(NumericColumn col, Chunk c, int lo, double[] to, int at, int len) {
        double[] d = col.doubles(c);
        if (d != null) {
            System.arraycopy(d, lo, to, at, len);
        } else {
            long[] l = col.longs(c);
            for (int i = 0; i < len; i++) to[at + i] = l[lo + i];
        }
    }

    public int size() {
        return n;
    }

    /** The timestamps of the gathered rows (the output rows' order). */
    public LongList timestamps() {
        return ts;
    }

    /** ROWS frame of the last {@code frameRows} (>= 1) rows; one value per row into {@code out} (cleared). */
    public void rows(int frameRows, RollingFn fn, DoubleList out) {
        if (frameRows < 1)
            throw new IllegalArgumentException("ROWS frame must hold at least one row [" + frameRows + "]");
        compute(true, frameRows, fn, out);
    }

    /** RANGE frame {@code [ts - offsetNs, ts]} (peers included), {@code offsetNs >= 0}. */
    public void range(long offsetNs, RollingFn fn, DoubleList out) {
        if (offsetNs < 0) throw new IllegalArgumentException("RANGE offset must not be negative [" + offsetNs + "]");
        compute(false, offsetNs, fn, out);
    }

    private void compute(boolean rowsFrame, long size, RollingFn fn, DoubleList out) {
        if (fn == RollingFn.VWAP && y == null) throw new IllegalStateException("VWAP needs a weight column");
        out.clear();
        double[] o = out.ensureCapacity(n);
        if (fn == RollingFn.SUM || fn == RollingFn.AVG || fn == RollingFn.VWAP) prefix();
        long[] t = ts.array();
        double[] xa = xs.array();
        int dqHead = 0;
        int dqTail = 0;
        int[] dq = deque.ensureCapacity(n);
        int a = 0; // frame start (inclusive)
        int b = 0; // frame end (exclusive): rows pushed so far
        for (int i = 0; i < n; i++) {
            int end;
            if (rowsFrame) {
                end = i + 1;
                a = (int) Math.max(0, i + 1 - size);
            } else {
                long lowTs = t[i] < Long.MIN_VALUE + size ? Long.MIN_VALUE : t[i] - size;
                while (t[a] < lowTs) a++;
                end = Math.max(b, i + 1);
                while (end < n && t[end] == t[i]) end++;
            }
            switch (fn) {
                case COUNT -> o[i] = end - a;
                case SUM -> o[i] = frameSum(px.array(), pxLo.array(), a, end);
                case AVG -> o[i] = frameSum(px.array(), pxLo.array(), a, end) / (end - a);
                case VWAP -> {
                    double w = frameSum(py.array(), pyLo.array(), a, end);
                    o[i] = w == 0 ? Nulls.NO_VALUE : frameSum(pxy.array(), pxyLo.array(), a, end) / w;
                }
                case MIN, MAX -> {
                    boolean max = fn == RollingFn.MAX;
                    for (; b < end; b++) {
                        double v = xa[b];
                        if (v != v) continue; // NaN never enters
                        while (dqTail > dqHead && (max ? xa[dq[dqTail - 1]] <= v : xa[dq[dqTail - 1]] >= v)) dqTail--;
                        dq[dqTail++] = b;
                    }
                    while (dqTail > dqHead && dq[dqHead] < a) dqHead++;
                    o[i] = dqTail > dqHead ? xa[dq[dqHead]] : Nulls.NO_VALUE;
                }
            }
            b = Math.max(b, end);
        }
        out.setSize(n);
    }

    private static double frameSum(double[] hi, double[] lo, int a, int b) {
        return (hi[b] - hi[a]) + (lo[b] - lo[a]);
    }

    /** Prefix sums of x, y, x*y as double-double (hi + lo), index k = sum of rows [0, k). */
    private void prefix() {
        if (prefixed) return;
        prefixed = true;
        prefixInto(xs.array(), null, px, pxLo);
        if (y != null) {
            prefixInto(ys.array(), null, py, pyLo);
            prefixInto(xs.array(), ys.array(), pxy, pxyLo);
        }
    }

    private void prefixInto(double[] v, double[] w, DoubleList hiOut, DoubleList loOut) {
        double[] hi = hiOut.ensureCapacity(n + 1);
        double[] lo = loOut.ensureCapacity(n + 1);
        double s = 0;
        double c = 0;
        hi[0] = 0;
        lo[0] = 0;
        for (int i = 0; i < n; i++) {
            double a = w == null ? v[i] : v[i] * w[i];
            double t = s + a; // TwoSum: s + a == t + e exactly
            double bv = t - s;
            double e = (s - (t - bv)) + (a - bv);
            c += e;
            // renormalise so hi carries the value and lo stays small
            s = t + c;
            c = c - (s - t);
            hi[i + 1] = s;
            lo[i + 1] = c;
        }
        hiOut.setSize(n + 1);
        loOut.setSize(n + 1);
    }

    /** Running {@code ema = alpha * x + (1 - alpha) * prev}, first value x; one per row into {@code out}. */
    public void ema(double alpha, DoubleList out) {
        out.clear();
        double[] o = out.ensureCapacity(n);
        double[] xa = xs.array();
        double e = 0;
        for (int i = 0; i < n; i++) {
            e = i == 0 ? xa[0] : alpha * xa[i] + (1 - alpha) * e;
            o[i] = e;
        }
        out.setSize(n);
    }

    /**
     * ClickHouse's {@code exponentialMovingAverage(halfLife)(x, intDiv(ts, unitNs))} over {@code ROWS BETWEEN
     * UNBOUNDED PRECEDING AND CURRENT ROW} (time index floored for negative ts); one per row into {@code out}.
     */
    public void exponentialMovingAverage(double halfLife, long unitNs, DoubleList out) {
        out.clear();
        double[] o = out.ensureCapacity(n);
        double[] xa = xs.array();
        long[] t = ts.array();
        ema.reset();
        for (int i = 0; i < n; i++) {
            ema.add(xa[i], (double) Math.floorDiv(t[i], unitNs), halfLife);
            o[i] = ema.get(halfLife);
        }
        out.setSize(n);
    }
}
