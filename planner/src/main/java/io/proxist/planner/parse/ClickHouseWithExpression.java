package io.proxist.planner.parse;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * ClickHouse's scalar WITH item, {@code WITH <expression> AS name SELECT ...}: a {@link SqlWithItem} whose
 * {@code query} is the expression ({@link #expression()}). Unparses as {@code expression AS name}.
 */
public final class ClickHouseWithExpression extends SqlWithItem {
    /** The operator of scalar WITH items (kind {@link SqlKind#WITH_ITEM}). */
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("WITH_EXPRESSION", SqlKind.WITH_ITEM) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            ClickHouseWithExpression item = (ClickHouseWithExpression) call;
            item.query.unparse(writer, 0, 0);
            writer.keyword("AS");
            item.name.unparse(writer, 0, 0);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new ClickHouseWithExpression(pos, (SqlIdentifier) operands[0], operands[2]);
        }
    };

    public ClickHouseWithExpression(SqlParserPos pos, SqlIdentifier name, SqlNode expression) {
        super(pos, name, null, expression, SqlLiteral.createBoolean(false, pos));
    }

    /** The expression the name stands for. */
    public SqlNode expression() {
        return query;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }
}
