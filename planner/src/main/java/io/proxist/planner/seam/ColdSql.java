package io.proxist.planner.seam;

import java.util.List;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/** The backend query of the part before the seam, built as a Calcite tree and written in ClickHouse's dialect. */
final class ColdSql {
    private ColdSql() {}

    static final SqlDialect DIALECT = ClickHouseSqlDialect.DEFAULT;

    static String select(
            String database,
            String table,
            List<SqlNode> columns,
            SqlNode where,
            List<SqlNode> groupBy,
            List<SqlNode> orderBy,
            List<Boolean> descending,
            long limit) {
        SqlParserPos pos = SqlParserPos.ZERO;
        SqlNodeList order = null;
        if (!orderBy.isEmpty()) {
            order = new SqlNodeList(pos);
            for (int i = 0; i < orderBy.size(); i++)
                order.add(
                        descending.get(i) ? SqlStdOperatorTable.DESC.createCall(pos, orderBy.get(i)) : orderBy.get(i));
        }
        SqlSelect s = new SqlSelect(
                pos,
                null,
                new SqlNodeList(columns, pos),
                new SqlIdentifier(List.of(database, table), pos),
                where,
                groupBy.isEmpty() ? null : new SqlNodeList(groupBy, pos),
                null,
                null,
                null,
                order,
                null,
                limit < 0 ? null : org.apache.calcite.sql.SqlLiteral.createExactNumeric(Long.toString(limit), pos),
                null);
        return s.toSqlString(DIALECT).getSql();
    }

    /** The same with {@code ORDER BY ... LIMIT n BY keys} (ClickHouse's own clause, written by its dialect). */
    static String selectLimitBy(
            String database,
            String table,
            List<SqlNode> columns,
            SqlNode where,
            List<SqlNode> orderBy,
            List<Boolean> descending,
            List<SqlNode> byKeys,
            long perGroup) {
        SqlParserPos pos = SqlParserPos.ZERO;
        SqlNodeList order = null;
        if (!orderBy.isEmpty()) {
            order = new SqlNodeList(pos);
            for (int i = 0; i < orderBy.size(); i++)
                order.add(
                        descending.get(i) ? SqlStdOperatorTable.DESC.createCall(pos, orderBy.get(i)) : orderBy.get(i));
        }
        if (perGroup == Long.MAX_VALUE)
            return select(database, table, columns, where, List.of(), orderBy, descending, -1);
        io.proxist.planner.parse.ClickHouseSelect s = new io.proxist.planner.parse.ClickHouseSelect(
                pos,
                null,
                new SqlNodeList(columns, pos),
                new SqlIdentifier(List.of(database, table), pos),
                where,
                null,
                null,
                null,
                order,
                null,
                null,
                new SqlNodeList(byKeys, pos),
                null,
                org.apache.calcite.sql.SqlLiteral.createExactNumeric(Long.toString(perGroup), pos));
        return s.toSqlString(io.proxist.planner.parse.ClickHouseDialect.DEFAULT).getSql();
    }
}
