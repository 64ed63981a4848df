package io.proxist.planner.expr;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Conversions between the evaluated column representations. */
public final class Vectors {
    private Vectors() {}

    public static final DataType UINT8 = DataType.of("UInt8");
    public static final DataType INT64 = DataType.of("Int64");
    public static final DataType UINT64 = DataType.of("UInt64");
    public static final DataType FLOAT64 = DataType.of("Float64");
    public static final DataType STRING = DataType.of("String");
    public static final DataType DATE = DataType.of("Date");
    public static final DataType TIMESTAMP = DataType.parse("DateTime64(9, 'UTC')");

    public static long[] longs(Column c) {
        return switch (c) {
            case LongColumn l -> l.values();
            case DoubleColumn d -> {
                long[] out = new long[d.size()];
                for (int i = 0; i < out.length; i++) out[i] = (long) d.values()[i];
                yield out;
            }
            default -> throw new IllegalStateException("not numeric: " + c.type());
        };
    }

    public static double[] doubles(Column c) {
        return switch (c) {
            case DoubleColumn d -> d.values();
            case LongColumn l -> {
                double[] out = new double[l.size()];
                boolean unsigned = ValueKind.isUnsigned(l.type());
                for (int i = 0; i < out.length; i++) {
                    long v = l.values()[i];
                    out[i] = unsigned && v < 0 ? unsignedToDouble(v) : v;
                }
                yield out;
            }
            default -> throw new IllegalStateException("not numeric: " + c.type());
        };
    }

    /** Value {@code i} of a numeric column as a double (unsigned integers read as such), without copying. */
    public static double dbl(Column c, int i) {
        return switch (c) {
            case DoubleColumn d -> d.values()[i];
            case LongColumn l -> {
                long v = l.values()[i];
                yield v < 0 && ValueKind.isUnsigned(l.type()) ? unsignedToDouble(v) : v;
            }
            default -> throw new IllegalStateException("not numeric: " + c.type());
        };
    }

    /** Value {@code i} of a numeric column as a long, without copying. */
    public static long lng(Column c, int i) {
        return switch (c) {
            case LongColumn l -> l.values()[i];
            case DoubleColumn d -> (long) d.values()[i];
            default -> throw new IllegalStateException("not numeric: " + c.type());
        };
    }

    static double unsignedToDouble(long v) {
        return (double) (v >>> 1) * 2.0 + (v & 1);
    }

    public static LongColumn constLong(DataType t, long v, int rows) {
        long[] a = new long[rows];
        Arrays.fill(a, v);
        return new LongColumn(t, a, rows);
    }

    public static DoubleColumn constDouble(DataType t, double v, int rows) {
        double[] a = new double[rows];
        Arrays.fill(a, v);
        return new DoubleColumn(t, a, rows);
    }

    public static BytesColumn constBytes(DataType t, byte[] v, int rows) {
        byte[] data = new byte[v.length * rows];
        int[] off = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v, 0, data, i * v.length, v.length);
            off[i + 1] = (i + 1) * v.length;
        }
        return new BytesColumn(t, data, off, rows);
    }

    /** Compares value {@code i} of {@code a} with value {@code j} of {@code b} as unsigned bytes (memcmp). */
    public static int compareBytes(BytesColumn a, int i, BytesColumn b, int j) {
        return Arrays.compareUnsigned(
                a.data(), a.start(i), a.start(i) + a.length(i), b.data(), b.start(j), b.start(j) + b.length(j));
    }

    public static int compareBytes(BytesColumn a, int i, byte[] v) {
        return Arrays.compareUnsigned(a.data(), a.start(i), a.start(i) + a.length(i), v, 0, v.length);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
