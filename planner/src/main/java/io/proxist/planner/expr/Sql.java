package io.proxist.planner.expr;

import java.math.BigDecimal;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Builders of Calcite SQL nodes for the backend query. */
public final class Sql {
    private Sql() {}

    static final SqlParserPos POS = SqlParserPos.ZERO;

    public static SqlNode id(String name) {
        return new SqlIdentifier(name, POS);
    }

    public static SqlNode num(long v) {
        return v < 0
                ? org.apache.calcite.sql.fun.SqlStdOperatorTable.UNARY_MINUS.createCall(
                        POS, SqlLiteral.createExactNumeric(Long.toString(v).substring(1), POS))
                : SqlLiteral.createExactNumeric(Long.toString(v), POS);
    }

    public static SqlNode num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return call(Double.isNaN(v) ? "nan" : "inf");
        String s = BigDecimal.valueOf(Math.abs(v)).toPlainString();
        SqlNode lit = s.contains(".")
                ? SqlLiteral.createApproxNumeric(s.contains("E") ? s : s, POS)
                : SqlLiteral.createApproxNumeric(s + ".0", POS);
        return v < 0 ? org.apache.calcite.sql.fun.SqlStdOperatorTable.UNARY_MINUS.createCall(POS, lit) : lit;
    }

    public static SqlNode str(String v) {
        return SqlLiteral.createCharString(v, POS);
    }

    /** A ClickHouse function call by name (case kept). */
    public static SqlNode call(String function, SqlNode... args) {
        SqlOperator op = new SqlUnresolvedFunction(
                new SqlIdentifier(function, POS), null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return op.createCall(POS, args);
    }

    public static SqlNode op(SqlOperator op, SqlNode... args) {
        return op.createCall(POS, args);
    }
}
