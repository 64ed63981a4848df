package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/** Arithmetic on two operands, with ClickHouse's result types (simplified: see {@link #resultType}). */
public final class Arith extends Expr {
    public enum Op {
        PLUS("plus"),
        MINUS("minus"),
        MULTIPLY("multiply"),
        DIVIDE("divide"),
        MODULO("modulo"),
        INT_DIV("intDiv");

        final String function;

        Op(String function) {
            this.function = function;
        }
    }

    private final Op op;
    private final Expr a;
    private final Expr b;
    private final DataType type;

    public Arith(Op op, Expr a, Expr b) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.type = resultType(op, a.type(), b.type());
    }

    /**
     * Float64 for division and for any float operand; a timestamp plus or minus an interval stays a timestamp; two
     * unsigned integers give UInt64, other integers Int64 (ClickHouse widens less eagerly: the values are the same
     * unless they overflow 64 bits).
     */
    static DataType resultType(Op op, DataType x, DataType y) {
        boolean xi = x.is("IntervalNanosecond"), yi = y.is("IntervalNanosecond");
        if (xi || yi) {
            DataType other = xi ? y : x;
            if (!ValueKind.isTimestamp(other) || !(op == Op.PLUS || op == Op.MINUS) || (xi && op == Op.MINUS))
                throw new ProxistException(
                        ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal types " + x + " and " + y + " of arguments of function " + op.function);
            return other;
        }
        if (ValueKind.of(x) == ValueKind.STRING || ValueKind.of(y) == ValueKind.STRING)
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Illegal types " + x + " and " + y + " of arguments of function " + op.function);
        if (op == Op.DIVIDE || ValueKind.of(x) == ValueKind.DOUBLE || ValueKind.of(y) == ValueKind.DOUBLE)
            return op == Op.INT_DIV ? Vectors.INT64 : Vectors.FLOAT64;
        if (ValueKind.isTimestamp(x) || ValueKind.isTimestamp(y)) return Vectors.INT64;
        return ValueKind.isUnsigned(x) && ValueKind.isUnsigned(y) ? Vectors.UINT64 : Vectors.INT64;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        Column ca = a.eval(in), cb = b.eval(in);
        if (kind() == ValueKind.DOUBLE) {
            double[] x = Vectors.doubles(ca), y = Vectors.doubles(cb), out = new double[n];
            switch (op) {
                case PLUS -> {
                    for (int i = 0; i < n; i++) out[i] = x[i] + y[i];
                }
                case MINUS -> {
                    for (int i = 0; i < n; i++) out[i] = x[i] - y[i];
                }
                case MULTIPLY -> {
                    for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
                }
                case DIVIDE -> {
                    for (int i = 0; i < n; i++) out[i] = x[i] / y[i];
                }
                case MODULO -> {
                    for (int i = 0; i < n; i++) out[i] = x[i] % y[i];
                }
                case INT_DIV -> throw new IllegalStateException();
            }
            return new DoubleColumn(type, out, n);
        }
        long[] x = Vectors.longs(ca), y = Vectors.longs(cb), out = new long[n];
        if (op == Op.INT_DIV
                && kind() == ValueKind.LONG
                && (ValueKind.of(a.type()) == ValueKind.DOUBLE || ValueKind.of(b.type()) == ValueKind.DOUBLE)) {
            double[] dx = Vectors.doubles(ca), dy = Vectors.doubles(cb);
            for (int i = 0; i < n; i++) {
                if (dy[i] == 0) throw divisionByZero();
                out[i] = (long) Math.floor(dx[i] / dy[i]);
            }
            return new LongColumn(type, out, n);
        }
        boolean unsigned = type.is("UInt64");
        switch (op) {
            case PLUS -> {
                for (int i = 0; i < n; i++) out[i] = x[i] + y[i];
            }
            case MINUS -> {
                for (int i = 0; i < n; i++) out[i] = x[i] - y[i];
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) out[i] = x[i] * y[i];
            }
            case MODULO -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) throw divisionByZero();
                    out[i] = unsigned ? Long.remainderUnsigned(x[i], y[i]) : x[i] % y[i];
                }
            }
            case INT_DIV -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) throw divisionByZero();
                    out[i] = unsigned ? Long.divideUnsigned(x[i], y[i]) : x[i] / y[i];
                }
            }
            case DIVIDE -> throw new IllegalStateException();
        }
        return new LongColumn(type, out, n);
    }

    private static ProxistException divisionByZero() {
        return new ProxistException(ErrorCode.ILLEGAL_DIVISION, "Division by zero");
    }

    @Override
    public SqlNode toSql(Backend backend) {
        SqlNode x = operand(a, backend), y = operand(b, backend);
        return switch (op) {
            case PLUS -> Sql.op(SqlStdOperatorTable.PLUS, x, y);
            case MINUS -> Sql.op(SqlStdOperatorTable.MINUS, x, y);
            case MULTIPLY -> Sql.op(SqlStdOperatorTable.MULTIPLY, x, y);
            case DIVIDE -> Sql.op(SqlStdOperatorTable.DIVIDE, x, y);
            case MODULO, INT_DIV -> Sql.call(op.function, x, y);
        };
    }

    private static SqlNode operand(Expr e, Backend backend) {
        if (!backend.dateTime64() && e instanceof Literal l && l.isInterval()) return Sql.num(l.longValue());
        return e.toSql(backend);
    }

    @Override
    public String name() {
        return op.function + "(" + a.name() + ", " + b.name() + ")";
    }

    @Override
    public void columns(List<String> out) {
        a.columns(out);
        b.columns(out);
    }
}
