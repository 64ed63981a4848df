package io.proxist.core.block;

import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/** Helpers over columns that are not the job of one column class. */
public final class Columns {
    private Columns() {}

    /** The type a column is held as: LowCardinality removed wherever it nests. */
    public static DataType plainType(DataType t) {
        return t.contains("LowCardinality") ? t.rewrite(x -> x.is("LowCardinality") ? x.inner() : x) : t;
    }

    /** A column of {@code type} with no rows. */
    public static Column empty(DataType wireType) {
        DataType type = plainType(wireType);
        return switch (ColumnKind.of(type)) {
            case INT -> new LongColumn(type, new long[0], 0);
            case FLOAT -> new DoubleColumn(type, new double[0], 0);
            case STRING -> new BytesColumn(type, new byte[0], new int[1], 0);
            case FIXED -> new FixedBytesColumn(type, ColumnKind.width(type), new byte[0], 0);
            case NULLABLE -> new NullableColumn(type, new byte[0], empty(type.inner()));
            case ARRAY -> new ArrayColumn(type, new long[0], empty(type.inner()), 0);
            case MAP ->
                new ArrayColumn(
                        type,
                        new long[0],
                        empty(DataType.parse("Tuple(" + type.innerTypes().get(0) + ", "
                                + type.innerTypes().get(1) + ")")),
                        0);
            case TUPLE -> {
                List<Column> e = new ArrayList<>();
                for (DataType t : type.innerTypes()) e.add(empty(t));
                yield new TupleColumn(type, e, 0);
            }
            case LOW_CARDINALITY -> throw new IllegalStateException("plainType removed LowCardinality: " + type);
        };
    }

    /** Rows {@code idx[0], idx[1], ...} of a column, in that order (nested columns included). */
    public static Column gather(Column c, int[] idx) {
        int n = idx.length;
        return switch (c) {
            case LongColumn l -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = l.values()[idx[i]];
                yield new LongColumn(l.type(), v, n);
            }
            case DoubleColumn d -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = d.values()[idx[i]];
                yield new DoubleColumn(d.type(), v, n);
            }
            case BytesColumn b -> {
                long total = 0;
                for (int i : idx) total += b.length(i);
                byte[] data = new byte[Math.toIntExact(total)];
                int[] offsets = new int[n + 1];
                int used = 0;
                for (int i = 0; i < n; i++) {
                    int len = b.length(idx[i]);
                    System.arraycopy(b.data(), b.start(idx[i]), data, used, len);
                    used += len;
                    offsets[i + 1] = used;
                }
                yield new BytesColumn(b.type(), data, offsets, n);
            }
            case FixedBytesColumn f -> {
                byte[] data = new byte[n * f.width()];
                for (int i = 0; i < n; i++)
                    System.arraycopy(f.data(), idx[i] * f.width(), data, i * f.width(), f.width());
                yield new FixedBytesColumn(f.type(), f.width(), data, n);
            }
            case NullableColumn nc -> {
                byte[] nulls = new byte[n];
                for (int i = 0; i < n; i++) nulls[i] = nc.nullMap()[idx[i]];
                yield new NullableColumn(nc.type(), nulls, gather(nc.inner(), idx));
            }
            case ArrayColumn a -> {
                long total = 0;
                for (int i : idx) total += a.end(i) - a.start(i);
                int[] elements = new int[Math.toIntExact(total)];
                long[] offsets = new long[n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    for (int e = a.start(idx[i]); e < a.end(idx[i]); e++) elements[k++] = e;
                    offsets[i] = k;
                }
                yield new ArrayColumn(a.type(), offsets, gather(a.elements(), elements), n);
            }
            case TupleColumn t -> {
                List<Column> e = new ArrayList<>(t.elements().size());
                for (Column el : t.elements()) e.add(gather(el, idx));
                yield new TupleColumn(t.type(), e, n);
            }
        };
    }

    /**
     * The column with its type replaced by {@code type}, which must have the same physical layout (a DateTime
     * gaining its time zone, say); nested columns follow the nested types.
     */
    public static Column withType(Column c, DataType type) {
        if (c.type().equals(type)) return c;
        return switch (c) {
            case LongColumn l -> new LongColumn(type, l.values(), l.size());
            case DoubleColumn d -> new DoubleColumn(type, d.values(), d.size());
            case BytesColumn b -> new BytesColumn(type, b.data(), b.offsets(), b.size());
            case FixedBytesColumn f -> new FixedBytesColumn(type, f.width(), f.data(), f.size());
            case NullableColumn n -> new NullableColumn(type, n.nullMap(), withType(n.inner(), type.inner()));
            case ArrayColumn a ->
                type.is("Map")
                        ? new ArrayColumn(type, a.offsets(), a.elements(), a.size())
                        : new ArrayColumn(type, a.offsets(), withType(a.elements(), type.inner()), a.size());
            case TupleColumn t -> {
                List<Column> e = new ArrayList<>();
                List<DataType> inner = type.innerTypes();
                for (int i = 0; i < t.elements().size(); i++)
                    e.add(withType(t.elements().get(i), inner.get(i)));
                yield new TupleColumn(type, e, t.size());
            }
        };
    }
}
