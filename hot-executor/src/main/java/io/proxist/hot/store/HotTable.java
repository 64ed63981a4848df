package io.proxist.hot.store;

import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hot rows of one table: per series (symbol), time-sorted chunks of primitive column vectors.
 *
 * <h2>Concurrency</h2>
 *
 * One writer per table: {@link #prepare}, {@link #commit}, {@link #append} and {@link #evict} are meant to be called
 * by the table's single ingest thread (eviction may come from another thread). They are serialised by a writer
 * lock, so a second writer is safe, merely slower; readers never take it. Every commit and eviction ends by
 * publishing a new immutable {@link TableSnapshot} with one volatile write; {@link #snapshot()} is one volatile
 * read. Hence:
 *
 * <ul>
 *   <li><b>Atomic batches:</b> a snapshot holds all rows of a commit or none, across all series.
 *   <li><b>Read-after-write:</b> a snapshot taken after {@link #commit} returned (on any thread) holds its rows.
 *   <li><b>Stable reads:</b> a snapshot never changes; its chunks are not modified where it can see them.
 * </ul>
 *
 * <h2>Dedup</h2>
 *
 * Rows are unique by (series key, ts, seq). A row whose key the table holds is dropped, as is a repeat of a key
 * within one block after its first occurrence: client retries and WAL replays are idempotent. Rows no longer in
 * memory (evicted) cannot be recognised here; see {@link TableSnapshot#evictedBelow()}.
 */
public final class HotTable {
    private final TableLayout layout;
    private final HotTableOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile TableSnapshot published;

    // writer state, guarded by writeLock
    private final LongIntHashMap seriesByKey = new LongIntHashMap();
    private int[] seriesId0 = new int[16];
    private int[] seriesId1 = new int[16];
    private int seriesCount;
    private final BatchKeys batchKeys;
    private final SeriesWriter writer;
    private final IntSort sorter = new IntSort();
    private int[] pageStamp = new int[4];
    private int stamp;

    public HotTable(TableLayout layout, HotTableOptions options) {
        this.layout = layout;
        this.options = options;
        this.published = TableSnapshot.empty(layout);
        this.batchKeys = new BatchKeys(layout);
        this.writer = new SeriesWriter(layout, options);
    }

    public String name() {
        return layout.table();
    }

    public TableLayout layout() {
        return layout;
    }

    public HotTableOptions options() {
        return options;
    }

    /** The latest published state: one volatile read, no lock. */
    public TableSnapshot snapshot() {
        return published;
    }

    /** Memory held by the table now, with its budget. */
    public MemoryUsage memory() {
        return published.memory().withBudget(options.memoryBudgetBytes());
    }

    // ---- writing

    /** Appends a block: {@code commit(prepare(block), 0)}. Returns the number of rows that were new. */
    public int append(Block block) {
        return append(block, 0);
    }

    /** Appends a block whose rows were logged at {@code lsn}. Returns the number of rows that were new. */
    public int append(Block block, long lsn) {
        writeLock.lock();
        try {
            return commit(prepare(block), lsn);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Validates a block against the table (columns by name, types, UTC-nanosecond timestamps), keys its rows and
     * finds which are new; publishes nothing. Throws a {@link ProxistException} (TYPE_MISMATCH,
     * NO_SUCH_COLUMN_IN_TABLE, THERE_IS_NO_COLUMN) for a block the table cannot take; the table is then unchanged.
     * Columns of the table missing from the block are filled with their type's default (0, empty).
     */
    public PreparedAppend prepare(Block block) {
        writeLock.lock();
        try {
            return batchKeys.prepare(this, block);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Publishes the new rows of a prepared block, {@code lsn} being where they were logged (a WAL position; used by
     * {@link #evict(long, long)} to keep rows not yet persisted). If other rows were committed since {@code
     * prepare}, rows that became duplicates are dropped here. Returns the number of rows made visible.
     */
    public int commit(PreparedAppend prepared, long lsn) {
        if (prepared.table != this) {
            throw new IllegalArgumentException("prepared for table " + prepared.table.name() + ", not " + name());
        }
        writeLock.lock();
        try {
            if (prepared.groups == 0) return 0;
            TableSnapshot cur = published;
            SeriesSnapshot[][] pages = beginPages(cur);
            long added = 0;
            long bytes = 0;
            long chunks = 0;
            int from = 0;
            for (int g = 0; g < prepared.groups; g++) {
                int s = prepared.groupSeries[g];
                int to = prepared.groupEnd[g];
                SeriesSnapshot old = pages[s >>> TableSnapshot.PAGE_SHIFT][s & (TableSnapshot.PAGE_SIZE - 1)];
                SeriesSnapshot next = writer.append(old, prepared, from, to, lsn);
                added += writer.added;
                bytes += writer.bytesDelta;
                chunks += writer.chunksDelta;
                put(pages, s, next);
                from = to;
            }
            publish(cur, pages, added, bytes, chunks, cur.evictedBelow(), Math.max(cur.lastLsn(), lsn));
            return (int) added;
        } finally {
            writeLock.unlock();
        }
    }

    // ---- eviction

    /** Evicts rows with ts below {@code bound}, the caller asserting that all such rows are persisted. */
    public long evict(long bound) {
        return evict(bound, Long.MAX_VALUE);
    }

    /**
     * Evicts rows with ts below {@code bound} that were committed with an LSN at or below {@code persistedLsn} (rows
     * committed later, even if older in ts, stay until persisted). Chunk-granular: a chunk goes when all its rows
     * may go; a chunk cut by the bound hides its evicted rows and is rewritten once half of it is evicted. Returns
     * the number of rows evicted.
     */
    public long evict(long bound, long persistedLsn) {
        writeLock.lock();
        try {
            TableSnapshot cur = published;
            SeriesSnapshot[][] pages = beginPages(cur);
            long evicted = 0;
            long bytes = 0;
            long chunks = 0;
            for (int s = 0; s < seriesCount; s++) {
                SeriesSnapshot old = pages[s >>> TableSnapshot.PAGE_SHIFT][s & (TableSnapshot.PAGE_SIZE - 1)];
                if (old.isEmpty() || old.firstTs() >= bound) continue;
                SeriesSnapshot next = writer.evict(old, bound, persistedLsn);
                bytes += writer.bytesDelta;
                chunks += writer.chunksDelta;
                evicted += writer.evicted;
                put(pages, s, next);
            }
            publish(cur, pages, -evicted, bytes, chunks, Math.max(cur.evictedBelow(), bound), cur.lastLsn());
            return evicted;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The ts bound below which evicting would bring the table within its memory budget, chunk by chunk oldest first
     * (by each chunk's last ts); {@link Long#MIN_VALUE} when the table is within budget. The caller evicts below
     * {@code min(bound, T_persisted)}. Takes the writer lock (it reads the writer's chunk accounting).
     */
    public long boundForBudget() {
        writeLock.lock();
        try {
            return boundForBudget(published);
        } finally {
            writeLock.unlock();
        }
    }

    private long boundForBudget(TableSnapshot snap) {
        long over = snap.memory().bytes() - options.memoryBudgetBytes();
        if (over <= 0) return Long.MIN_VALUE;
        int n = (int) Math.min(Integer.MAX_VALUE - 16, snap.memory().chunks());
        long[] lastTs = new long[n];
        long[] chunkBytes = new long[n];
        int k = 0;
        for (int s = 0; s < snap.seriesCount() && k < n; s++) {
            SeriesSnapshot ss = snap.series(s);
            for (int c = 0; c < ss.chunkCount() && k < n; c++) {
                lastTs[k] = ss.chunk(c).timestamps()[ss.rowsTo(c) - 1];
                chunkBytes[k++] = ss.chunk(c).bytes;
            }
        }
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        new IntSort().sort(idx, 0, k, new LongOrder(lastTs));
        long freed = 0;
        for (int i = 0; i < k; i++) {
            freed += chunkBytes[idx[i]];
            if (freed >= over) return lastTs[idx[i]] + 1;
        }
        return k == 0 ? Long.MIN_VALUE : lastTs[idx[k - 1]] + 1;
    }

    private record LongOrder(long[] keys) implements IntSort.Comparator {
        @Override
        public int compare(int a, int b) {
            return Long.compare(keys[a], keys[b]);
        }
    }

    // ---- series registry (writer)

    /** The series number of a packed key, creating the series when new. */
    int seriesFor(long key, int id0, int id1) {
        int s = seriesByKey.get(key);
        if (s != LongIntHashMap.MISSING) return s;
        s = seriesCount;
        if (s == seriesId0.length) {
            seriesId0 = Arrays.copyOf(seriesId0, s * 2);
            seriesId1 = Arrays.copyOf(seriesId1, s * 2);
        }
        seriesId0[s] = id0;
        seriesId1[s] = id1;
        seriesByKey.put(key, s);
        seriesCount = s + 1;
        return s;
    }

    /** The published state of series {@code s}, or an empty one for a series not yet published. */
    SeriesSnapshot currentSeries(int s) {
        TableSnapshot cur = published;
        return s < cur.seriesCount() ? cur.series(s) : SeriesSnapshot.empty(s, seriesId0[s], seriesId1[s]);
    }

    static long packKey(int id0, int id1, int parts) {
        return parts == 1 ? id0 & 0xFFFF_FFFFL : ((long) id0 << 32) | (id1 & 0xFFFF_FFFFL);
    }

    // ---- publication

    /** A new page root for this operation, with pages (and empty snapshots) for series created since {@code cur}. */
    private SeriesSnapshot[][] beginPages(TableSnapshot cur) {
        stamp++;
        int nPages = (seriesCount + TableSnapshot.PAGE_SIZE - 1) >>> TableSnapshot.PAGE_SHIFT;
        if (pageStamp.length < nPages) pageStamp = Arrays.copyOf(pageStamp, Math.max(nPages, pageStamp.length * 2));
        SeriesSnapshot[][] pages = Arrays.copyOf(cur.pages, nPages);
        for (int s = cur.seriesCount(); s < seriesCount; s++) {
            put(pages, s, SeriesSnapshot.empty(s, seriesId0[s], seriesId1[s]));
        }
        return pages;
    }

    private void put(SeriesSnapshot[][] pages, int s, SeriesSnapshot snap) {
        int p = s >>> TableSnapshot.PAGE_SHIFT;
        if (pageStamp[p] != stamp) {
            pages[p] = pages[p] == null ? new SeriesSnapshot[TableSnapshot.PAGE_SIZE] : pages[p].clone();
            pageStamp[p] = stamp;
        }
        pages[p][s & (TableSnapshot.PAGE_SIZE - 1)] = snap;
    }

    private void publish(
            TableSnapshot cur,
            SeriesSnapshot[][] pages,
            long rowsDelta,
            long bytesDelta,
            long chunksDelta,
            long evictedBelow,
            long lastLsn) {
        long[] sortedKeys = cur.sortedKeys;
        int[] seriesOfSortedKey = cur.seriesOfSortedKey;
        int[] keyOrder = cur.keyOrder;
        int[] rankOf = cur.rankOf;
        if (seriesCount != cur.seriesCount()) {
            int n = seriesCount;
            int parts = layout.seriesKeyParts();
            long[] keys = new long[n];
            for (int s = 0; s < n; s++) keys[s] = packKey(seriesId0[s], seriesId1[s], parts);
            seriesOfSortedKey = identity(n);
            sorter.sort(seriesOfSortedKey, 0, n, new LongOrder(keys));
            sortedKeys = new long[n];
            for (int i = 0; i < n; i++) sortedKeys[i] = keys[seriesOfSortedKey[i]];
            keyOrder = identity(n);
            sorter.sort(keyOrder, 0, n, new NameOrder(layout, seriesId0, seriesId1));
            rankOf = new int[n];
            for (int i = 0; i < n; i++) rankOf[keyOrder[i]] = i;
        }
        published = new TableSnapshot(
                layout,
                pages,
                seriesCount,
                sortedKeys,
                seriesOfSortedKey,
                keyOrder,
                rankOf,
                cur.version() + 1,
                cur.rowCount() + rowsDelta,
                cur.memory().bytes() + bytesDelta,
                cur.memory().chunks() + chunksDelta,
                evictedBelow,
                lastLsn);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** Series by their key values' UTF-8 bytes, part by part. */
    private record NameOrder(TableLayout layout, int[] id0, int[] id1) implements IntSort.Comparator {
        @Override
        public int compare(int a, int b) {
            for (int part = 0; part < layout.seriesKeyParts(); part++) {
                int[] ids = part == 0 ? id0 : id1;
                if (ids[a] == ids[b]) continue;
                var d = layout.column(layout.seriesColumn(part)).dictionary();
                int c = Arrays.compareUnsigned(d.bytes(ids[a]), d.bytes(ids[b]));
                if (c != 0) return c;
            }
            return 0;
        }
    }

    @Override
    public String toString() {
        return "HotTable[" + name() + ", " + published + "]";
    }
}
