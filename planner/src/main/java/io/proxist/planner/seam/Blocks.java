package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.type.DataType;
import io.proxist.planner.expr.ValueKind;
import io.proxist.planner.expr.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Block helpers of the seam: concatenation, selection by mask, ordering. */
final class Blocks {
    private Blocks() {}

    /** The rows of all blocks, as columns of the given names and types. */
    static Block concat(List<String> names, List<DataType> types, List<Block> blocks) {
        List<ColumnBuilder> bs = new ArrayList<>();
        for (DataType t : types) bs.add(ColumnBuilder.forType(t));
        int rows = 0;
        for (Block b : blocks) {
            if (b.rows() == 0) continue;
            for (int i = 0; i < names.size(); i++) {
                int at = b.names().indexOf(names.get(i));
                Column c = at >= 0 ? b.column(at) : b.column(i);
                bs.get(i).appendFrom(c, 0, b.rows());
            }
            rows += b.rows();
        }
        List<Column> cols = new ArrayList<>();
        for (ColumnBuilder b : bs) cols.add(b.build());
        return new Block(names, cols, rows);
    }

    /** The rows where {@code mask} is non-zero. */
    static Block filter(Block in, Column mask) {
        int n = in.rows();
        int[] idx = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) if (Vectors.dbl(mask, i) != 0) idx[k++] = i;
        if (k == n) return in;
        return gather(in, Arrays.copyOf(idx, k));
    }

    static Block gather(Block in, int[] idx) {
        List<Column> cols = new ArrayList<>();
        for (Column c : in.columns()) cols.add(Columns.gather(c, idx));
        return new Block(in.names(), cols, idx.length);
    }

    /** Row positions in the order of the key columns (stable), each ascending or descending. */
    static int[] order(int rows, List<Column> keys, List<Boolean> descending) {
        Integer[] idx = new Integer[rows];
        for (int i = 0; i < rows; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> {
            for (int k = 0; k < keys.size(); k++) {
                int c = compare(keys.get(k), x, y);
                if (c != 0) return descending.get(k) ? -c : c;
            }
            return 0;
        });
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) out[i] = idx[i];
        return out;
    }

    private static int compare(Column c, int x, int y) {
        return switch (ValueKind.of(c.type())) {
            case LONG ->
                ValueKind.isUnsigned(c.type())
                        ? Long.compareUnsigned(Vectors.lng(c, x), Vectors.lng(c, y))
                        : Long.compare(Vectors.lng(c, x), Vectors.lng(c, y));
            case DOUBLE -> Double.compare(Vectors.dbl(c, x), Vectors.dbl(c, y));
            case STRING -> Vectors.compareBytes((BytesColumn) c, x, (BytesColumn) c, y);
        };
    }

    /** Rows {@code [from, to)} of a block. */
    static Block slice(Block in, long from, long to) {
        int lo = (int) Math.min(from, in.rows()), hi = (int) Math.min(to, in.rows());
        if (lo == 0 && hi == in.rows()) return in;
        int[] idx = new int[Math.max(0, hi - lo)];
        for (int i = 0; i < idx.length; i++) idx[i] = lo + i;
        return gather(in, idx);
    }
}
