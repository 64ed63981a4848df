package io.proxist.hot.store;

/**
 * A run of rows of one series, sorted by (ts, seq), held column by column in primitive arrays allocated for the
 * chunk's capacity. Series key columns are not stored (their value is the series'); their slot in {@link #vec} is
 * null.
 *
 * <p>Which rows a reader may look at is given by the {@link SeriesSnapshot} it got the chunk from, never by the
 * chunk: the writer appends rows in place beyond what published snapshots cover, and replaces a chunk by a
 * rewritten copy (copy-on-write) when rows must go in between existing ones. Rows a snapshot covers never change.
 */
public final class Chunk {
    private static final int CHUNK_OVERHEAD = 64;

    private final ColumnVec[] vecs;
    private final long[] ts;
    private final long[] seq;
    private final int capacity;

    /** Rows written; the writer's, readers use their snapshot's bounds. */
    int size;
    /** Highest commit LSN of any row in the chunk; the writer's. */
    long maxLsn = Long.MIN_VALUE;
    /** Bytes held as last accounted; the writer's. */
    long bytes;

    Chunk(TableLayout layout, int capacity) {
        this(layout, capacity, null, 0);
    }

    /**
     * A chunk for {@code capacity} rows whose variable-length data (strings, array elements) is sized from the
     * average of the first {@code likeRows} rows of {@code like}, so it need not grow by copying.
     */
    Chunk(TableLayout layout, int capacity, Chunk like, int likeRows) {
        this.capacity = capacity;
        this.vecs = new ColumnVec[layout.columnCount()];
        for (int i = 0; i < vecs.length; i++) {
            long units = -1;
            if (like != null && likeRows > 0 && like.vecs[i] != null) {
                long used = like.vecs[i].varUnits(likeRows);
                units = (used * capacity + likeRows - 1) / likeRows;
            }
            vecs[i] = layout.column(i).newVec(capacity, units);
        }
        this.ts = ((LongVec) vecs[layout.tsColumn()]).values();
        this.seq = ((LongVec) vecs[layout.seqColumn()]).values();
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The highest WAL position of a row committed into this chunk (a tail chunk may hold rows past a reader's
     * snapshot, so this is an upper bound for the rows the reader sees): rows are persisted once the flusher
     * confirmed this position.
     */
    public long maxLsn() {
        return maxLsn;
    }

    /** Timestamps, UTC nanoseconds; read only. */
    public long[] timestamps() {
        return ts;
    }

    /** Sequence numbers; read only. */
    public long[] seqs() {
        return seq;
    }

    /** The vector of table column {@code column}, null for a series key column. */
    public ColumnVec vec(int column) {
        return vecs[column];
    }

    public long[] longs(int column) {
        return ((LongVec) vecs[column]).values();
    }

    public double[] doubles(int column) {
        return ((DoubleVec) vecs[column]).values();
    }

    public int[] dictIds(int column) {
        return ((DictVec) vecs[column]).ids();
    }

    public StringVec strings(int column) {
        return (StringVec) vecs[column];
    }

    int vecCount() {
        return vecs.length;
    }

    /** Recomputes {@link #bytes} and returns the change. */
    long account() {
        long b = CHUNK_OVERHEAD + ColumnVec.arrayBytes(vecs.length, 4);
        for (ColumnVec v : vecs) if (v != null) b += v.bytes();
        long delta = b - bytes;
        bytes = b;
        return delta;
    }

    /** Releases spare variable-length capacity once no more rows will be appended. */
    void trim() {
        for (ColumnVec v : vecs) if (v != null) v.trim(size);
    }

    @Override
    public String toString() {
        return "Chunk[size=" + size + ", capacity=" + capacity + "]";
    }
}
