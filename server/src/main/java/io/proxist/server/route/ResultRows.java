package io.proxist.server.route;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.type.DataType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small result built row by row from Java values (String, a Number, Boolean, or null for a Nullable column),
 * turned into one {@link Block} of the declared names and ClickHouse types.
 */
final class ResultRows {
    /** A result column: its name and ClickHouse type. */
    record Col(String name, DataType type) {
        static Col of(String name, String type) {
            return new Col(name, DataType.parse(type));
        }
    }

    private final List<Col> cols;
    private final List<Object[]> rows = new ArrayList<>();

    ResultRows(List<Col> cols) {
        this.cols = List.copyOf(cols);
    }

    static List<String> names(List<Col> cols) {
        List<String> out = new ArrayList<>();
        for (Col c : cols) out.add(c.name());
        return out;
    }

    void add(Object... values) {
        if (values.length != cols.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + cols.size() + " columns");
        }
        rows.add(values.clone());
    }

    void sort(Comparator<Object[]> order) {
        rows.sort(order);
    }

    /** Keeps the first {@code n} rows. */
    void limit(long n) {
        while (rows.size() > n) rows.removeLast();
    }

    /** Orders rows by the string values of the given columns, then the rest unchanged (a stable sort). */
    static Comparator<Object[]> byStrings(int... columns) {
        Comparator<Object[]> c = (a, b) -> 0;
        for (int i : columns) {
            c = c.thenComparing(
                    r -> r[i] == null ? "" : r[i].toString(),
                    Comparator.comparing(ResultRows::utf8, ResultRows::bytes));
        }
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** ClickHouse orders strings by their bytes, unsigned. */
    private static int bytes(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    Block block() {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (Object[] r : rows) values.add(r[c]);
            columns.add(column(cols.get(c).type(), values));
        }
        return new Block(names(cols), columns, rows.size());
    }

    BlockCursor cursor() {
        return new LocalAnswers.OneBlock(block());
    }

    private static Column column(DataType t, List<Object> values) {
        int n = values.size();
        if (t.is("Nullable")) {
            byte[] nulls = new byte[n];
            List<Object> inner = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object v = values.get(i);
                nulls[i] = (byte) (v == null ? 1 : 0);
                inner.add(v);
            }
            return new NullableColumn(t, nulls, column(t.inner(), inner));
        }
        return switch (ColumnKind.of(t)) {
            case STRING -> {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                int[] offsets = new int[n + 1];
                for (int i = 0; i < n; i++) {
                    Object v = values.get(i);
                    if (v != null) data.writeBytes(utf8(v.toString()));
                    offsets[i + 1] = data.size();
                }
                yield new BytesColumn(t, data.toByteArray(), offsets, n);
            }
            case INT -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    Object o = values.get(i);
                    v[i] = switch (o) {
                        case null -> 0;
                        case Boolean b -> b ? 1 : 0;
                        case Number num -> num.longValue();
                        default -> throw new IllegalArgumentException("not a number for " + t + ": " + o);
                    };
                }
                yield new LongColumn(t, v, n);
            }
            case FLOAT -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    Object o = values.get(i);
                    v[i] = o == null ? 0 : ((Number) o).doubleValue();
                }
                yield new DoubleColumn(t, v, n);
            }
            default -> throw new IllegalArgumentException("ResultRows does not build columns of " + t);
        };
    }
}
