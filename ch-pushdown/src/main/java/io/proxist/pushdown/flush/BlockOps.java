package io.proxist.pushdown.flush;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Row-level block operations the flusher needs: concatenation, sorting by key columns, selection, size. */
final class BlockOps {
    private BlockOps() {}

    /** The blocks one after another; all must have the same names and types in the same order. */
    static Block concat(List<Block> blocks) {
        if (blocks.size() == 1) return blocks.getFirst();
        Block first = blocks.getFirst();
        int rows = 0;
        for (Block b : blocks) {
            if (!b.names().equals(first.names())) {
                throw new IllegalArgumentException("blocks differ in columns: " + first.names() + " vs " + b.names());
            }
            rows += b.rows();
        }
        List<Column> cols = new ArrayList<>(first.columnCount());
        for (int c = 0; c < first.columnCount(); c++) {
            List<Column> parts = new ArrayList<>(blocks.size());
            for (Block b : blocks) parts.add(b.column(c));
            cols.add(concatColumns(parts));
        }
        return new Block(first.names(), cols, rows);
    }

    /** The block's rows sorted by the named key columns (stable; unsigned order for UInt types). */
    static Block sortBy(Block block, List<String> key) {
        int n = block.rows();
        Column[] keyCols = new Column[key.size()];
        for (int k = 0; k < keyCols.length; k++) keyCols[k] = block.column(indexOf(block, key.get(k)));
        Integer[] perm = new Integer[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Arrays.sort(perm, (a, b) -> {
            for (Column c : keyCols) {
                int r = compare(c, a, b);
                if (r != 0) return r;
            }
            return 0;
        });
        int[] idx = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            idx[i] = perm[i];
            sorted &= idx[i] == i;
        }
        return sorted ? block : select(block, idx);
    }

    /** Rows {@code idx[0], idx[1], ...} of the block. */
    static Block select(Block block, int[] idx) {
        List<Column> cols = new ArrayList<>(block.columnCount());
        for (Column c : block.columns()) cols.add(gather(c, idx));
        return new Block(block.names(), cols, idx.length);
    }

    static int indexOf(Block block, String name) {
        int i = block.names().indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column [name=" + name + ", columns=" + block.names() + "]");
        return i;
    }

    /** An estimate of the block's Native size in bytes, for batching limits. */
    static long estimateBytes(Block block) {
        long total = 0;
        for (Column c : block.columns()) total += estimateBytes(c);
        return total;
    }

    private static long estimateBytes(Column c) {
        return switch (c) {
            case LongColumn l -> 8L * l.size();
            case DoubleColumn d -> 8L * d.size();
            case BytesColumn b -> b.offsets()[b.size()] + (long) b.size();
            case FixedBytesColumn f -> (long) f.width() * f.size();
            case NullableColumn n -> n.size() + estimateBytes(n.inner());
            case ArrayColumn a -> 8L * a.size() + estimateBytes(a.elements());
            case TupleColumn t -> {
                long s = 0;
                for (Column e : t.elements()) s += estimateBytes(e);
                yield s;
            }
        };
    }

    private static int compare(Column c, int a, int b) {
        return switch (c) {
            case LongColumn l ->
                l.type().family().startsWith("UInt")
                        ? Long.compareUnsigned(l.values()[a], l.values()[b])
                        : Long.compare(l.values()[a], l.values()[b]);
            case DoubleColumn d -> Double.compare(d.values()[a], d.values()[b]);
            case BytesColumn s ->
                Arrays.compareUnsigned(
                        s.data(), s.start(a), s.start(a) + s.length(a), s.data(), s.start(b), s.start(b) + s.length(b));
            case FixedBytesColumn f ->
                Arrays.compareUnsigned(
                        f.data(), a * f.width(), (a + 1) * f.width(), f.data(), b * f.width(), (b + 1) * f.width());
            case NullableColumn n -> {
                if (n.isNull(a) || n.isNull(b)) yield Boolean.compare(n.isNull(a), n.isNull(b));
                yield compare(n.inner(), a, b);
            }
            default -> throw new IllegalArgumentException("cannot sort by a column of type " + c.type());
        };
    }

    static Column gather(Column c, int[] idx) {
        return Columns.gather(c, idx);
    }

    private static Column concatColumns(List<Column> parts) {
        int total = 0;
        for (Column p : parts) total += p.size();
        Column first = parts.getFirst();
        return switch (first) {
            case LongColumn l -> {
                long[] v = new long[total];
                int at = 0;
                for (Column p : parts) {
                    LongColumn x = (LongColumn) p;
                    System.arraycopy(x.values(), 0, v, at, x.size());
                    at += x.size();
                }
                yield new LongColumn(l.type(), v, total);
            }
            case DoubleColumn d -> {
                double[] v = new double[total];
                int at = 0;
                for (Column p : parts) {
                    DoubleColumn x = (DoubleColumn) p;
                    System.arraycopy(x.values(), 0, v, at, x.size());
                    at += x.size();
                }
                yield new DoubleColumn(d.type(), v, total);
            }
            case BytesColumn b -> {
                long bytes = 0;
                for (Column p : parts) bytes += ((BytesColumn) p).offsets()[p.size()];
                byte[] data = new byte[Math.toIntExact(bytes)];
                int[] offsets = new int[total + 1];
                int row = 0;
                int used = 0;
                for (Column p : parts) {
                    BytesColumn x = (BytesColumn) p;
                    int len = x.offsets()[x.size()];
                    System.arraycopy(x.data(), 0, data, used, len);
                    for (int i = 0; i < x.size(); i++) offsets[row + i + 1] = used + x.offsets()[i + 1];
                    row += x.size();
                    used += len;
                }
                yield new BytesColumn(b.type(), data, offsets, total);
            }
            case FixedBytesColumn f -> {
                byte[] data = new byte[total * f.width()];
                int at = 0;
                for (Column p : parts) {
                    FixedBytesColumn x = (FixedBytesColumn) p;
                    System.arraycopy(x.data(), 0, data, at, x.size() * f.width());
                    at += x.size() * f.width();
                }
                yield new FixedBytesColumn(f.type(), f.width(), data, total);
            }
            case NullableColumn nc -> {
                byte[] nulls = new byte[total];
                List<Column> inner = new ArrayList<>(parts.size());
                int at = 0;
                for (Column p : parts) {
                    NullableColumn x = (NullableColumn) p;
                    System.arraycopy(x.nullMap(), 0, nulls, at, x.size());
                    at += x.size();
                    inner.add(x.inner());
                }
                yield new NullableColumn(nc.type(), nulls, concatColumns(inner));
            }
            case ArrayColumn a -> {
                long[] offsets = new long[total];
                List<Column> elems = new ArrayList<>(parts.size());
                int row = 0;
                long base = 0;
                for (Column p : parts) {
                    ArrayColumn x = (ArrayColumn) p;
                    for (int i = 0; i < x.size(); i++) offsets[row + i] = base + x.offsets()[i];
                    row += x.size();
                    base += x.size() == 0 ? 0 : x.offsets()[x.size() - 1];
                    elems.add(x.elements());
                }
                yield new ArrayColumn(a.type(), offsets, concatColumns(elems), total);
            }
            case TupleColumn t -> {
                List<Column> e = new ArrayList<>(t.elements().size());
                for (int k = 0; k < t.elements().size(); k++) {
                    List<Column> kth = new ArrayList<>(parts.size());
                    for (Column p : parts) kth.add(((TupleColumn) p).elements().get(k));
                    e.add(concatColumns(kth));
                }
                yield new TupleColumn(t.type(), e, total);
            }
        };
    }
}
