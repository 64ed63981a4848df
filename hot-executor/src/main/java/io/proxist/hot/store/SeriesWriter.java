package io.proxist.hot.store;

import io.proxist.core.block.Column;
import java.util.Arrays;

/**
 * Writes one series' share of a commit into its chunks, or evicts its old rows, and returns the series' next
 * {@link SeriesSnapshot}. Used by the table's writer only; not thread-safe; its scratch buffers are reused.
 *
 * <p>Rows after the series' last key are appended in place to the tail chunk (beyond what any published snapshot
 * covers), growing it by copy up to the maximum chunk size, then starting a new chunk. Rows that belong between
 * existing rows (late, out of order) rewrite the chunk they fall in as a new chunk (or several, if it overflows):
 * copy-on-write, so snapshots holding the old chunk are unaffected. The chunk array is shared between successive
 * snapshots while chunks are only added at its end; any replacement or removal works on a fresh copy.
 */
final class SeriesWriter {
    private static final int OLD = 0;
    private static final int NEW = 1;

    private final TableLayout layout;
    private final HotTableOptions options;
    private final long bias;

    /** Results of the last call. */
    long added;

    long evicted;
    long bytesDelta;
    long chunksDelta;

    // the series being written
    private Chunk[] arr;
    private int first;
    private int end;
    private int headRow;
    private int tailRows;
    /** True once {@link #arr} is a copy no published snapshot references. */
    private boolean owned;

    // scratch
    private Chunk[] out = new Chunk[16];
    private int outCount;
    private int[] newIdx = new int[64];
    private int[] runKind = new int[64];
    private int[] runFrom = new int[64];
    private int[] runTo = new int[64];
    private int runs;

    SeriesWriter(TableLayout layout, HotTableOptions options) {
        this.layout = layout;
        this.options = options;
        this.bias = layout.seqBias();
    }

    private void load(SeriesSnapshot s) {
        arr = s.chunks;
        first = s.first;
        end = s.end;
        headRow = s.headRow;
        tailRows = s.tailRows;
        owned = false;
        added = 0;
        evicted = 0;
        bytesDelta = 0;
        chunksDelta = 0;
        if (end > first && arr[end - 1].size != tailRows) {
            // A commit failed after writing beyond the snapshot: those rows were never published; forget them.
            arr[end - 1].size = tailRows;
        }
    }

    private SeriesSnapshot result(SeriesSnapshot old, long rows) {
        if (first == end) {
            return new SeriesSnapshot(old.seriesNo, old.id0, old.id1, arr, first, end, 0, 0, 0);
        }
        return new SeriesSnapshot(old.seriesNo, old.id0, old.id1, arr, first, end, headRow, tailRows, rows);
    }

    /** Writes rows {@code p.order[from, to)} (sorted, no repeated keys) into the series. */
    SeriesSnapshot append(SeriesSnapshot old, PreparedAppend p, int from, int to, long lsn) {
        load(old);
        int[] order = p.order;
        int split = from; // rows [from, split) go between existing rows, [split, to) after the last one
        if (end > first) {
            split = to;
            Chunk tail = arr[end - 1];
            long lt = tail.timestamps()[tailRows - 1];
            long ls = tail.seqs()[tailRows - 1];
            while (split > from
                    && TableLayout.compareKey(p.ts[order[split - 1]], p.seq[order[split - 1]], lt, ls, bias) > 0) {
                split--;
            }
            if (split > from) mergeInner(p, from, split, lsn);
        }
        if (split < to) appendTail(p, split, to, lsn);
        return result(old, old.rows + added);
    }

    // ---- rows after the last key

    private void appendTail(PreparedAppend p, int from, int to, long lsn) {
        int i = from;
        while (i < to) {
            int remaining = to - i;
            Chunk tail = end > first ? arr[end - 1] : null;
            if (tail != null && tail.size < tail.capacity()) {
                int k = Math.min(remaining, tail.capacity() - tail.size);
                writeNew(tail, tail.size, p, p.order, i, i + k);
                tail.size += k;
                tailRows = tail.size;
                tail.maxLsn = Math.max(tail.maxLsn, lsn);
                bytesDelta += tail.account();
                added += k;
                i += k;
            } else if (tail != null && tail.capacity() < options.maxChunkRows()) {
                int s = end - first == 1 ? headRow : 0;
                int live = tail.size - s;
                int cap = options.capacityFor(Math.max(2L * tail.capacity(), (long) live + remaining));
                Chunk g = new Chunk(layout, cap, tail, tail.size);
                copyOld(tail, s, tail.size, g, 0);
                g.size = live;
                g.maxLsn = tail.maxLsn;
                bytesDelta += g.account() - tail.bytes;
                replace(end - 1 - first, g);
                if (end - first == 1) headRow = 0;
                tailRows = live;
            } else {
                int cap = options.capacityFor(Math.max(remaining, tail == null ? 0 : tail.capacity()));
                if (tail != null) {
                    tail.trim(); // sealed: no more rows will be appended
                    bytesDelta += tail.account();
                }
                Chunk c = tail == null ? new Chunk(layout, cap) : new Chunk(layout, cap, tail, tail.size);
                bytesDelta += c.account();
                chunksDelta++;
                addLast(c);
                if (end - first == 1) headRow = 0;
                tailRows = 0;
            }
        }
    }

    // ---- rows between existing rows

    private void mergeInner(PreparedAppend p, int from, int to, long lsn) {
        int n = end - first;
        outCount = 0;
        boolean changed = false;
        int newHead = headRow;
        int newTail = tailRows;
        int r = from;
        for (int c = 0; c < n; c++) {
            Chunk ch = arr[first + c];
            int s = c == 0 ? headRow : 0;
            int e = c == n - 1 ? tailRows : ch.size;
            int rEnd = r;
            if (c == n - 1) {
                rEnd = to;
            } else {
                long lt = ch.timestamps()[e - 1];
                long ls = ch.seqs()[e - 1];
                while (rEnd < to
                        && TableLayout.compareKey(p.ts[p.order[rEnd]], p.seq[p.order[rEnd]], lt, ls, bias) <= 0) {
                    rEnd++;
                }
            }
            if (rEnd == r || !mergeChunk(ch, s, e, p, r, rEnd, c == n - 1, lsn)) {
                addOut(ch);
            } else {
                changed = true;
                if (c == 0) newHead = 0;
                if (c == n - 1) newTail = out[outCount - 1].size;
            }
            r = rEnd;
        }
        if (changed) {
            Chunk[] fresh = new Chunk[outCount + Math.max(4, outCount / 2)];
            System.arraycopy(out, 0, fresh, 0, outCount);
            Arrays.fill(out, 0, outCount, null);
            arr = fresh;
            first = 0;
            end = outCount;
            headRow = newHead;
            tailRows = newTail;
            owned = true;
        } else {
            Arrays.fill(out, 0, outCount, null);
        }
    }

    /**
     * Merges new rows {@code p.order[r, rEnd)} into rows {@code [s, e)} of {@code ch}, dropping keys it holds; adds
     * the rewritten chunk(s) to {@link #out} and returns true, or returns false if no row was new.
     */
    private boolean mergeChunk(Chunk ch, int s, int e, PreparedAppend p, int r, int rEnd, boolean last, long lsn) {
        long[] ts = ch.timestamps();
        long[] sq = ch.seqs();
        int[] order = p.order;
        runs = 0;
        int k = 0;
        int i = s;
        int j = r;
        ensureNewIdx(rEnd - r);
        while (i < e || j < rEnd) {
            int cmp;
            if (j == rEnd) cmp = -1;
            else if (i == e) cmp = 1;
            else cmp = TableLayout.compareKey(ts[i], sq[i], p.ts[order[j]], p.seq[order[j]], bias);
            if (cmp < 0) {
                addRun(OLD, i, i + 1);
                i++;
            } else if (cmp > 0) {
                newIdx[k] = order[j];
                addRun(NEW, k, k + 1);
                k++;
                j++;
            } else {
                j++; // the key exists: the new row is a duplicate
            }
        }
        if (k == 0) return false;
        long total = (e - s) + (long) k;
        int max = options.maxChunkRows();
        int pieces = (int) ((total + max - 1) / max);
        int run = 0;
        int runPos = runFrom[0];
        for (int piece = 0; piece < pieces; piece++) {
            int rows = (int) (total / pieces + (piece < total % pieces ? 1 : 0));
            boolean tail = last && piece == pieces - 1;
            Chunk dst = new Chunk(layout, tail ? options.capacityFor(rows) : rows, ch, e);
            int at = 0;
            while (at < rows) {
                int take = Math.min(rows - at, runTo[run] - runPos);
                if (runKind[run] == OLD) copyOld(ch, runPos, runPos + take, dst, at);
                else writeNew(dst, at, p, newIdx, runPos, runPos + take);
                at += take;
                runPos += take;
                if (runPos == runTo[run] && run + 1 < runs) {
                    run++;
                    runPos = runFrom[run];
                }
            }
            dst.size = rows;
            dst.maxLsn = Math.max(ch.maxLsn, lsn);
            if (!tail) dst.trim();
            bytesDelta += dst.account();
            chunksDelta++;
            addOut(dst);
        }
        bytesDelta -= ch.bytes;
        chunksDelta--;
        added += k;
        return true;
    }

    private void addRun(int kind, int from, int to) {
        if (runs > 0 && runKind[runs - 1] == kind && runTo[runs - 1] == from) {
            runTo[runs - 1] = to;
            return;
        }
        if (runs == runKind.length) {
            int cap = runs * 2;
            runKind = Arrays.copyOf(runKind, cap);
            runFrom = Arrays.copyOf(runFrom, cap);
            runTo = Arrays.copyOf(runTo, cap);
        }
        runKind[runs] = kind;
        runFrom[runs] = from;
        runTo[runs] = to;
        runs++;
    }

    private void ensureNewIdx(int n) {
        if (newIdx.length < n) newIdx = new int[Math.max(n, newIdx.length * 2)];
    }

    private void addOut(Chunk c) {
        if (outCount == out.length) out = Arrays.copyOf(out, outCount * 2);
        out[outCount++] = c;
    }

    // ---- eviction

    /**
     * Drops rows with ts below {@code bound} from the head of the series, but only from chunks whose rows were all
     * committed at or below {@code persistedLsn}. Whole chunks go; a chunk cut in the middle keeps its rows until at
     * least half of it is evicted, then is rewritten without them.
     */
    SeriesSnapshot evict(SeriesSnapshot old, long bound, long persistedLsn) {
        load(old);
        while (end > first) {
            Chunk c = arr[first];
            int s = headRow;
            int e = end - first == 1 ? tailRows : c.size;
            if (c.maxLsn > persistedLsn) break;
            long[] ts = c.timestamps();
            if (ts[e - 1] < bound) {
                evicted += e - s;
                bytesDelta -= c.bytes;
                chunksDelta--;
                first++;
                headRow = 0;
                continue;
            }
            int a = s;
            int b = e;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (ts[mid] < bound) a = mid + 1;
                else b = mid;
            }
            evicted += a - s;
            headRow = a;
            if (headRow > 0 && 2L * headRow >= c.size) {
                boolean isTail = end - first == 1;
                int live = e - headRow;
                Chunk g = new Chunk(layout, isTail ? options.capacityFor(live) : live, c, e);
                copyOld(c, headRow, e, g, 0);
                g.size = live;
                g.maxLsn = c.maxLsn;
                if (!isTail) g.trim();
                bytesDelta += g.account() - c.bytes;
                replace(0, g);
                headRow = 0;
                if (isTail) tailRows = live;
            }
            break;
        }
        if (first > 0) compact();
        return result(old, old.rows - evicted);
    }

    // ---- chunk array

    /** Replaces chunk {@code c} (relative to {@link #first}) working on a private copy of the array. */
    private void replace(int c, Chunk chunk) {
        if (!owned) compact();
        arr[first + c] = chunk;
    }

    /** Adds a chunk at the end: in place if there is room (no snapshot looks beyond its own end), else in a copy. */
    private void addLast(Chunk c) {
        if (end == arr.length) compact();
        arr[end++] = c;
    }

    /** Copies the live chunks to the start of a new array with room to grow; drops references to evicted chunks. */
    private void compact() {
        int n = end - first;
        Chunk[] fresh = new Chunk[Math.max(4, n + (n >> 1) + 1)];
        System.arraycopy(arr, first, fresh, 0, n);
        arr = fresh;
        first = 0;
        end = n;
        owned = true;
    }

    // ---- column copying

    private void writeNew(Chunk dst, int at, PreparedAppend p, int[] idx, int from, int to) {
        Column[] cols = p.columns;
        for (int c = 0, n = dst.vecCount(); c < n; c++) {
            ColumnVec v = dst.vec(c);
            if (v == null) continue;
            if (cols[c] == null) v.appendDefaults(at, to - from);
            else v.appendBlockRows(cols[c], idx, from, to, at);
        }
    }

    private static void copyOld(Chunk src, int from, int to, Chunk dst, int at) {
        for (int c = 0, n = dst.vecCount(); c < n; c++) {
            ColumnVec v = dst.vec(c);
            if (v != null) v.appendVecRows(src.vec(c), from, to, at);
        }
    }
}
