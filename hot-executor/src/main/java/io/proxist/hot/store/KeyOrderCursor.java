package io.proxist.hot.store;

/**
 * Walks all series of a snapshot in key order (symbol, then ts, seq), rows with ts in [from, to), as ranges of
 * chunks. Reusable; not thread-safe.
 */
public final class KeyOrderCursor {
    private final SeriesCursor inner = new SeriesCursor();
    private TableSnapshot snapshot;
    private long from;
    private long to;
    private int rank;
    private boolean all;

    public KeyOrderCursor of(TableSnapshot snap, long fromTs, long toTs) {
        return arm(snap, fromTs, toTs, false);
    }

    /** Every row of every series. */
    public KeyOrderCursor ofAll(TableSnapshot snap) {
        return arm(snap, Long.MIN_VALUE, Long.MAX_VALUE, true);
    }

    private KeyOrderCursor arm(TableSnapshot snap, long fromTs, long toTs, boolean everything) {
        snapshot = snap;
        from = fromTs;
        to = toTs;
        all = everything;
        rank = -1;
        inner.of(SeriesSnapshot.NONE, 0, 0);
        return this;
    }

    public boolean next() {
        while (true) {
            if (inner.next()) return true;
            if (++rank >= snapshot.seriesCount()) return false;
            SeriesSnapshot s = snapshot.series(snapshot.seriesInKeyOrder(rank));
            if (all) inner.ofAll(s);
            else inner.of(s, from, to);
        }
    }

    public int seriesNo() {
        return inner.seriesNo();
    }

    public Chunk chunk() {
        return inner.chunk();
    }

    public int lo() {
        return inner.lo();
    }

    public int hi() {
        return inner.hi();
    }
}
