package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/** A column of the table, by name. */
public final class ColumnRef extends Expr {
    private final String column;
    private final DataType type;

    public ColumnRef(String column, DataType type) {
        this.column = column;
        this.type = Columns.plainType(type);
    }

    public String column() {
        return column;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public Column eval(Block in) {
        int i = in.names().indexOf(column);
        if (i < 0) throw new IllegalStateException("block lacks column " + column + ": " + in.names());
        return Columns.withType(in.column(i), type);
    }

    @Override
    public SqlNode toSql(Backend backend) {
        return Sql.id(column);
    }

    @Override
    public String name() {
        return column;
    }

    @Override
    public void columns(List<String> out) {
        if (!out.contains(column)) out.add(column);
    }
}
