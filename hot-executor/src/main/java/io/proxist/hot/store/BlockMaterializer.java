package io.proxist.hot.store;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies row ranges of chunks into a core {@link Block} (columns as their plain types: LowCardinality values as
 * strings, series keys repeated per row): the hand-over from the hot store to encoders, the flusher and snapshots.
 * Reusable: {@link #build()} leaves it empty. Not thread-safe.
 */
public final class BlockMaterializer {
    private final TableLayout layout;
    private final int[] columns;
    private final int[] seriesPart;
    private final ColumnBuilder[] builders;
    private final List<String> names = new ArrayList<>();
    private int rows;

    /** Materialises every stored column. */
    public BlockMaterializer(TableLayout layout) {
        this(layout, allNames(layout));
    }

    /** Materialises the named columns, in this order. */
    public BlockMaterializer(TableLayout layout, List<String> columnNames) {
        this.layout = layout;
        this.columns = new int[columnNames.size()];
        this.seriesPart = new int[columns.length];
        this.builders = new ColumnBuilder[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = layout.columnIndex(columnNames.get(i));
            if (c < 0) throw new IllegalArgumentException("no column " + columnNames.get(i) + " in " + layout.table());
            columns[i] = c;
            seriesPart[i] = -1;
            for (int p = 0; p < layout.seriesKeyParts(); p++) if (layout.seriesColumn(p) == c) seriesPart[i] = p;
            builders[i] = ColumnBuilder.forType(layout.column(c).type());
            names.add(columnNames.get(i));
        }
    }

    private static List<String> allNames(TableLayout layout) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < layout.columnCount(); i++) n.add(layout.column(i).name());
        return n;
    }

    /** Appends rows {@code [lo, hi)} of {@code chunk}, a chunk of series {@code seriesNo} of {@code snap}. */
    public void append(TableSnapshot snap, int seriesNo, Chunk chunk, int lo, int hi) {
        for (int i = 0; i < columns.length; i++) {
            if (seriesPart[i] >= 0) {
                int id = snap.series(seriesNo).keyId(seriesPart[i]);
                byte[] v = layout.column(columns[i]).dictionary().bytes(id);
                BytesColumnBuilder b = (BytesColumnBuilder) builders[i];
                for (int r = lo; r < hi; r++) b.appendBytes(v, 0, v.length);
            } else {
                chunk.vec(columns[i]).materialize(builders[i], lo, hi);
            }
        }
        rows += hi - lo;
    }

    public int rows() {
        return rows;
    }

    /** The block of the rows appended; the materializer is left empty. */
    public Block build() {
        List<Column> cols = new ArrayList<>(builders.length);
        for (ColumnBuilder b : builders) cols.add(b.build());
        Block block = new Block(names, cols, rows);
        rows = 0;
        return block;
    }
}
