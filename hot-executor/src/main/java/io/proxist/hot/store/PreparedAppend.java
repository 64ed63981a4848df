package io.proxist.hot.store;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import java.util.Arrays;

/**
 * A block validated, keyed and deduplicated against a {@link HotTable}, not yet visible: {@link #newRowIndices()}
 * are the rows that will be new when {@link HotTable#commit} publishes it (rows whose key the table already holds,
 * and repeats of a key within the block after its first occurrence, are dropped). Ingest writes exactly those rows
 * to the WAL, then commits; if the WAL append fails it simply drops this object.
 */
public final class PreparedAppend {
    final HotTable table;
    final Block block;
    /** The block column of each table column, or null (series key columns; columns to fill with defaults). */
    final Column[] columns;

    final long[] ts;
    final long[] seq;
    /** Block rows, grouped by series, each group in key order, duplicates removed. */
    final int[] order;
    /** Series number and end (exclusive, in {@link #order}) of each group. */
    final int[] groupSeries;

    final int[] groupEnd;
    final int groups;
    final int newRows;

    PreparedAppend(
            HotTable table,
            Block block,
            Column[] columns,
            long[] ts,
            long[] seq,
            int[] order,
            int[] groupSeries,
            int[] groupEnd,
            int groups,
            int newRows) {
        this.table = table;
        this.block = block;
        this.columns = columns;
        this.ts = ts;
        this.seq = seq;
        this.order = order;
        this.groupSeries = groupSeries;
        this.groupEnd = groupEnd;
        this.groups = groups;
        this.newRows = newRows;
    }

    public Block block() {
        return block;
    }

    /** Rows of the block that are new. */
    public int newRows() {
        return newRows;
    }

    /** Rows of the block dropped as duplicates. */
    public int duplicateRows() {
        return block.rows() - newRows;
    }

    /** Indices of the new rows in the block, ascending (the block's order). */
    public int[] newRowIndices() {
        int[] r = Arrays.copyOf(order, newRows);
        Arrays.sort(r);
        return r;
    }

    @Override
    public String toString() {
        return "PreparedAppend[table=" + table.name() + ", rows=" + block.rows() + ", new=" + newRows + ", series="
                + groups + "]";
    }
}
