package io.proxist.planner.parse;

import java.util.Objects;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A SELECT with ClickHouse's {@code LIMIT n [OFFSET m] BY expr, ...} clause (only SELECTs that have one are of this
 * class). Everything else is the {@link SqlSelect}: the normal {@code LIMIT} is its offset/fetch, ORDER BY its order
 * list. Unparsing with {@link ClickHouseDialect} writes the LIMIT BY clause between ORDER BY and LIMIT.
 */
public final class ClickHouseSelect extends SqlSelect {
    private SqlNodeList limitBy;
    private SqlNode limitByOffset;
    private SqlNode limitByCount;

    public ClickHouseSelect(
            SqlParserPos pos,
            SqlNodeList keywordList,
            SqlNodeList selectList,
            SqlNode from,
            SqlNode where,
            SqlNodeList groupBy,
            SqlNode having,
            SqlNodeList windowDecls,
            SqlNodeList orderBy,
            SqlNode offset,
            SqlNode fetch,
            SqlNodeList limitBy,
            SqlNode limitByOffset,
            SqlNode limitByCount) {
        super(
                pos,
                keywordList,
                selectList,
                from,
                where,
                groupBy,
                having,
                windowDecls,
                null,
                orderBy,
                offset,
                fetch,
                SqlNodeList.EMPTY);
        this.limitBy = Objects.requireNonNull(limitBy, "limitBy");
        this.limitByOffset = limitByOffset;
        this.limitByCount = Objects.requireNonNull(limitByCount, "limitByCount");
    }

    /** The expressions after {@code BY}. */
    public SqlNodeList limitBy() {
        return limitBy;
    }

    /** The {@code n} of {@code LIMIT n BY}: rows kept per distinct value of {@link #limitBy()}. */
    public SqlNode limitByCount() {
        return limitByCount;
    }

    /** The offset of {@code LIMIT m, n BY} or {@code LIMIT n OFFSET m BY}, or {@code null}. */
    public SqlNode limitByOffset() {
        return limitByOffset;
    }

    public void setLimitBy(SqlNodeList limitBy, SqlNode limitByOffset, SqlNode limitByCount) {
        this.limitBy = Objects.requireNonNull(limitBy, "limitBy");
        this.limitByOffset = limitByOffset;
        this.limitByCount = Objects.requireNonNull(limitByCount, "limitByCount");
    }

    /** Writes the whole SELECT in ClickHouse syntax (called by {@link ClickHouseDialect}). */
    void unparseClickHouse(SqlWriter writer) {
        SqlWriter.Frame selectFrame = writer.startList(SqlWriter.FrameTypeEnum.SELECT);
        writer.sep("SELECT");
        SqlNodeList keywords = (SqlNodeList) getOperandList().get(0);
        for (SqlNode keyword : keywords) {
            keyword.unparse(writer, 0, 0);
        }
        writer.list(SqlWriter.FrameTypeEnum.SELECT_LIST, SqlWriter.COMMA, getSelectList());
        SqlNode from = getFrom();
        if (from != null) {
            SqlWriter.Frame fromFrame = writer.startList(SqlWriter.FrameTypeEnum.FROM_LIST);
            writer.sep("FROM");
            from.unparse(writer, SqlJoin.OPERATOR.getLeftPrec() - 1, SqlJoin.OPERATOR.getRightPrec() - 1);
            writer.endList(fromFrame);
        }
        SqlNode where = getWhere();
        if (where != null) {
            writer.sep("WHERE");
            where.unparse(writer, 0, 0);
        }
        SqlNodeList groupBy = getGroup();
        if (groupBy != null && !groupBy.isEmpty()) {
            writer.sep("GROUP BY");
            writer.list(SqlWriter.FrameTypeEnum.GROUP_BY_LIST, SqlWriter.COMMA, groupBy);
        }
        SqlNode having = getHaving();
        if (having != null) {
            writer.sep("HAVING");
            having.unparse(writer, 0, 0);
        }
        SqlNodeList windows = getWindowList();
        if (!windows.isEmpty()) {
            writer.sep("WINDOW");
            SqlWriter.Frame windowFrame = writer.startList(SqlWriter.FrameTypeEnum.WINDOW_DECL_LIST);
            for (SqlNode window : windows) {
                writer.sep(",");
                window.unparse(writer, 0, 0);
            }
            writer.endList(windowFrame);
        }
        SqlNodeList orderBy = getOrderList();
        if (orderBy != null && !orderBy.isEmpty()) {
            writer.sep("ORDER BY");
            writer.list(SqlWriter.FrameTypeEnum.ORDER_BY_LIST, SqlWriter.COMMA, orderBy);
        }
        writer.newlineAndIndent();
        SqlWriter.Frame limitFrame = writer.startList(SqlWriter.FrameTypeEnum.FETCH);
        writer.keyword("LIMIT");
        if (limitByOffset != null) {
            limitByOffset.unparse(writer, -1, -1);
            writer.sep(",", true);
        }
        limitByCount.unparse(writer, -1, -1);
        writer.endList(limitFrame);
        writer.sep("BY");
        writer.list(SqlWriter.FrameTypeEnum.SIMPLE, SqlWriter.COMMA, limitBy);
        if (getFetch() != null) {
            writer.fetchOffset(getFetch(), getOffset());
        }
        writer.endList(selectFrame);
    }
}
