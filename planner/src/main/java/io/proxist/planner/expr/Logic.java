package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/** {@code and}, {@code or} over any number of operands, and {@code not}: non-zero is true, the result UInt8. */
public final class Logic extends Expr {
    public enum Op {
        AND,
        OR,
        NOT
    }

    private final Op op;
    private final List<Expr> args;

    public Logic(Op op, List<Expr> args) {
        this.op = op;
        this.args = List.copyOf(args);
    }

    public Op op() {
        return op;
    }

    public List<Expr> args() {
        return args;
    }

    @Override
    public DataType type() {
        return Vectors.UINT8;
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        long[] out = new long[n];
        if (op == Op.NOT) {
            Column c = args.getFirst().eval(in);
            double[] v = Vectors.doubles(c);
            for (int i = 0; i < n; i++) out[i] = v[i] == 0 ? 1 : 0;
            return new LongColumn(Vectors.UINT8, out, n);
        }
        if (op == Op.AND) java.util.Arrays.fill(out, 1);
        for (Expr e : args) {
            double[] v = Vectors.doubles(e.eval(in));
            if (op == Op.AND) {
                for (int i = 0; i < n; i++) if (v[i] == 0) out[i] = 0;
            } else {
                for (int i = 0; i < n; i++) if (v[i] != 0) out[i] = 1;
            }
        }
        return new LongColumn(Vectors.UINT8, out, n);
    }

    @Override
    public SqlNode toSql(Backend backend) {
        if (op == Op.NOT) return Sql.op(SqlStdOperatorTable.NOT, args.getFirst().toSql(backend));
        SqlNode acc = args.getFirst().toSql(backend);
        for (int i = 1; i < args.size(); i++)
            acc = Sql.op(
                    op == Op.AND ? SqlStdOperatorTable.AND : SqlStdOperatorTable.OR,
                    acc,
                    args.get(i).toSql(backend));
        return acc;
    }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder(op.name().toLowerCase(java.util.Locale.ROOT)).append('(');
        for (int i = 0; i < args.size(); i++)
            b.append(i == 0 ? "" : ", ").append(args.get(i).name());
        return b.append(')').toString();
    }

    @Override
    public void columns(List<String> out) {
        for (Expr e : args) e.columns(out);
    }
}
