package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Functions of a timestamp (UTC nanoseconds): {@code toStartOfInterval(ts, INTERVAL n unit)} for fixed-length units
 * (and {@code toStartOfSecond/Minute/FiveMinutes/Hour/Day}, which are the same with a given width), {@code toDate},
 * {@code toUnixTimestamp64Nano}. Buckets are aligned on the epoch and floor negative times, as ClickHouse does.
 */
public final class TimeFunc extends Expr {
    static final long DAY = 86_400_000_000_000L;

    public enum Kind {
        START_OF_INTERVAL,
        TO_DATE,
        UNIX_NANOS
    }

    private final Kind kind;
    private final Expr ts;
    private final long width;
    private final String name;

    public TimeFunc(Kind kind, Expr ts, long width, String name) {
        if (!ValueKind.isTimestamp(ts.type()))
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Illegal type " + ts.type() + " of first argument of function " + name
                            + ": a DateTime64 column is expected");
        if (kind == Kind.START_OF_INTERVAL && width <= 0)
            throw new ProxistException(
                    ErrorCode.BAD_ARGUMENTS, "Value for second argument of function " + name + " must be positive");
        this.kind = kind;
        this.ts = ts;
        this.width = kind == Kind.TO_DATE ? DAY : width;
        this.name = name;
    }

    public Kind timeKind() {
        return kind;
    }

    public long width() {
        return width;
    }

    @Override
    public DataType type() {
        return switch (kind) {
            case START_OF_INTERVAL -> Vectors.TIMESTAMP;
            case TO_DATE -> Vectors.DATE;
            case UNIX_NANOS -> Vectors.INT64;
        };
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        long[] v = Vectors.longs(ts.eval(in)), out = new long[n];
        switch (kind) {
            case START_OF_INTERVAL -> {
                for (int i = 0; i < n; i++) out[i] = Math.floorDiv(v[i], width) * width;
            }
            case TO_DATE -> {
                for (int i = 0; i < n; i++) out[i] = Math.floorDiv(v[i], DAY);
            }
            case UNIX_NANOS -> System.arraycopy(v, 0, out, 0, n);
        }
        return new LongColumn(type(), out, n);
    }

    @Override
    public SqlNode toSql(Backend backend) {
        SqlNode t = ts.toSql(backend);
        if (backend.dateTime64()) {
            return switch (kind) {
                case START_OF_INTERVAL ->
                    Sql.call("toStartOfInterval", t, Sql.call("toIntervalNanosecond", Sql.num(width)));
                case TO_DATE -> Sql.call("toDate", t);
                case UNIX_NANOS -> Sql.call("toUnixTimestamp64Nano", t);
            };
        }
        // Int64 nanoseconds: floor division written so negative times floor as well
        return switch (kind) {
            case START_OF_INTERVAL -> Sql.op(SqlStdOperatorTable.MULTIPLY, floorDiv(t, width), Sql.num(width));
            case TO_DATE -> floorDiv(t, DAY);
            case UNIX_NANOS -> t;
        };
    }

    private static SqlNode floorDiv(SqlNode t, long w) {
        // intDiv truncates toward zero; subtracting (w - 1) first for negative values floors them
        SqlNode neg = Sql.op(SqlStdOperatorTable.LESS_THAN, t, Sql.num(0L));
        return Sql.call(
                "intDiv", Sql.call("if", neg, Sql.op(SqlStdOperatorTable.MINUS, t, Sql.num(w - 1)), t), Sql.num(w));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void columns(List<String> out) {
        ts.columns(out);
    }
}
