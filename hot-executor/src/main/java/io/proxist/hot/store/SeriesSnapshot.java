package io.proxist.hot.store;

/**
 * An immutable view of one series (one symbol, or one value of the table's series key) as of one published
 * {@link TableSnapshot}: chunks {@code chunk(0) .. chunk(chunkCount() - 1)}, rows {@code [rowsFrom(c), rowsTo(c))}
 * of each, in (ts, seq) order across chunks.
 *
 * <p>A position in the series is a {@code long}: chunk index in the high 32 bits, row within the chunk in the low
 * 32 bits ({@link #position}); the end of the series is {@code position(chunkCount(), 0)}.
 */
public final class SeriesSnapshot {
    private static final Chunk[] NO_CHUNKS = new Chunk[0];
    /** An empty series that belongs to no table. */
    static final SeriesSnapshot NONE = empty(-1, -1, -1);

    final int seriesNo;
    final int id0;
    final int id1;
    /** Chunk array, possibly shared with other snapshots of this series; only {@code [first, end)} is ours. */
    final Chunk[] chunks;

    final int first;
    final int end;
    final int headRow;
    final int tailRows;
    final long rows;

    SeriesSnapshot(
            int seriesNo, int id0, int id1, Chunk[] chunks, int first, int end, int headRow, int tailRows, long rows) {
        this.seriesNo = seriesNo;
        this.id0 = id0;
        this.id1 = id1;
        this.chunks = chunks;
        this.first = first;
        this.end = end;
        this.headRow = headRow;
        this.tailRows = tailRows;
        this.rows = rows;
    }

    static SeriesSnapshot empty(int seriesNo, int id0, int id1) {
        return new SeriesSnapshot(seriesNo, id0, id1, NO_CHUNKS, 0, 0, 0, 0, 0);
    }

    /** The series number within its table (dense, in order of first appearance). */
    public int seriesNo() {
        return seriesNo;
    }

    /** Dictionary id of series key part {@code part} (0, or 1 for a two-column key). */
    public int keyId(int part) {
        return part == 0 ? id0 : id1;
    }

    public long rowCount() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    public int chunkCount() {
        return end - first;
    }

    public Chunk chunk(int c) {
        return chunks[first + c];
    }

    /** First visible row of chunk {@code c}. */
    public int rowsFrom(int c) {
        return c == 0 ? headRow : 0;
    }

    /** End (exclusive) of the visible rows of chunk {@code c}. */
    public int rowsTo(int c) {
        // A chunk other than the last is sealed: its size was final before this snapshot was published.
        return c == end - first - 1 ? tailRows : chunks[first + c].size;
    }

    public static long position(int chunk, int row) {
        return ((long) chunk << 32) | (row & 0xFFFF_FFFFL);
    }

    public static int chunkOf(long position) {
        return (int) (position >>> 32);
    }

    public static int rowOf(long position) {
        return (int) position;
    }

    /** The end position. */
    public long endPosition() {
        return position(chunkCount(), 0);
    }

    /** Timestamp of the first row; the series must not be empty. */
    public long firstTs() {
        return chunk(0).timestamps()[headRow];
    }

    /** Timestamp of the last row; the series must not be empty. */
    public long lastTs() {
        return chunk(chunkCount() - 1).timestamps()[tailRows - 1];
    }

    /** Seq of the last row; the series must not be empty. */
    public long lastSeq() {
        return chunk(chunkCount() - 1).seqs()[tailRows - 1];
    }

    /** Position of the first row with ts >= {@code ts} (or the end). */
    public long lowerBound(long ts) {
        return seekTs(ts, false);
    }

    /** Position of the first row with ts > {@code ts} (or the end). */
    public long upperBound(long ts) {
        return seekTs(ts, true);
    }

    private long seekTs(long ts, boolean strict) {
        int n = chunkCount();
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long last = chunk(mid).timestamps()[rowsTo(mid) - 1];
            if (strict ? last <= ts : last < ts) lo = mid + 1;
            else hi = mid;
        }
        if (lo == n) return endPosition();
        long[] t = chunk(lo).timestamps();
        int a = rowsFrom(lo);
        int b = rowsTo(lo);
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (strict ? t[mid] <= ts : t[mid] < ts) a = mid + 1;
            else b = mid;
        }
        return position(lo, a);
    }

    /** Position of the first row with key >= (ts, seq) (or the end). */
    public long lowerBound(long ts, long seq, long seqBias) {
        int n = chunkCount();
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Chunk c = chunk(mid);
            int r = rowsTo(mid) - 1;
            if (TableLayout.compareKey(c.timestamps()[r], c.seqs()[r], ts, seq, seqBias) < 0) lo = mid + 1;
            else hi = mid;
        }
        if (lo == n) return endPosition();
        Chunk c = chunk(lo);
        long[] t = c.timestamps();
        long[] s = c.seqs();
        int a = rowsFrom(lo);
        int b = rowsTo(lo);
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (TableLayout.compareKey(t[mid], s[mid], ts, seq, seqBias) < 0) a = mid + 1;
            else b = mid;
        }
        return position(lo, a);
    }

    /** True if a row with key (ts, seq) is visible. */
    public boolean contains(long ts, long seq, long seqBias) {
        long p = lowerBound(ts, seq, seqBias);
        int c = chunkOf(p);
        if (c >= chunkCount()) return false;
        int r = rowOf(p);
        return chunk(c).timestamps()[r] == ts && chunk(c).seqs()[r] == seq;
    }

    /**
     * The position of the last row with ts <= {@code ts}, or -1 when there is none (point-in-time lookup: the row
     * in force at {@code ts}; among rows sharing that ts, the one with the highest seq).
     */
    public long lastAtOrBefore(long ts) {
        long p = upperBound(ts);
        int c = chunkOf(p);
        int r = rowOf(p);
        if (c < chunkCount() && r > rowsFrom(c)) return position(c, r - 1);
        if (c == 0) return -1;
        return position(c - 1, rowsTo(c - 1) - 1);
    }

    @Override
    public String toString() {
        return "SeriesSnapshot[series=" + seriesNo + ", rows=" + rows + ", chunks=" + chunkCount() + "]";
    }
}
