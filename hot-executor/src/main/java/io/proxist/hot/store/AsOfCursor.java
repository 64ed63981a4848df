package io.proxist.hot.store;

/**
 * Point-in-time lookup over all series: for each series in key order that has a row with ts <= the given time,
 * its last such row (the row in force at that time). Reusable; not thread-safe.
 */
public final class AsOfCursor {
    private TableSnapshot snapshot;
    private long at;
    private int rank;
    private int seriesNo;
    private Chunk chunk;
    private int row;

    public AsOfCursor of(TableSnapshot snap, long ts) {
        snapshot = snap;
        at = ts;
        rank = -1;
        chunk = null;
        return this;
    }

    public boolean next() {
        while (++rank < snapshot.seriesCount()) {
            int s = snapshot.seriesInKeyOrder(rank);
            SeriesSnapshot ss = snapshot.series(s);
            long p = ss.lastAtOrBefore(at);
            if (p >= 0) {
                seriesNo = s;
                chunk = ss.chunk(SeriesSnapshot.chunkOf(p));
                row = SeriesSnapshot.rowOf(p);
                return true;
            }
        }
        chunk = null;
        return false;
    }

    public int seriesNo() {
        return seriesNo;
    }

    public Chunk chunk() {
        return chunk;
    }

    public int row() {
        return row;
    }
}
