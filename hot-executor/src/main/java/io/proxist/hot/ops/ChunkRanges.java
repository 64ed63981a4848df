package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;

/**
 * Like {@link io.proxist.hot.store.SeriesCursor}, but also tells the chunk index of each range, so operators can
 * emit positions ({@code chunk << 32 | row}). Reusable: re-arm with {@link #of} or {@link #between}.
 */
public final class ChunkRanges {
    private SeriesSnapshot series;
    private int chunkIdx;
    private int nextRow;
    private int endChunk;
    private int endRow;
    private int current;
    private Chunk chunk;
    private int lo;
    private int hi;

    /** Rows with {@code from <= ts < to}. */
    public ChunkRanges of(SeriesSnapshot s, long from, long to) {
        if (from >= to || s.isEmpty()) return between(s, 0L, 0L);
        return between(s, s.lowerBound(from), s.lowerBound(to));
    }

    /** Rows at positions {@code [a, b)}. */
    public ChunkRanges between(SeriesSnapshot s, long a, long b) {
        series = s;
        chunk = null;
        current = -1;
        chunkIdx = SeriesSnapshot.chunkOf(a);
        nextRow = SeriesSnapshot.rowOf(a);
        endChunk = SeriesSnapshot.chunkOf(b);
        endRow = SeriesSnapshot.rowOf(b);
        return this;
    }

    public boolean next() {
        while (chunkIdx < endChunk || (chunkIdx == endChunk && nextRow < endRow)) {
            int h = chunkIdx < endChunk ? series.rowsTo(chunkIdx) : endRow;
            int l = Math.max(nextRow, series.rowsFrom(chunkIdx));
            int c = chunkIdx++;
            nextRow = 0;
            if (l < h) {
                current = c;
                chunk = series.chunk(c);
                lo = l;
                hi = h;
                return true;
            }
        }
        chunk = null;
        return false;
    }

    public int chunkIndex() {
        return current;
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
