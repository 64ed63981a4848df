package io.proxist.planner.parse;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/** Operators for ClickHouse clauses that Calcite has no node for. */
public final class ClickHouseOperators {
    /**
     * {@code FROM trades FINAL}: one operand, the table reference (possibly aliased: {@code FINAL(AS(trades, t))}
     * unparses as {@code trades AS t FINAL}, ClickHouse's order).
     */
    public static final SqlSpecialOperator FINAL = new SqlSpecialOperator("FINAL", SqlKind.OTHER, 100) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            call.operand(0).unparse(writer, 0, 0);
            writer.keyword("FINAL");
        }
    };

    private ClickHouseOperators() {}

    /** Whether {@code node} is a {@code FINAL} table reference. */
    public static boolean isFinal(org.apache.calcite.sql.SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() == FINAL;
    }
}
