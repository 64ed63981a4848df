package io.proxist.planner.parse;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Calcite's ClickHouse dialect, made to write back what {@link ClickHouseSqlParser} reads: backtick quoting, case
 * preserved, function names as written ({@code argMax}, not {@code ARGMAX}), {@code LIMIT offset, count},
 * {@code LIMIT n BY}, {@code FINAL}, {@code ASOF JOIN}, parametric aggregates, {@code INTERVAL 1 MINUTE},
 * {@code true}/{@code false}, and strings with backslash escapes.
 */
public class ClickHouseDialect extends ClickHouseSqlDialect {
    public static final Context DEFAULT_CONTEXT = ClickHouseSqlDialect.DEFAULT_CONTEXT
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true);

    public static final ClickHouseDialect DEFAULT = new ClickHouseDialect(DEFAULT_CONTEXT);

    public ClickHouseDialect(Context context) {
        super(context);
    }

    @Override
    public boolean supportsWindowFunctions() {
        return true;
    }

    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
        buf.append(ClickHouseLiterals.quote(val));
    }

    @Override
    public void unparseBoolLiteral(SqlWriter writer, SqlLiteral literal, int leftPrec, int rightPrec) {
        Boolean value = (Boolean) literal.getValue();
        writer.keyword(value == null ? "NULL" : value ? "true" : "false");
    }

    @Override
    public void unparseSqlIntervalLiteral(SqlWriter writer, SqlIntervalLiteral literal, int leftPrec, int rightPrec) {
        SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        SqlIntervalQualifier qualifier = value.getIntervalQualifier();
        String text = value.getIntervalLiteral().trim();
        if (qualifier.isSingleDatetimeField() && text.matches("\\d+")) {
            // ClickHouse: INTERVAL 5 MINUTE
            writer.keyword("INTERVAL");
            writer.print(value.getSign() < 0 ? "-" + text : text);
            writer.setNeedWhitespace(true);
            unparseSqlIntervalQualifier(writer, qualifier, RelDataTypeSystem.DEFAULT);
        } else {
            super.unparseSqlIntervalLiteral(writer, literal, leftPrec, rightPrec);
        }
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call instanceof ClickHouseSelect select) {
            select.unparseClickHouse(writer);
            return;
        }
        if (call.getOperator() instanceof SqlUnresolvedFunction function && function.getSqlIdentifier() != null) {
            ClickHouseLiterals.writeFunctionName(writer, function.getSqlIdentifier());
            ClickHouseLiterals.writeArguments(writer, call.getFunctionQuantifier(), call.getOperandList());
            return;
        }
        if (call.getOperator() == SqlStdOperatorTable.BETWEEN
                || call.getOperator() == SqlStdOperatorTable.NOT_BETWEEN) {
            // Calcite writes "BETWEEN ASYMMETRIC", which ClickHouse does not read
            SqlOperator op = call.getOperator();
            call.operand(0).unparse(writer, op.getLeftPrec(), op.getRightPrec());
            writer.sep(op == SqlStdOperatorTable.BETWEEN ? "BETWEEN" : "NOT BETWEEN");
            call.operand(1).unparse(writer, op.getLeftPrec(), op.getRightPrec());
            writer.sep("AND");
            call.operand(2).unparse(writer, op.getLeftPrec(), op.getRightPrec());
            return;
        }
        if (call.getOperator() == SqlStdOperatorTable.INTERVAL) {
            // INTERVAL n MINUTE, INTERVAL (expr) MINUTE
            writer.keyword("INTERVAL");
            SqlNode amount = call.operand(0);
            if (amount instanceof SqlLiteral || amount instanceof org.apache.calcite.sql.SqlIdentifier) {
                amount.unparse(writer, 0, 0);
            } else {
                SqlWriter.Frame frame = writer.startList("(", ")");
                amount.unparse(writer, 0, 0);
                writer.endList(frame);
            }
            call.operand(1).unparse(writer, 0, 0);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }
}
