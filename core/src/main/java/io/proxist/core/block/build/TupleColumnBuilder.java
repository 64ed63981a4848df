package io.proxist.core.block.build;

import io.proxist.core.block.Column;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link TupleColumn}: a row is one value appended to each {@link #element(int)}, then {@link #endTuple()}. */
public final class TupleColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder[] elements;
    private int size;

    TupleColumnBuilder(DataType type, List<ColumnBuilder> elements) {
        super(type);
        this.elements = elements.toArray(new ColumnBuilder[0]);
    }

    public int arity() {
        return elements.length;
    }

    public ColumnBuilder element(int i) {
        return elements[i];
    }

    /** Ends the row once every element has its value. */
    public void endTuple() {
        for (ColumnBuilder e : elements) {
            if (e.size() != size + 1) {
                throw new IllegalStateException("tuple element has " + e.size() + " rows, expected " + (size + 1));
            }
        }
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        for (ColumnBuilder e : elements) {
            e.truncate(size);
            e.appendDefault();
        }
        size++;
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
        for (ColumnBuilder e : elements) e.truncate(Math.min(rows, e.size()));
    }

    @Override
    public TupleColumn build() {
        List<Column> cols = new ArrayList<>(elements.length);
        for (ColumnBuilder e : elements) {
            if (e.size() != size) e.truncate(size);
            cols.add(e.build());
        }
        TupleColumn c = new TupleColumn(type, cols, size);
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        long n = 0;
        for (ColumnBuilder e : elements) n += e.byteSize();
        return n;
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof TupleColumn t) || t.elements().size() != elements.length) throw kindMismatch(source);
        checkRange(source, from, to);
        for (int i = 0; i < elements.length; i++) {
            elements[i].truncate(size);
            elements[i].appendFrom(t.elements().get(i), from, to);
        }
        size += to - from;
    }
}
