package io.proxist.formats.output;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts blocks into row ranges, to check that the block boundaries do not change the bytes. */
final class Slicer {
    private Slicer() {}

    static Block rows(Block b, int from, int to) {
        List<Column> columns = new ArrayList<>();
        for (Column c : b.columns()) columns.add(rows(c, from, to));
        return new Block(b.names(), columns, to - from);
    }

    /** The block cut into blocks of {@code size} rows (the last may be shorter). */
    static List<Block> split(Block b, int size) {
        List<Block> out = new ArrayList<>();
        for (int from = 0; from < b.rows(); from += size) out.add(rows(b, from, Math.min(b.rows(), from + size)));
        return out;
    }

    static Column rows(Column c, int from, int to) {
        int n = to - from;
        return switch (c) {
            case LongColumn l -> new LongColumn(l.type(), Arrays.copyOfRange(l.values(), from, to), n);
            case DoubleColumn d -> new DoubleColumn(d.type(), Arrays.copyOfRange(d.values(), from, to), n);
            case BytesColumn s -> {
                int[] offsets = new int[n + 1];
                for (int i = 0; i <= n; i++) offsets[i] = s.offsets()[from + i] - s.offsets()[from];
                yield new BytesColumn(
                        s.type(), Arrays.copyOfRange(s.data(), s.offsets()[from], s.offsets()[to]), offsets, n);
            }
            case FixedBytesColumn f ->
                new FixedBytesColumn(
                        f.type(), f.width(), Arrays.copyOfRange(f.data(), from * f.width(), to * f.width()), n);
            case NullableColumn nc ->
                new NullableColumn(nc.type(), Arrays.copyOfRange(nc.nullMap(), from, to), rows(nc.inner(), from, to));
            case ArrayColumn a -> {
                int start = a.start(from);
                int end = n == 0 ? start : a.end(to - 1);
                long[] offsets = new long[n];
                for (int i = 0; i < n; i++) offsets[i] = a.offsets()[from + i] - start;
                yield new ArrayColumn(a.type(), offsets, rows(a.elements(), start, end), n);
            }
            case TupleColumn t -> {
                List<Column> elements = new ArrayList<>();
                for (Column e : t.elements()) elements.add(rows(e, from, to));
                yield new TupleColumn(t.type(), elements, n);
            }
        };
    }
}
