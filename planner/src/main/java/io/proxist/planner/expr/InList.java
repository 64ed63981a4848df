package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/** {@code x [NOT] IN (constants)}. */
public final class InList extends Expr {
    private final Expr x;
    private final List<Literal> values;
    private final boolean negated;

    public InList(Expr x, List<Literal> values, boolean negated) {
        this.x = x;
        this.values = List.copyOf(values);
        this.negated = negated;
    }

    public Expr operand() {
        return x;
    }

    public List<Literal> values() {
        return values;
    }

    public boolean negated() {
        return negated;
    }

    @Override
    public DataType type() {
        return Vectors.UINT8;
    }

    @Override
    public Column eval(Block in) {
        int n = in.rows();
        long[] out = new long[n];
        Column c = x.eval(in);
        for (Literal v : values) {
            Column cv = v.eval(in);
            if (x.kind() == ValueKind.STRING) {
                BytesColumn s = (BytesColumn) c;
                for (int i = 0; i < n; i++) if (Vectors.compareBytes(s, i, v.bytes()) == 0) out[i] = 1;
            } else if (x.kind() == ValueKind.DOUBLE || v.kind() == ValueKind.DOUBLE) {
                double[] a = Vectors.doubles(c), b = Vectors.doubles(cv);
                for (int i = 0; i < n; i++) if (a[i] == b[i]) out[i] = 1;
            } else {
                long[] a = Vectors.longs(c);
                long b = v.longValue();
                for (int i = 0; i < n; i++) if (a[i] == b) out[i] = 1;
            }
        }
        if (negated) for (int i = 0; i < n; i++) out[i] ^= 1;
        return new LongColumn(Vectors.UINT8, out, n);
    }

    @Override
    public SqlNode toSql(Backend backend) {
        List<SqlNode> list = new ArrayList<>();
        for (Literal v : values) list.add(v.toSql(backend));
        return Sql.op(
                negated ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN,
                x.toSql(backend),
                new SqlNodeList(list, Sql.POS));
    }

    @Override
    public String name() {
        StringBuilder b =
                new StringBuilder(negated ? "notIn(" : "in(").append(x.name()).append(", tuple(");
        for (int i = 0; i < values.size(); i++)
            b.append(i == 0 ? "" : ", ").append(values.get(i).name());
        return b.append("))").toString();
    }

    @Override
    public void columns(List<String> out) {
        x.columns(out);
    }
}
