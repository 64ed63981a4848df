package io.proxist.hot.store;

/**
 * Walks the rows of one series with ts in [from, to) as ranges {@code [lo(), hi())} of chunks' arrays, in (ts, seq)
 * order. Reusable: re-arm with {@link #of}. Not thread-safe; one per reading thread.
 *
 * <pre>{@code
 * for (cursor.of(series, from, to); cursor.next(); ) {
 *     long[] ts = cursor.chunk().timestamps();
 *     double[] px = cursor.chunk().doubles(priceColumn);
 *     for (int i = cursor.lo(); i < cursor.hi(); i++) ...
 * }
 * }</pre>
 */
public final class SeriesCursor {
    private SeriesSnapshot series;
    private int chunkIdx;
    private int nextRow;
    private int endChunk;
    private int endRow;
    private Chunk chunk;
    private int lo;
    private int hi;

    /** Arms the cursor over rows with {@code from <= ts < to}. */
    public SeriesCursor of(SeriesSnapshot s, long from, long to) {
        series = s;
        chunk = null;
        if (from >= to || s.isEmpty()) {
            chunkIdx = 0;
            nextRow = 0;
            endChunk = 0;
            endRow = 0;
            return this;
        }
        long a = s.lowerBound(from);
        long b = s.lowerBound(to);
        chunkIdx = SeriesSnapshot.chunkOf(a);
        nextRow = SeriesSnapshot.rowOf(a);
        endChunk = SeriesSnapshot.chunkOf(b);
        endRow = SeriesSnapshot.rowOf(b);
        return this;
    }

    /** Arms the cursor over every row of the series. */
    public SeriesCursor ofAll(SeriesSnapshot s) {
        series = s;
        chunk = null;
        chunkIdx = 0;
        nextRow = s.isEmpty() ? 0 : s.rowsFrom(0);
        endChunk = s.chunkCount();
        endRow = 0;
        return this;
    }

    /** Moves to the next non-empty range; false when there is none. */
    public boolean next() {
        while (chunkIdx < endChunk || (chunkIdx == endChunk && nextRow < endRow)) {
            int h = chunkIdx < endChunk ? series.rowsTo(chunkIdx) : endRow;
            int l = nextRow;
            int c = chunkIdx;
            chunkIdx++;
            nextRow = 0;
            if (l < h) {
                chunk = series.chunk(c);
                lo = l;
                hi = h;
                return true;
            }
        }
        chunk = null;
        return false;
    }

    public SeriesSnapshot series() {
        return series;
    }

    public int seriesNo() {
        return series.seriesNo();
    }

    public Chunk chunk() {
        return chunk;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }
}
