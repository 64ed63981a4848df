package io.proxist.core.block.build;

import io.proxist.core.block.Column;
import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.Columns;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills one {@link Column} value by value. There is one builder per physical kind (see {@link ColumnKind}); {@link
 * #forType(DataType)} picks it. Storage grows amortised (doubling), appends take primitives, so the data path does
 * not box.
 *
 * <p>Rows are all or nothing: a decoder that fails (or runs out of input) halfway through a row calls {@link
 * #truncate(int)} with the number of complete rows, which also drops whatever a nested builder (array elements,
 * tuple members, the value under a null flag) received for the broken row.
 *
 * <p>{@link #build()} returns an immutable column holding exactly the rows appended and leaves the builder empty,
 * ready for the next block; it keeps its storage for reuse. Builders are not thread-safe.
 */
public abstract sealed class ColumnBuilder
        permits LongColumnBuilder,
                DoubleColumnBuilder,
                BytesColumnBuilder,
                FixedBytesColumnBuilder,
                NullableColumnBuilder,
                ArrayColumnBuilder,
                TupleColumnBuilder {

    /** Largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    final DataType type;

    ColumnBuilder(DataType type) {
        this.type = type;
    }

    /** A builder for columns of {@code type}; LowCardinality is removed wherever it nests (columns hold values). */
    public static ColumnBuilder forType(DataType type) {
        DataType t = Columns.plainType(type);
        return switch (ColumnKind.of(t)) {
            case INT -> new LongColumnBuilder(t);
            case FLOAT -> new DoubleColumnBuilder(t);
            case STRING -> new BytesColumnBuilder(t);
            case FIXED -> new FixedBytesColumnBuilder(t, ColumnKind.width(t));
            case NULLABLE -> new NullableColumnBuilder(t, forType(t.inner()));
            case ARRAY -> new ArrayColumnBuilder(t, forType(t.inner()));
            case MAP -> new ArrayColumnBuilder(t, forType(mapEntryType(t)));
            case TUPLE -> {
                List<ColumnBuilder> elements = new ArrayList<>();
                for (DataType e : t.innerTypes()) elements.add(forType(e));
                yield new TupleColumnBuilder(t, elements);
            }
            case LOW_CARDINALITY -> throw new IllegalStateException("plainType removed LowCardinality: " + t);
        };
    }

    /** The element type of a Map(K, V) column: Tuple(K, V). */
    public static DataType mapEntryType(DataType map) {
        List<DataType> kv = map.innerTypes();
        return DataType.parse("Tuple(" + kv.get(0) + ", " + kv.get(1) + ")");
    }

    /** The column type (LowCardinality removed). */
    public final DataType type() {
        return type;
    }

    /** Rows appended since the last {@link #build()}. */
    public abstract int size();

    /** Appends the type's default: 0, empty string, zero bytes, NULL, empty array, a tuple of defaults. */
    public abstract void appendDefault();

    /** Keeps the first {@code rows} rows and drops the rest, including partial values of nested builders. */
    public abstract void truncate(int rows);

    /** The column of the rows appended; the builder is left empty. */
    public abstract Column build();

    /** Approximate bytes held by the rows appended (for block size limits). */
    public abstract long byteSize();

    /**
     * Appends rows {@code [from, to)} of {@code source}, a column of the same physical kind (as read by a Native
     * reader or built by another builder of this type).
     */
    public abstract void appendFrom(Column source, int from, int to);

    static int grow(int capacity, int needed) {
        if (needed < 0 || needed > MAX_ARRAY) {
            throw new io.proxist.core.error.ProxistException(
                    io.proxist.core.error.ErrorCode.MEMORY_LIMIT_EXCEEDED,
                    "column larger than the largest array [needed=" + Integer.toUnsignedString(needed) + "]");
        }
        long next = Math.max(16L, Math.max((long) capacity * 2, needed));
        return (int) Math.min(next, MAX_ARRAY);
    }

    static void checkRows(int rows, int size) {
        if (rows < 0 || rows > size) {
            throw new IllegalArgumentException("cannot truncate to " + rows + " rows, the builder has " + size);
        }
    }

    static void checkRange(Column source, int from, int to) {
        if (from < 0 || to < from || to > source.size()) {
            throw new IllegalArgumentException(
                    "rows [" + from + ", " + to + ") outside a column of " + source.size() + " rows");
        }
    }

    IllegalArgumentException kindMismatch(Column source) {
        return new IllegalArgumentException("cannot append a "
                + source.getClass().getSimpleName() + " of " + source.type() + " to a builder of " + type);
    }
}
