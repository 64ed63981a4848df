package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;

/**
 * Aggregates ({@link AggState}) of a value column {@code x} and an optional second column {@code y} (the weight of
 * VWAP, the other factor of {@code sum(x*y)}) over the rows of one series with {@code from <= ts < to}.
 * Plan once, then {@link #aggregate} per series and range; it adds into the caller's state (reset it first, or
 * keep adding: several ranges fold into one state).
 */
public final class RangeAggregator {
    private final NumericColumn x;
    private final NumericColumn y;
    private final long seqBias;
    private final ChunkRanges ranges = new ChunkRanges();

    /**
     * @param y the second column, or null (then y reads as 0)
     * @param seqBias the table's {@code layout().seqBias()}
     */
    public RangeAggregator(NumericColumn x, NumericColumn y, long seqBias) {
        this.x = x;
        this.y = y;
        this.seqBias = seqBias;
    }

    public AggState aggregate(SeriesSnapshot series, long from, long to, AggState into) {
        for (ranges.of(series, from, to); ranges.next(); ) {
            addRange(ranges.chunk(), ranges.lo(), ranges.hi(), into);
        }
        return into;
    }

    /** Adds rows {@code [lo, hi)} of {@code c} (already in (ts, seq) order) to {@code into}. */
    void addRange(Chunk c, int lo, int hi, AggState into) {
        long[] ts = c.timestamps();
        long[] seq = c.seqs();
        double[] xd = x.doubles(c);
        long[] xl = x.longs(c);
        double[] yd = y == null ? null : y.doubles(c);
        long[] yl = y == null ? null : y.longs(c);
        long bias = seqBias;
        for (int i = lo; i < hi; i++) {
            double xv = xd != null ? xd[i] : (double) xl[i];
            double yv = yd != null ? yd[i] : yl != null ? (double) yl[i] : 0.0;
            into.add(ts[i], seq[i] ^ bias, xv, yv);
        }
    }

    NumericColumn x() {
        return x;
    }
}
