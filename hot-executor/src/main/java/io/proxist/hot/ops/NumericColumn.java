package io.proxist.hot.ops;

import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.TableLayout;
import io.proxist.hot.store.VecKind;

/**
 * A plan-time binding of a numeric table column: its index and whether chunks hold it as {@code double[]} (Float32,
 * Float64) or {@code long[]} (every integer-like type, DateTime64 included). Operators fetch the array once per
 * chunk range: {@link #doubles(Chunk)} is null for a long column and {@link #longs(Chunk)} for a double column.
 */
public final class NumericColumn {
    private final String name;
    private final int index;
    private final boolean isDouble;

    private NumericColumn(String name, int index, boolean isDouble) {
        this.name = name;
        this.index = index;
        this.isDouble = isDouble;
    }

    /** Binds column {@code name} of {@code layout}; it must be stored as a {@code long[]} or {@code double[]}. */
    public static NumericColumn of(TableLayout layout, String name) {
        int i = layout.columnIndex(name);
        if (i < 0)
            throw new IllegalArgumentException("no such column [name=" + name + ", table=" + layout.table() + "]");
        VecKind k = layout.column(i).kind();
        if (k != VecKind.LONG && k != VecKind.DOUBLE) {
            throw new IllegalArgumentException(
                    "not a numeric column [name=" + name + ", kind=" + k + ", table=" + layout.table() + "]");
        }
        return new NumericColumn(name, i, k == VecKind.DOUBLE);
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public boolean isDouble() {
        return isDouble;
    }

    /** The chunk's {@code double[]} of this column, or null when it is a long column. */
    public double[] doubles(Chunk c) {
        return isDouble ? c.doubles(index) : null;
    }

    /** The chunk's {@code long[]} of this column, or null when it is a double column. */
    public long[] longs(Chunk c) {
        return isDouble ? null : c.longs(index);
    }

    /** One value as a double (long values above 2^53 round). Not for inner loops over many rows. */
    public double get(Chunk c, int row) {
        return isDouble ? c.doubles(index)[row] : (double) c.longs(index)[row];
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + (isDouble ? ", double]" : ", long]");
    }
}
