package io.proxist.planner.parse;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A ClickHouse parametric aggregate such as {@code quantile(0.5)(price)} or {@code quantiles(0.5, 0.9)(price)}: the
 * operator carries the name and the parameters ({@code 0.5}), the call's operands are the arguments
 * ({@code price}). Unparses back to {@code name(parameters)(arguments)}.
 */
public final class ClickHouseParametricFunction extends SqlFunction {
    private final SqlIdentifier nameIdentifier;
    private final SqlNodeList parameters;

    public ClickHouseParametricFunction(SqlIdentifier name, SqlNodeList parameters) {
        super(
                name.names.get(name.names.size() - 1),
                SqlKind.OTHER_FUNCTION,
                null,
                null,
                null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        this.nameIdentifier = name;
        this.parameters = parameters;
    }

    /**
     * Turns {@code parametersCall} (the already parsed {@code quantile(0.5)}) and the argument list that follows it
     * into one call. Used by the grammar.
     */
    public static SqlCall createCall(
            Object parametersCall, SqlLiteral quantifier, List<SqlNode> args, SqlParserPos pos) {
        if (!(parametersCall instanceof SqlBasicCall call)
                || !(call.getOperator() instanceof SqlUnresolvedFunction function)
                || function.getSqlIdentifier() == null
                || call.getFunctionQuantifier() != null) {
            throw new ClickHouseSyntaxException(pos, "an argument list in parentheses must follow a function call");
        }
        SqlNodeList params = new SqlNodeList(call.getOperandList(), call.getParserPosition());
        ClickHouseParametricFunction op = new ClickHouseParametricFunction(function.getSqlIdentifier(), params);
        return op.createCall(quantifier, call.getParserPosition().plus(pos), args.toArray(new SqlNode[0]));
    }

    /** The function's name as written (e.g. {@code quantile}). */
    public SqlIdentifier nameIdentifier() {
        return nameIdentifier;
    }

    /** The parameters, e.g. {@code [0.5, 0.9]} for {@code quantiles(0.5, 0.9)(price)}. */
    public List<SqlNode> parameters() {
        return parameters.getList();
    }

    SqlNodeList parameterList() {
        return parameters;
    }

    @Override
    public SqlIdentifier getSqlIdentifier() {
        return nameIdentifier;
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        ClickHouseLiterals.writeFunctionName(writer, nameIdentifier);
        ClickHouseLiterals.writeArguments(writer, null, parameters.getList());
        writer.setNeedWhitespace(false);
        ClickHouseLiterals.writeArguments(writer, call.getFunctionQuantifier(), call.getOperandList());
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ClickHouseParametricFunction other
                && nameIdentifier.names.equals(other.nameIdentifier.names)
                && parameters.equalsDeep(other.parameters, org.apache.calcite.util.Litmus.IGNORE);
    }

    @Override
    public int hashCode() {
        return nameIdentifier.names.hashCode() * 31 + parameters.size();
    }
}
