package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableSnapshot;

/**
 * Last-by / first-by over every series of a table ({@code SELECT symbol, argMax(px, ts) ... GROUP BY symbol}, or
 * {@code LIMIT 1 BY symbol}): per series in key order its chosen row, with the series number, position, ts and the
 * plan's columns materialised into operator-owned buffers ({@link #longs(int)} for long columns, {@link
 * #doubles(int)} for double columns, by the column's position in the plan). Series without a qualifying row are
 * left out. Reusable; nothing allocated per run once buffers have grown.
 */
public final class LastByAll {
    /** Which row of each series. */
    public enum Pick {
        /** {@link LastBy#lastAtOrBefore}: ts <= t. */
        LAST_AT_OR_BEFORE,
        /** {@link LastBy#firstAtOrBefore}: ts <= t. */
        FIRST_AT_OR_BEFORE,
        /** {@link LastBy#lastIn}: from <= ts < to. */
        LAST_IN,
        /** {@link LastBy#firstIn}: from <= ts < to. */
        FIRST_IN
    }

    private final NumericColumn[] columns;
    private final IntList seriesNos = new IntList(64);
    private final LongList positions = new LongList(64);
    private final LongList ts = new LongList(64);
    private final LongList[] longs;
    private final DoubleList[] doubles;

    /** @param columns the columns to materialise (may be empty) */
    public LastByAll(NumericColumn... columns) {
        this.columns = columns.clone();
        this.longs = new LongList[columns.length];
        this.doubles = new DoubleList[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].isDouble()) doubles[i] = new DoubleList(64);
            else longs[i] = new LongList(64);
        }
    }

    /** Point in time: {@code pick} is one of the AT_OR_BEFORE kinds. */
    public int run(TableSnapshot snapshot, Pick pick, long t) {
        return run(snapshot, pick, Long.MIN_VALUE, t);
    }

    /**
     * Picks a row per series. For the AT_OR_BEFORE kinds the bound is {@code ts <= to} and {@code from} is ignored;
     * for the IN kinds {@code from <= ts < to}. Returns the number of rows.
     */
    public int run(TableSnapshot snapshot, Pick pick, long from, long to) {
        seriesNos.clear();
        positions.clear();
        ts.clear();
        for (int i = 0; i < columns.length; i++) {
            if (longs[i] != null) longs[i].clear();
            else doubles[i].clear();
        }
        int n = snapshot.seriesCount();
        for (int rank = 0; rank < n; rank++) {
            int s = snapshot.seriesInKeyOrder(rank);
            SeriesSnapshot ss = snapshot.series(s);
            long p =
                    switch (pick) {
                        case LAST_AT_OR_BEFORE -> LastBy.lastAtOrBefore(ss, to);
                        case FIRST_AT_OR_BEFORE -> LastBy.firstAtOrBefore(ss, to);
                        case LAST_IN -> LastBy.lastIn(ss, from, to);
                        case FIRST_IN -> LastBy.firstIn(ss, from, to);
                    };
            if (p == Nulls.NO_ROW) continue;
            Chunk c = ss.chunk(SeriesSnapshot.chunkOf(p));
            int r = SeriesSnapshot.rowOf(p);
            seriesNos.add(s);
            positions.add(p);
            ts.add(c.timestamps()[r]);
            for (int i = 0; i < columns.length; i++) {
                if (longs[i] != null) longs[i].add(c.longs(columns[i].index())[r]);
                else doubles[i].add(c.doubles(columns[i].index())[r]);
            }
        }
        return seriesNos.size();
    }

    public int size() {
        return seriesNos.size();
    }

    public IntList seriesNos() {
        return seriesNos;
    }

    public LongList positions() {
        return positions;
    }

    public LongList timestamps() {
        return ts;
    }

    /** Values of plan column {@code i}, a long column. */
    public LongList longs(int i) {
        if (longs[i] == null) throw new IllegalArgumentException(columns[i] + " is a double column");
        return longs[i];
    }

    /** Values of plan column {@code i}, a double column. */
    public DoubleList doubles(int i) {
        if (doubles[i] == null) throw new IllegalArgumentException(columns[i] + " is a long column");
        return doubles[i];
    }
}
