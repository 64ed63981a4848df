package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;

/**
 * ASOF join of one left series (e.g. the trades of a symbol, {@code from <= ts < to}) with one right series (the
 * market data of the same symbol): for each left row, in (ts, seq) order, the last right row by (ts, seq) with
 * {@code right.ts <= left.ts} — ClickHouse's {@code ASOF JOIN ... ON a.symbol = b.symbol AND a.ts >= b.ts}. Among
 * right rows sharing the matched ts the one with the highest seq wins (the row in force, as {@link
 * SeriesSnapshot#lastAtOrBefore}). With a tolerance, a match counts only if {@code left.ts - right.ts <= tolerance}.
 *
 * <p>INNER drops left rows without a match; LEFT keeps them with right position {@link Nulls#NO_ROW}. One binary
 * search positions the right side at the first left row, then both series are walked forward together (a linear
 * merge). Output: two parallel, operator-owned position lists.
 */
public final class AsOfJoin {
    /** No tolerance. */
    public static final long NO_TOLERANCE = Long.MAX_VALUE;

    private final boolean left;
    private final long tolerance;
    private final ChunkRanges ranges = new ChunkRanges();
    private final LongList leftPositions = new LongList(64);
    private final LongList rightPositions = new LongList(64);

    /**
     * @param leftJoin true for LEFT ASOF JOIN (unmatched left rows kept), false for the inner ASOF JOIN
     * @param tolerance the largest {@code left.ts - right.ts} that matches, >= 0, or {@link #NO_TOLERANCE}
     */
    public AsOfJoin(boolean leftJoin, long tolerance) {
        if (tolerance < 0) throw new IllegalArgumentException("negative asof tolerance [" + tolerance + "]");
        this.left = leftJoin;
        this.tolerance = tolerance;
    }

    /** Joins; returns the number of output rows. */
    public int run(SeriesSnapshot leftSeries, long from, long to, SeriesSnapshot right) {
        leftPositions.clear();
        rightPositions.clear();
        ranges.of(leftSeries, from, to);
        if (!ranges.next()) return 0;
        // right side: match = last row with ts <= first left ts (one binary search), then walk forward
        long firstLeftTs = ranges.chunk().timestamps()[ranges.lo()];
        int rChunks = right.chunkCount();
        long match = right.isEmpty() ? Nulls.NO_ROW : right.lastAtOrBefore(firstLeftTs);
        long next = match == Nulls.NO_ROW ? Positions.first(right) : Positions.next(right, match);
        int rc = SeriesSnapshot.chunkOf(next);
        int rr = SeriesSnapshot.rowOf(next);
        long[] rts = rc < rChunks ? right.chunk(rc).timestamps() : null;
        int rHi = rc < rChunks ? right.rowsTo(rc) : 0;
        long matchTs = match == Nulls.NO_ROW ? 0 : Positions.ts(right, match);
        long tol = tolerance;
        do {
            Chunk c = ranges.chunk();
            long[] lts = c.timestamps();
            long lbase = SeriesSnapshot.position(ranges.chunkIndex(), 0);
            for (int i = ranges.lo(), hi = ranges.hi(); i < hi; i++) {
                long t = lts[i];
                while (rts != null && rts[rr] <= t) {
                    match = SeriesSnapshot.position(rc, rr);
                    matchTs = rts[rr];
                    if (++rr == rHi) {
                        if (++rc < rChunks) {
                            rts = right.chunk(rc).timestamps();
                            rr = 0;
                            rHi = right.rowsTo(rc);
                        } else {
                            rts = null;
                        }
                    }
                }
                // t >= matchTs, so t - matchTs fits in an unsigned long
                boolean hit =
                        match != Nulls.NO_ROW && (tol == NO_TOLERANCE || Long.compareUnsigned(t - matchTs, tol) <= 0);
                if (hit) {
                    leftPositions.add(lbase | i);
                    rightPositions.add(match);
                } else if (left) {
                    leftPositions.add(lbase | i);
                    rightPositions.add(Nulls.NO_ROW);
                }
            }
        } while (ranges.next());
        return leftPositions.size();
    }

    public int size() {
        return leftPositions.size();
    }

    /** Positions in the left series. */
    public LongList leftPositions() {
        return leftPositions;
    }

    /** Positions in the right series, {@link Nulls#NO_ROW} for an unmatched left row of a LEFT join. */
    public LongList rightPositions() {
        return rightPositions;
    }
}
