package io.proxist.hot.store;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InternCache;
import java.util.Arrays;

/**
 * The first half of an append, run by the table's writer: binds a block's columns to the table's, finds each row's
 * series, sorts each series' rows by key and drops rows whose key is repeated in the block or already held.
 * Rows are bucketed by series with a counting sort (stable); a bucket already in key order, the usual case, is not
 * sorted again.
 */
final class BatchKeys {
    private final TableLayout layout;
    private final long bias;
    private final IntSort sorter = new IntSort();
    private final KeyOrder keyOrder = new KeyOrder();

    private int[] rowSeries = new int[64];
    private int[] groupOfSeries = new int[64];
    private int[] groupStamp = new int[64];
    private int stamp;

    BatchKeys(TableLayout layout) {
        this.layout = layout;
        this.bias = layout.seqBias();
    }

    PreparedAppend prepare(HotTable table, Block block) {
        Column[] cols = bind(block);
        int rows = block.rows();
        long[] ts = ((LongColumn) cols[layout.tsColumn()]).values();
        long[] seq = ((LongColumn) cols[layout.seqColumn()]).values();
        if (rowSeries.length < rows) rowSeries = new int[Math.max(rows, rowSeries.length * 2)];

        // series of each row
        int parts = layout.seriesKeyParts();
        BytesColumn k0 = (BytesColumn) cols[layout.seriesColumn(0)];
        BytesColumn k1 = parts > 1 ? (BytesColumn) cols[layout.seriesColumn(1)] : null;
        InternCache c0 = layout.column(layout.seriesColumn(0)).cache();
        InternCache c1 = parts > 1 ? layout.column(layout.seriesColumn(1)).cache() : null;
        int lastSeries = -1;
        int lastId0 = -1;
        int lastId1 = -1;
        for (int r = 0; r < rows; r++) {
            int id0 = c0.idOf(k0.data(), k0.start(r), k0.length(r));
            int id1 = k1 == null ? -1 : c1.idOf(k1.data(), k1.start(r), k1.length(r));
            if (id0 != lastId0 || id1 != lastId1) {
                lastSeries = table.seriesFor(HotTable.packKey(id0, id1, parts), id0, id1);
                lastId0 = id0;
                lastId1 = id1;
            }
            rowSeries[r] = lastSeries;
        }

        // group rows by series, stable: counting sort over the series of this block
        stamp++;
        int groups = 0;
        int[] groupSeries = new int[16];
        int[] groupCount = new int[16];
        for (int r = 0; r < rows; r++) {
            int s = rowSeries[r];
            if (s >= groupStamp.length) {
                int cap = Math.max(s + 1, groupStamp.length * 2);
                groupStamp = Arrays.copyOf(groupStamp, cap);
                groupOfSeries = Arrays.copyOf(groupOfSeries, cap);
            }
            if (groupStamp[s] != stamp) {
                groupStamp[s] = stamp;
                if (groups == groupSeries.length) {
                    groupSeries = Arrays.copyOf(groupSeries, groups * 2);
                    groupCount = Arrays.copyOf(groupCount, groups * 2);
                }
                groupSeries[groups] = s;
                groupCount[groups] = 0;
                groupOfSeries[s] = groups++;
            }
            groupCount[groupOfSeries[s]]++;
        }
        int[] groupEnd = new int[groups];
        int[] fill = new int[groups];
        int sum = 0;
        for (int g = 0; g < groups; g++) {
            fill[g] = sum;
            sum += groupCount[g];
            groupEnd[g] = sum;
        }
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) order[fill[groupOfSeries[rowSeries[r]]]++] = r;

        // per group: key order, then drop repeated and existing keys, compacting in place
        keyOrder.of(ts, seq, bias);
        int out = 0;
        int start = 0;
        int kept = 0;
        for (int g = 0; g < groups; g++) {
            int end = groupEnd[g];
            if (!sorted(order, start, end, ts, seq)) sorter.sort(order, start, end, keyOrder);
            SeriesSnapshot existing = table.currentSeries(groupSeries[g]);
            boolean check = !existing.isEmpty();
            long lastTs = check ? existing.lastTs() : 0;
            long lastSeq = check ? existing.lastSeq() : 0;
            int groupStart = out;
            for (int i = start; i < end; i++) {
                int r = order[i];
                if (out > groupStart) {
                    int p = order[out - 1];
                    if (ts[p] == ts[r] && seq[p] == seq[r]) continue;
                }
                if (check
                        && TableLayout.compareKey(ts[r], seq[r], lastTs, lastSeq, bias) <= 0
                        && existing.contains(ts[r], seq[r], bias)) {
                    continue;
                }
                order[out++] = r;
            }
            start = end;
            if (out > groupStart) {
                groupSeries[kept] = groupSeries[g];
                groupEnd[kept] = out;
                kept++;
            }
        }
        keyOrder.of(null, null, bias);
        return new PreparedAppend(table, block, cols, ts, seq, order, groupSeries, groupEnd, kept, out);
    }

    private boolean sorted(int[] order, int from, int to, long[] ts, long[] seq) {
        for (int i = from + 1; i < to; i++) {
            int a = order[i - 1];
            int b = order[i];
            if (TableLayout.compareKey(ts[a], seq[a], ts[b], seq[b], bias) > 0) return false;
        }
        return true;
    }

    /** The block column of each table column (null where the block has none), checked against the table. */
    private Column[] bind(Block block) {
        Column[] cols = new Column[layout.columnCount()];
        for (int i = 0; i < block.columnCount(); i++) {
            String name = block.name(i);
            int c = layout.columnIndex(name);
            if (c < 0) {
                throw new ProxistException(
                        ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                        "no such column in table [table=" + layout.table() + ", column=" + name + "]");
            }
            if (cols[c] != null) {
                throw new ProxistException(
                        ErrorCode.BAD_ARGUMENTS,
                        "column given twice [table=" + layout.table() + ", column=" + name + "]");
            }
            Column col = block.column(i);
            if (!fits(layout.column(c).kind(), col)) {
                throw new ProxistException(
                        ErrorCode.TYPE_MISMATCH,
                        "column type does not match the table [table=" + layout.table() + ", column=" + name
                                + ", expected=" + layout.column(c).plainType() + ", got=" + col.type() + "]");
            }
            cols[c] = col;
        }
        requireColumn(cols, layout.tsColumn());
        requireColumn(cols, layout.seqColumn());
        for (int p = 0; p < layout.seriesKeyParts(); p++) requireColumn(cols, layout.seriesColumn(p));
        DataType tsType = cols[layout.tsColumn()].type();
        if (tsType.is("DateTime64") && !tsType.literal(0).strip().equals("9")) {
            throw new ProxistException(
                    ErrorCode.TYPE_MISMATCH,
                    "timestamps must be UTC nanoseconds, DateTime64(9) [table=" + layout.table() + ", column="
                            + layout.column(layout.tsColumn()).name() + ", got=" + tsType + "]");
        }
        return cols;
    }

    private void requireColumn(Column[] cols, int c) {
        if (cols[c] == null) {
            throw new ProxistException(
                    ErrorCode.THERE_IS_NO_COLUMN,
                    "key column missing from the block [table=" + layout.table() + ", column="
                            + layout.column(c).name() + "]");
        }
    }

    private static boolean fits(VecKind kind, Column col) {
        return switch (kind) {
            case SERIES, DICT, STRING -> col instanceof BytesColumn;
            case LONG -> col instanceof LongColumn;
            case DOUBLE -> col instanceof DoubleColumn;
            case LONG_ARRAY -> col instanceof ArrayColumn a && a.elements() instanceof LongColumn;
            case DOUBLE_ARRAY -> col instanceof ArrayColumn a && a.elements() instanceof DoubleColumn;
        };
    }

    /** (ts, seq) order of block rows, ties in block order. */
    private static final class KeyOrder implements IntSort.Comparator {
        private long[] ts;
        private long[] seq;
        private long bias;

        void of(long[] ts, long[] seq, long bias) {
            this.ts = ts;
            this.seq = seq;
            this.bias = bias;
        }

        @Override
        public int compare(int a, int b) {
            int c = TableLayout.compareKey(ts[a], seq[a], ts[b], seq[b], bias);
            return c != 0 ? c : Integer.compare(a, b);
        }
    }
}
