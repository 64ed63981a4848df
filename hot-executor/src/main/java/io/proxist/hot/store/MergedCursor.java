package io.proxist.hot.store;

import java.util.Arrays;

/**
 * Walks all series of a snapshot merged by time: rows with ts in [from, to) in (ts, series key order, seq) order,
 * as runs {@code [lo(), hi())} of one chunk of one series. A k-way merge over the series' heads (a binary heap);
 * each step emits the longest run of the leading series that stays ahead of the next series' head, so coarse
 * interleaving gives long runs and a tick-by-tick interleaving single rows. Reusable; not thread-safe.
 */
public final class MergedCursor {
    private TableSnapshot snapshot;
    private SeriesCursor[] cursors = new SeriesCursor[0];
    private int[] pos = new int[0];
    private int[] heap = new int[0];
    private int heapSize;

    private Chunk chunk;
    private int lo;
    private int hi;
    private int seriesNo;

    public MergedCursor of(TableSnapshot snap, long from, long to) {
        snapshot = snap;
        int n = snap.seriesCount();
        if (cursors.length < n) {
            int old = cursors.length;
            cursors = Arrays.copyOf(cursors, n);
            for (int i = old; i < n; i++) cursors[i] = new SeriesCursor();
            pos = new int[n];
            heap = new int[n];
        }
        heapSize = 0;
        for (int s = 0; s < n; s++) {
            SeriesCursor c = cursors[s].of(snap.series(s), from, to);
            if (c.next()) {
                pos[s] = c.lo();
                heap[heapSize] = s;
                siftUp(heapSize++);
            }
        }
        chunk = null;
        return this;
    }

    public boolean next() {
        if (heapSize == 0) {
            chunk = null;
            return false;
        }
        int s = heap[0];
        SeriesCursor c = cursors[s];
        Chunk ch = c.chunk();
        long[] ts = ch.timestamps();
        int p = pos[s];
        int h = c.hi();
        int runEnd = h;
        if (heapSize > 1) {
            int o = heapSize > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1];
            long ots = headTs(o);
            boolean takeEqual = snapshot.keyRank(s) < snapshot.keyRank(o);
            int a = p + 1;
            int b = h;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (ts[mid] < ots || (takeEqual && ts[mid] == ots)) a = mid + 1;
                else b = mid;
            }
            runEnd = a;
        }
        chunk = ch;
        lo = p;
        hi = runEnd;
        seriesNo = s;
        if (runEnd < h) {
            pos[s] = runEnd;
            siftDown(0);
        } else if (c.next()) {
            pos[s] = c.lo();
            siftDown(0);
        } else {
            heap[0] = heap[--heapSize];
            if (heapSize > 0) siftDown(0);
        }
        return true;
    }

    private long headTs(int s) {
        return cursors[s].chunk().timestamps()[pos[s]];
    }

    private boolean less(int a, int b) {
        long ta = headTs(a);
        long tb = headTs(b);
        if (ta != tb) return ta < tb;
        return snapshot.keyRank(a) < snapshot.keyRank(b);
    }

    private void siftUp(int i) {
        int v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(v, heap[parent])) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private void siftDown(int i) {
        int v = heap[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= heapSize) break;
            int m = l + 1 < heapSize && less(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!less(heap[m], v)) break;
            heap[i] = heap[m];
            i = m;
        }
        heap[i] = v;
    }

    public int seriesNo() {
        return seriesNo;
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
