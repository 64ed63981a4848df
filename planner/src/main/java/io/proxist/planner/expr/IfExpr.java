package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/** {@code multiIf(c1, v1, c2, v2, ..., else)}; {@code if(c, a, b)} is the two-branch case. */
public final class IfExpr extends Expr {
    private final List<Expr> args;
    private final String function;
    private final DataType type;

    public IfExpr(String function, List<Expr> args) {
        if (args.size() < 3 || args.size() % 2 == 0)
            throw new ProxistException(
                    ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Invalid number of arguments for function " + function);
        this.function = function;
        this.args = List.copyOf(args);
        DataType t = args.get(1).type();
        for (int i = 1; i < args.size(); i += 2) t = common(t, args.get(i).type());
        this.type = common(t, args.getLast().type());
    }

    private static DataType common(DataType x, DataType y) {
        if (x.equals(y)) return x;
        ValueKind kx = ValueKind.of(x), ky = ValueKind.of(y);
        if (kx == ValueKind.STRING || ky == ValueKind.STRING) {
            if (kx == ky) return Vectors.STRING;
            throw new ProxistException(ErrorCode.NO_COMMON_TYPE, "There is no supertype for types " + x + ", " + y);
        }
        if (kx == ValueKind.DOUBLE || ky == ValueKind.DOUBLE) return Vectors.FLOAT64;
        return ValueKind.isUnsigned(x) && ValueKind.isUnsigned(y) ? Vectors.UINT64 : Vectors.INT64;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        int branches = args.size() / 2;
        double[][] conds = new double[branches][];
        Column[] vals = new Column[branches + 1];
        for (int k = 0; k < branches; k++) {
            conds[k] = Vectors.doubles(args.get(2 * k).eval(in));
            vals[k] = args.get(2 * k + 1).eval(in);
        }
        vals[branches] = args.getLast().eval(in);
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            int k = 0;
            while (k < branches && conds[k][i] == 0) k++;
            pick[i] = k;
        }
        switch (kind()) {
            case LONG -> {
                long[][] v = new long[vals.length][];
                for (int k = 0; k < vals.length; k++) v[k] = Vectors.longs(vals[k]);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = v[pick[i]][i];
                return new LongColumn(type, out, n);
            }
            case DOUBLE -> {
                double[][] v = new double[vals.length][];
                for (int k = 0; k < vals.length; k++) v[k] = Vectors.doubles(vals[k]);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = v[pick[i]][i];
                return new DoubleColumn(type, out, n);
            }
            default -> {
                BytesColumnBuilder b = (BytesColumnBuilder) io.proxist.core.block.build.ColumnBuilder.forType(type);
                for (int i = 0; i < n; i++) {
                    BytesColumn c = (BytesColumn) vals[pick[i]];
                    b.appendBytes(c.data(), c.start(i), c.length(i));
                }
                return b.build();
            }
        }
    }

    @Override
    public SqlNode toSql(Backend backend) {
        SqlNode[] a = new SqlNode[args.size()];
        for (int i = 0; i < a.length; i++) a[i] = args.get(i).toSql(backend);
        return Sql.call(function, a);
    }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder(function).append('(');
        for (int i = 0; i < args.size(); i++)
            b.append(i == 0 ? "" : ", ").append(args.get(i).name());
        return b.append(')').toString();
    }

    @Override
    public void columns(List<String> out) {
        for (Expr e : args) e.columns(out);
    }
}
