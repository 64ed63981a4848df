package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/** A comparison (UInt8 1 or 0): numbers by value, strings by bytes. */
public final class Compare extends Expr {
    public enum Op {
        EQ("equals", SqlStdOperatorTable.EQUALS),
        NE("notEquals", SqlStdOperatorTable.NOT_EQUALS),
        LT("less", SqlStdOperatorTable.LESS_THAN),
        GT("greater", SqlStdOperatorTable.GREATER_THAN),
        LE("lessOrEquals", SqlStdOperatorTable.LESS_THAN_OR_EQUAL),
        GE("greaterOrEquals", SqlStdOperatorTable.GREATER_THAN_OR_EQUAL);

        final String function;
        final SqlOperator sql;

        Op(String function, SqlOperator sql) {
            this.function = function;
            this.sql = sql;
        }

        boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case GT -> cmp > 0;
                case LE -> cmp <= 0;
                case GE -> cmp >= 0;
            };
        }
    }

    private final Op op;
    private final Expr a;
    private final Expr b;

    public Compare(Op op, Expr a, Expr b) {
        boolean sa = a.kind() == ValueKind.STRING, sb = b.kind() == ValueKind.STRING;
        if (sa != sb)
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Illegal types of arguments (" + a.type() + ", " + b.type() + ") of function " + op.function);
        this.op = op;
        this.a = a;
        this.b = b;
    }

    public Op op() {
        return op;
    }

    public Expr left() {
        return a;
    }

    public Expr right() {
        return b;
    }

    @Override
    public DataType type() {
        return Vectors.UINT8;
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        long[] out = new long[n];
        Column ca = a.eval(in), cb = b.eval(in);
        if (a.kind() == ValueKind.STRING) {
            BytesColumn x = (BytesColumn) ca, y = (BytesColumn) cb;
            for (int i = 0; i < n; i++) out[i] = op.test(Vectors.compareBytes(x, i, y, i)) ? 1 : 0;
        } else if (a.kind() == ValueKind.DOUBLE || b.kind() == ValueKind.DOUBLE) {
            double[] x = Vectors.doubles(ca), y = Vectors.doubles(cb);
            for (int i = 0; i < n; i++) out[i] = op.test(Double.compare(x[i], y[i])) && !nanFalse(x[i], y[i]) ? 1 : 0;
        } else {
            long[] x = Vectors.longs(ca), y = Vectors.longs(cb);
            boolean unsigned = ValueKind.isUnsigned(a.type()) && ValueKind.isUnsigned(b.type());
            for (int i = 0; i < n; i++)
                out[i] = op.test(unsigned ? Long.compareUnsigned(x[i], y[i]) : Long.compare(x[i], y[i])) ? 1 : 0;
        }
        return new LongColumn(Vectors.UINT8, out, n);
    }

    /** A comparison with NaN is false, except "not equals". */
    private boolean nanFalse(double x, double y) {
        return (Double.isNaN(x) || Double.isNaN(y)) && op != Op.NE;
    }

    @Override
    public SqlNode toSql(Backend backend) {
        return Sql.op(op.sql, a.toSql(backend), b.toSql(backend));
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
