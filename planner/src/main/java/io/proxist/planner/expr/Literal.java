package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * A constant: a number or string as written, or a value folded at plan time (a timestamp from {@code now64()} or
 * {@code toDateTime64('...', 9)}, an interval in nanoseconds).
 */
public final class Literal extends Expr {
    private final DataType type;
    private final long l;
    private final double d;
    private final byte[] bytes;
    private final String name;

    private Literal(DataType type, long l, double d, byte[] bytes, String name) {
        this.type = type;
        this.l = l;
        this.d = d;
        this.bytes = bytes;
        this.name = name;
    }

    public static Literal ofLong(DataType type, long v, String name) {
        return new Literal(type, v, v, null, name);
    }

    public static Literal ofDouble(double v, String name) {
        return new Literal(Vectors.FLOAT64, (long) v, v, null, name);
    }

    public static Literal ofString(String v) {
        return new Literal(Vectors.STRING, 0, 0, v.getBytes(StandardCharsets.UTF_8), "'" + v.replace("'", "\\'") + "'");
    }

    /** A timestamp in UTC nanoseconds (DateTime64(9, 'UTC')). */
    public static Literal ofTimestamp(long ns, String name) {
        return new Literal(Vectors.TIMESTAMP, ns, ns, null, name);
    }

    /** An interval of a fixed length in nanoseconds. */
    public static Literal ofInterval(long ns, String name) {
        return new Literal(DataType.of("IntervalNanosecond"), ns, ns, null, name);
    }

    public boolean isInterval() {
        return type.is("IntervalNanosecond");
    }

    public long longValue() {
        return l;
    }

    public double doubleValue() {
        return d;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String stringValue() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public Column eval(Block in) {
        int rows = in.rows();
        if (bytes != null) return Vectors.constBytes(type, bytes, rows);
        if (type.is("Float64") || type.is("Float32")) return Vectors.constDouble(type, d, rows);
        return Vectors.constLong(type, l, rows);
    }

    @Override
    public SqlNode toSql(Backend backend) {
        if (bytes != null) return Sql.str(stringValue());
        if (type.is("Float64")) return Sql.num(d);
        if (ValueKind.isTimestamp(type) && backend.dateTime64())
            return Sql.call("fromUnixTimestamp64Nano", Sql.call("toInt64", Sql.num(l)));
        if (isInterval()) return Sql.call("toIntervalNanosecond", Sql.num(l));
        if (ValueKind.isUnsigned(type) && l < 0) return Sql.call("toUInt64", Sql.str(Long.toUnsignedString(l)));
        return Sql.num(l);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void columns(List<String> out) {}
}
