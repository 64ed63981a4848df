package io.proxist.hot.ops;

import io.proxist.hot.store.SeriesSnapshot;

/**
 * Rows of one series with {@code from <= ts < to} that pass a {@link Predicate}, as positions
 * ({@code chunk << 32 | row}, ascending, i.e. in (ts, seq) order) in an operator-owned buffer.
 *
 * <pre>{@code
 * RangeFilter f = new RangeFilter(Predicate.of(px, Compare.GT, 100.0));   // plan time
 * int n = f.run(series, from, to);                                        // per query, no allocation
 * for (int i = 0; i < n; i++) { long p = f.positions().get(i); ... }
 * }</pre>
 */
public final class RangeFilter {
    private final Predicate predicate;
    private final ChunkRanges ranges = new ChunkRanges();
    private final LongList positions = new LongList(64);

    public RangeFilter(Predicate predicate) {
        this.predicate = predicate;
    }

    /** Selects the rows; returns their count. Positions refer to {@code series}' chunks. */
    public int run(SeriesSnapshot series, long from, long to) {
        positions.clear();
        for (ranges.of(series, from, to); ranges.next(); ) {
            predicate.select(ranges.chunk(), ranges.chunkIndex(), ranges.lo(), ranges.hi(), positions);
        }
        return positions.size();
    }

    /** The positions selected by the last {@link #run}. */
    public LongList positions() {
        return positions;
    }
}
