package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;
import java.util.Arrays;

/**
 * Tumbling windows over one series: {@code GROUP BY toStartOfInterval(ts, width)} with aggregates ({@link
 * AggState}) per bucket, buckets in ts order. The bucket of a row is {@code floorDiv(ts, width) * width}: aligned
 * to the epoch, floored (not truncated) for negative timestamps, as ClickHouse's toStartOfInterval for fixed
 * widths. Only non-empty buckets are produced (GROUP BY semantics; a caller wanting WITH FILL fills the gaps).
 * Bucket states are operator-owned and reused; the pool grows by doubling.
 */
public final class TumblingWindow {
    private final long width;
    private final RangeAggregator aggregator;
    private final ChunkRanges ranges = new ChunkRanges();
    private final LongList starts = new LongList(64);
    private AggState[] states = new AggState[0];

    /**
     * @param width bucket width in ns, > 0
     * @param y second column (VWAP weight) or null
     */
    public TumblingWindow(long width, NumericColumn x, NumericColumn y, long seqBias) {
        if (width <= 0) throw new IllegalArgumentException("window width must be positive [width=" + width + "]");
        this.width = width;
        this.aggregator = new RangeAggregator(x, y, seqBias);
    }

    /** The start of the bucket holding {@code ts}. */
    public static long bucketStart(long ts, long width) {
        return Math.floorDiv(ts, width) * width;
    }

    /** Buckets the rows of {@code series} with {@code from <= ts < to}; returns the number of buckets. */
    public int run(SeriesSnapshot series, long from, long to) {
        starts.clear();
        int n = 0;
        long start = 0;
        boolean open = false;
        for (ranges.of(series, from, to); ranges.next(); ) {
            Chunk c = ranges.chunk();
            long[] ts = c.timestamps();
            int i = ranges.lo();
            int hi = ranges.hi();
            while (i < hi) {
                // rows are sorted, so ts >= start and ts - start fits in an unsigned long
                if (!open || Long.compareUnsigned(ts[i] - start, width) >= 0) {
                    start = bucketStart(ts[i], width);
                    state(n).reset();
                    starts.add(start);
                    n++;
                    open = true;
                }
                int j = i + 1;
                while (j < hi && Long.compareUnsigned(ts[j] - start, width) < 0) j++;
                aggregator.addRange(c, i, j, states[n - 1]);
                i = j;
            }
        }
        return n;
    }

    private AggState state(int i) {
        if (i >= states.length) {
            AggState[] bigger = Arrays.copyOf(states, Math.max(16, states.length * 2));
            for (int k = states.length; k < bigger.length; k++) bigger[k] = new AggState();
            states = bigger;
        }
        return states[i];
    }

    public int size() {
        return starts.size();
    }

    public long bucketStart(int i) {
        return starts.get(i);
    }

    /** The state of bucket {@code i}; valid until the next {@link #run}. */
    public AggState bucket(int i) {
        if (i >= starts.size()) throw new IndexOutOfBoundsException(i + " of " + starts.size());
        return states[i];
    }

    public long width() {
        return width;
    }
}
