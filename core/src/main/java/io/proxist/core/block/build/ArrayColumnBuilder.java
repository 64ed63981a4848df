package io.proxist.core.block.build;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Column;
import io.proxist.core.type.DataType;
import java.util.Arrays;

/**
 * Builds an {@link ArrayColumn}: Array(T), and Map(K, V) as an array of Tuple(K, V). A row is its elements
 * appended to {@link #elements()} followed by {@link #endArray()}.
 */
public final class ArrayColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder elements;
    private long[] offsets = new long[16];
    private int size;

    ArrayColumnBuilder(DataType type, ColumnBuilder elements) {
        super(type);
        this.elements = elements;
    }

    /** The builder of the elements of every row, one after another (for a Map, a Tuple(K, V) builder). */
    public ColumnBuilder elements() {
        return elements;
    }

    /** Ends the row: its elements are those appended to {@link #elements()} since the previous row's end. */
    public void endArray() {
        if (size == offsets.length) offsets = Arrays.copyOf(offsets, grow(offsets.length, size + 1));
        offsets[size++] = elements.size();
    }

    /** Elements of the row being built so far. */
    public int openElements() {
        return elements.size() - (int) end(size);
    }

    private long end(int rows) {
        return rows == 0 ? 0 : offsets[rows - 1];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void appendDefault() {
        elements.truncate((int) end(size));
        endArray();
    }

    @Override
    public void truncate(int rows) {
        checkRows(rows, size);
        size = rows;
        elements.truncate((int) end(rows));
    }

    @Override
    public ArrayColumn build() {
        int n = (int) end(size);
        if (elements.size() != n) elements.truncate(n);
        ArrayColumn c = new ArrayColumn(type, Arrays.copyOf(offsets, size), elements.build(), size);
        size = 0;
        return c;
    }

    @Override
    public long byteSize() {
        return 8L * size + elements.byteSize();
    }

    @Override
    public void appendFrom(Column source, int from, int to) {
        if (!(source instanceof ArrayColumn a)) throw kindMismatch(source);
        checkRange(source, from, to);
        if (from == to) return;
        elements.truncate((int) end(size));
        int count = to - from;
        if (size + count > offsets.length) offsets = Arrays.copyOf(offsets, grow(offsets.length, size + count));
        long base = a.start(from);
        long shift = elements.size() - base;
        for (int i = from; i < to; i++) offsets[size++] = a.offsets()[i] + shift;
        elements.appendFrom(a.elements(), (int) base, a.end(to - 1));
    }
}
