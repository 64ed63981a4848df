package io.proxist.planner.expr;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.type.DataType;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * A compiled scalar expression over the columns of one table: evaluated a block at a time in memory (the hot part)
 * and written back as SQL for the backend (the cold part), so both sides compute the same thing.
 */
public abstract class Expr {
    /** The ClickHouse result type. */
    public abstract DataType type();

    public final ValueKind kind() {
        return ValueKind.of(type());
    }

    /** The values for every row of {@code in} (whose columns are the table's, by name). */
    public abstract Column eval(Block in);

    /** The expression as backend SQL. */
    public abstract SqlNode toSql(Backend backend);

    /** ClickHouse's name for the expression as a result column (what {@code SELECT expr} is called). */
    public abstract String name();

    /** The table columns the expression reads. */
    public abstract void columns(List<String> out);

    /** A constant folds to a literal at plan time. */
    public boolean isConstant() {
        return false;
    }
}
