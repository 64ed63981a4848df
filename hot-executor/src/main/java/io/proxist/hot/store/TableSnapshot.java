package io.proxist.hot.store;

import io.proxist.core.dict.SymbolDictionary;
import java.util.Arrays;

/**
 * An immutable, consistent view of a whole hot table: what every append committed before it was published, nothing
 * of any later one. Readers get one from {@link HotTable#snapshot()} (a single volatile read) and may keep using it
 * for as long as they like, on any thread; the chunks it references stay valid (copy-on-write) and are freed by the
 * garbage collector once no snapshot references them.
 *
 * <p>Series are numbered densely in order of first appearance; {@link #seriesInKeyOrder(int)} lists them sorted by
 * their key values (UTF-8 byte order, as ClickHouse sorts strings).
 */
public final class TableSnapshot {
    static final int PAGE_SHIFT = 6;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    private final TableLayout layout;
    final SeriesSnapshot[][] pages;
    private final int seriesCount;
    /** Packed series keys, sorted, and the series number of each: lookup by key. */
    final long[] sortedKeys;

    final int[] seriesOfSortedKey;
    /** Series numbers sorted by key values, and the rank of each series in that order. */
    final int[] keyOrder;

    final int[] rankOf;
    private final long version;
    private final long rows;
    private final long bytes;
    private final long chunks;
    private final long evictedBelow;
    private final long lastLsn;

    TableSnapshot(
            TableLayout layout,
            SeriesSnapshot[][] pages,
            int seriesCount,
            long[] sortedKeys,
            int[] seriesOfSortedKey,
            int[] keyOrder,
            int[] rankOf,
            long version,
            long rows,
            long bytes,
            long chunks,
            long evictedBelow,
            long lastLsn) {
        this.layout = layout;
        this.pages = pages;
        this.seriesCount = seriesCount;
        this.sortedKeys = sortedKeys;
        this.seriesOfSortedKey = seriesOfSortedKey;
        this.keyOrder = keyOrder;
        this.rankOf = rankOf;
        this.version = version;
        this.rows = rows;
        this.bytes = bytes;
        this.chunks = chunks;
        this.evictedBelow = evictedBelow;
        this.lastLsn = lastLsn;
    }

    static TableSnapshot empty(TableLayout layout) {
        return new TableSnapshot(
                layout,
                new SeriesSnapshot[0][],
                0,
                new long[0],
                new int[0],
                new int[0],
                new int[0],
                0,
                0,
                0,
                0,
                Long.MIN_VALUE,
                Long.MIN_VALUE);
    }

    public TableLayout layout() {
        return layout;
    }

    /** Number of commits and evictions published so far; grows by one with each. */
    public long version() {
        return version;
    }

    public long rowCount() {
        return rows;
    }

    public int seriesCount() {
        return seriesCount;
    }

    /** Series {@code seriesNo} (0 <= seriesNo < seriesCount), possibly empty. */
    public SeriesSnapshot series(int seriesNo) {
        if (seriesNo < 0 || seriesNo >= seriesCount) {
            throw new IndexOutOfBoundsException("series " + seriesNo + " of " + seriesCount);
        }
        return pages[seriesNo >>> PAGE_SHIFT][seriesNo & (PAGE_SIZE - 1)];
    }

    /** The series at position {@code rank} in key order. */
    public int seriesInKeyOrder(int rank) {
        return keyOrder[rank];
    }

    /** The position of series {@code seriesNo} in key order. */
    public int keyRank(int seriesNo) {
        return rankOf[seriesNo];
    }

    /** The series whose single-column key has dictionary id {@code id}, or -1. */
    public int findSeriesById(int id) {
        return findPacked(HotTable.packKey(id, -1, layout.seriesKeyParts()));
    }

    /** The series whose two-column key has dictionary ids ({@code id0}, {@code id1}), or -1. */
    public int findSeriesById(int id0, int id1) {
        return findPacked(HotTable.packKey(id0, id1, layout.seriesKeyParts()));
    }

    /** The series with these key values (one per key column), or -1 when the table has no such series. */
    public int findSeries(String... keyValues) {
        if (keyValues.length != layout.seriesKeyParts()) {
            throw new IllegalArgumentException("the series key of " + layout.table() + " has " + layout.seriesKeyParts()
                    + " parts, got " + keyValues.length);
        }
        int id0 = dictionary(0).find(keyValues[0]);
        if (id0 < 0) return -1;
        if (keyValues.length == 1) return findSeriesById(id0);
        int id1 = dictionary(1).find(keyValues[1]);
        return id1 < 0 ? -1 : findSeriesById(id0, id1);
    }

    private int findPacked(long key) {
        int i = Arrays.binarySearch(sortedKeys, key);
        return i < 0 ? -1 : seriesOfSortedKey[i];
    }

    /** The dictionary of series key part {@code part}. */
    public SymbolDictionary dictionary(int part) {
        return layout.column(layout.seriesColumn(part)).dictionary();
    }

    /** The value of series key part {@code part} of series {@code seriesNo}. */
    public String seriesKeyValue(int seriesNo, int part) {
        return dictionary(part).value(series(seriesNo).keyId(part));
    }

    /** Memory held by the table's chunks as of this snapshot. */
    public MemoryUsage memory() {
        return new MemoryUsage(bytes, rows, chunks, seriesCount, layout.table());
    }

    /**
     * Every row with ts >= this bound that was committed before this snapshot is in it (rows below may or may not
     * be: eviction keeps rows it may not drop yet). {@link Long#MIN_VALUE} until the first eviction.
     */
    public long evictedBelow() {
        return evictedBelow;
    }

    /**
     * The highest LSN passed to {@link HotTable#commit} (or {@link HotTable#append(io.proxist.core.block.Block,
     * long)}) among the commits this snapshot holds; {@link Long#MIN_VALUE} before the first. Commits are published
     * in order, so this snapshot holds every commit the table made up to the one of this LSN and none after it: when
     * LSNs are WAL positions committed in log order, it is exactly the table's rows logged at or below this LSN.
     */
    public long lastLsn() {
        return lastLsn;
    }

    @Override
    public String toString() {
        return "TableSnapshot[" + layout.table() + ", version=" + version + ", rows=" + rows + ", series=" + seriesCount
                + ", lastLsn=" + lastLsn + "]";
    }
}
