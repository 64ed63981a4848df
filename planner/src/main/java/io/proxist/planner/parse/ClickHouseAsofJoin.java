package io.proxist.planner.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlAsofJoin;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * ClickHouse's {@code ASOF [LEFT] JOIN}, as Calcite's {@link SqlAsofJoin} (join type {@link JoinType#ASOF} or
 * {@link JoinType#LEFT_ASOF}):
 *
 * <ul>
 *   <li>{@code ON a.sym = b.sym AND a.ts >= b.ts}: the condition is the conjunction of the equalities
 *       ({@link #equiConditions()}), the match condition the one inequality ({@link #inequality()});
 *   <li>{@code USING (sym, ts)}: the condition is the column list ({@link #usingColumns()}), the match condition
 *       the last column, joined as {@code left.ts >= right.ts} (ClickHouse's rule); the other columns are the
 *       equi-join columns.
 * </ul>
 *
 * Unparses (with any dialect) as {@code left ASOF [LEFT] JOIN right ON equalities AND inequality} or
 * {@code ... USING (columns)}.
 */
public final class ClickHouseAsofJoin extends SqlAsofJoin {
    /** The operator of ClickHouse ASOF joins; its unparse writes ClickHouse's syntax. */
    public static final SqlOperator OPERATOR = new AsofOperator();

    private ClickHouseAsofJoin(
            SqlParserPos pos,
            SqlNode left,
            SqlLiteral joinType,
            SqlNode right,
            SqlLiteral conditionType,
            SqlNode condition,
            SqlNode matchCondition) {
        super(
                pos,
                left,
                SqlLiteral.createBoolean(false, pos),
                joinType,
                right,
                conditionType,
                condition,
                matchCondition);
    }

    /**
     * Builds the join from what the grammar read: exactly one of {@code on} and {@code using}.
     *
     * @throws ClickHouseSyntaxException when the condition is not equalities plus one inequality, or USING names
     *     fewer than two columns
     */
    public static ClickHouseAsofJoin create(
            SqlParserPos pos, SqlNode left, SqlNode right, boolean leftJoin, SqlNode on, SqlNodeList using) {
        SqlLiteral type = (leftJoin ? JoinType.LEFT_ASOF : JoinType.ASOF).symbol(pos);
        if (using != null) {
            if (using.size() < 2) {
                throw new ClickHouseSyntaxException(
                        pos, "ASOF JOIN USING needs the equi-join columns and then the ASOF column");
            }
            return new ClickHouseAsofJoin(
                    pos, left, type, right, JoinConditionType.USING.symbol(pos), using, using.get(using.size() - 1));
        }
        if (on == null) {
            throw new ClickHouseSyntaxException(pos, "ASOF JOIN needs an ON or USING clause");
        }
        List<SqlNode> conjuncts = new ArrayList<>();
        flattenAnd(on, conjuncts);
        List<SqlNode> equalities = new ArrayList<>();
        SqlNode inequality = null;
        for (SqlNode c : conjuncts) {
            SqlKind kind = c.getKind();
            if (kind == SqlKind.EQUALS) {
                equalities.add(c);
            } else if (kind == SqlKind.GREATER_THAN
                    || kind == SqlKind.GREATER_THAN_OR_EQUAL
                    || kind == SqlKind.LESS_THAN
                    || kind == SqlKind.LESS_THAN_OR_EQUAL) {
                if (inequality != null) {
                    throw new ClickHouseSyntaxException(
                            c.getParserPosition(), "ASOF JOIN takes exactly one inequality condition");
                }
                inequality = c;
            } else {
                throw new ClickHouseSyntaxException(
                        c.getParserPosition(),
                        "ASOF JOIN ON takes equalities and one inequality joined by AND, not " + c);
            }
        }
        if (inequality == null) {
            throw new ClickHouseSyntaxException(
                    on.getParserPosition(), "ASOF JOIN needs an inequality condition (e.g. a.ts >= b.ts)");
        }
        if (equalities.isEmpty()) {
            throw new ClickHouseSyntaxException(
                    on.getParserPosition(), "ASOF JOIN needs at least one equality condition");
        }
        return new ClickHouseAsofJoin(
                pos, left, type, right, JoinConditionType.ON.symbol(pos), and(equalities, pos), inequality);
    }

    private static void flattenAnd(SqlNode node, List<SqlNode> out) {
        if (node instanceof SqlCall call && call.getKind() == SqlKind.AND) {
            for (SqlNode operand : call.getOperandList()) {
                flattenAnd(operand, out);
            }
        } else {
            out.add(node);
        }
    }

    private static SqlNode and(List<SqlNode> conjuncts, SqlParserPos pos) {
        SqlNode result = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            result = SqlStdOperatorTable.AND.createCall(pos, result, conjuncts.get(i));
        }
        return result;
    }

    /** {@code ASOF LEFT JOIN} rather than {@code ASOF JOIN}. */
    public boolean isLeft() {
        return getJoinType() == JoinType.LEFT_ASOF;
    }

    /** The columns of {@code USING (...)}, the ASOF column last; {@code null} for {@code ON}. */
    public SqlNodeList usingColumns() {
        return getConditionType() == JoinConditionType.USING ? (SqlNodeList) getCondition() : null;
    }

    /**
     * The equi-join conditions: for {@code ON}, the {@code =} calls; for {@code USING}, the identifiers of the
     * columns before the ASOF column.
     */
    public List<SqlNode> equiConditions() {
        SqlNodeList using = usingColumns();
        if (using != null) {
            return List.copyOf(using.getList().subList(0, using.size() - 1));
        }
        List<SqlNode> out = new ArrayList<>();
        flattenAnd(getCondition(), out);
        return List.copyOf(out);
    }

    /**
     * The closest-match condition: for {@code ON}, the inequality call ({@code a.ts >= b.ts}); for {@code USING},
     * the ASOF column's identifier (meaning {@code left.col >= right.col}).
     */
    public SqlNode inequality() {
        return getMatchCondition();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    private static final class AsofOperator extends SqlOperator {
        AsofOperator() {
            // the precedence of Calcite's JOIN, so a FROM clause writes it without parentheses
            super(
                    "ASOF-JOIN",
                    SqlKind.JOIN,
                    SqlJoin.OPERATOR.getLeftPrec(),
                    SqlJoin.OPERATOR.getRightPrec(),
                    null,
                    null,
                    null);
        }

        @Override
        public SqlSyntax getSyntax() {
            return SqlSyntax.SPECIAL;
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new ClickHouseAsofJoin(
                    pos,
                    operands[0],
                    (SqlLiteral) operands[2],
                    operands[3],
                    (SqlLiteral) operands[4],
                    operands[5],
                    operands[6]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            ClickHouseAsofJoin join = (ClickHouseAsofJoin) call;
            join.getLeft().unparse(writer, leftPrec, getLeftPrec());
            writer.sep(join.isLeft() ? "ASOF LEFT JOIN" : "ASOF JOIN");
            join.getRight().unparse(writer, getRightPrec(), rightPrec);
            SqlNodeList using = join.usingColumns();
            if (using != null) {
                writer.keyword("USING");
                SqlWriter.Frame frame = writer.startList("(", ")");
                for (SqlNode column : using) {
                    writer.sep(",");
                    column.unparse(writer, 0, 0);
                }
                writer.endList(frame);
            } else {
                writer.keyword("ON");
                SqlNode condition = SqlStdOperatorTable.AND.createCall(
                        join.getParserPosition(), join.getCondition(), join.inequality());
                condition.unparse(writer, 0, 0);
            }
        }
    }
}
