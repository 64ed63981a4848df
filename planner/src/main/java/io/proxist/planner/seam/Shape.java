package io.proxist.planner.seam;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The parts of one {@code SELECT} over one table that the seam plans: select list, WHERE, GROUP BY, HAVING, ORDER
 * BY, LIMIT and OFFSET, window functions and the WINDOW clause. Anything else (joins, subqueries, UNION, DISTINCT) is refused with a
 * message naming it.
 */
record Shape(
        String table,
        List<SqlNode> select,
        SqlNode where,
        List<SqlNode> groupBy,
        SqlNode having,
        List<SqlNode> orderBy,
        List<Boolean> descending,
        long offset,
        long limit,
        List<SqlNode> limitBy,
        long limitByOffset,
        long limitByCount,
        List<SqlNode> windows) {

    /** The table a query reads, if it is one plain SELECT from one named table; null otherwise. */
    static String tableOf(SqlNode query) {
        SqlNode q = query instanceof SqlOrderBy ob ? ob.query : query;
        if (!(q instanceof SqlSelect s) || !(table(s.getFrom()) instanceof SqlIdentifier id)) return null;
        return id.names.getLast();
    }

    /**
     * The table of a FROM: a name, {@code t AS a}, or {@code t FINAL} (memory and the backend hold each key once,
     * so FINAL changes nothing here); anything else is returned as it is.
     */
    static SqlNode table(SqlNode from) {
        SqlNode f = from;
        if (f instanceof SqlCall c && c.getOperator() == io.proxist.planner.parse.ClickHouseOperators.FINAL)
            f = c.operand(0);
        if (f instanceof SqlBasicCall c && c.getKind() == SqlKind.AS) f = c.operand(0);
        return f;
    }

    static Shape of(SqlNode query) {
        SqlNode q = query;
        SqlNodeList order = null;
        SqlNode offset = null, fetch = null;
        if (q instanceof SqlOrderBy ob) {
            order = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
            q = ob.query;
        }
        if (!(q instanceof SqlSelect s)) throw unsupported(q.getKind().toString());
        if (!(table(s.getFrom()) instanceof SqlIdentifier id)) throw unsupported("FROM other than one table");
        List<SqlNode> limitBy = List.of();
        long byOffset = 0, byCount = Long.MAX_VALUE;
        if (s instanceof io.proxist.planner.parse.ClickHouseSelect cs && cs.limitBy() != null) {
            limitBy = new ArrayList<>(cs.limitBy().getList());
            byOffset = count(cs.limitByOffset(), 0);
            byCount = count(cs.limitByCount(), Long.MAX_VALUE);
        }
        if (s.isDistinct()) throw unsupported("DISTINCT");
        if (order == null && s.getOrderList() != null) order = s.getOrderList();
        if (offset == null) offset = s.getOffset();
        if (fetch == null) fetch = s.getFetch();
        List<SqlNode> orderBy = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        if (order != null) {
            for (SqlNode o : order) {
                orderBy.add(orderKey(o));
                desc.add(isDescending(o));
            }
        }
        List<SqlNode> groupBy =
                s.getGroup() == null ? List.of() : new ArrayList<>(s.getGroup().getList());
        return new Shape(
                id.names.getLast(),
                new ArrayList<>(s.getSelectList().getList()),
                s.getWhere(),
                groupBy,
                s.getHaving(),
                orderBy,
                desc,
                count(offset, 0),
                count(fetch, Long.MAX_VALUE),
                limitBy,
                byOffset,
                byCount,
                s.getWindowList() == null
                        ? List.of()
                        : new ArrayList<>(s.getWindowList().getList()));
    }

    /** An ORDER BY item without its DESC / NULLS FIRST / NULLS LAST wrappers. */
    static SqlNode orderKey(SqlNode o) {
        while (o instanceof SqlCall c
                && (c.getKind() == SqlKind.DESCENDING
                        || c.getKind() == SqlKind.NULLS_FIRST
                        || c.getKind() == SqlKind.NULLS_LAST)) o = c.operand(0);
        return o;
    }

    /** Whether an ORDER BY item is descending. */
    static boolean isDescending(SqlNode o) {
        while (o instanceof SqlCall c
                && (c.getKind() == SqlKind.DESCENDING
                        || c.getKind() == SqlKind.NULLS_FIRST
                        || c.getKind() == SqlKind.NULLS_LAST)) {
            if (c.getKind() == SqlKind.DESCENDING) return true;
            o = c.operand(0);
        }
        return false;
    }

    private static long count(SqlNode n, long absent) {
        if (n == null) return absent;
        if (n instanceof SqlNumericLiteral l) return l.longValue(true);
        throw unsupported("LIMIT or OFFSET that is not a number");
    }

    static ProxistException unsupported(String what) {
        return new ProxistException(
                ErrorCode.NOT_IMPLEMENTED,
                "Not supported on Proxist tables yet: " + what
                        + " (set proxist_persisted_only = 1 to run the query on persisted data in ClickHouse)");
    }

    static String aliasOf(SqlNode n) {
        return n instanceof SqlBasicCall c && c.getKind() == SqlKind.AS
                ? ((SqlIdentifier) c.operand(1)).getSimple()
                : null;
    }

    static SqlNode unalias(SqlNode n) {
        return n instanceof SqlBasicCall c && c.getKind() == SqlKind.AS ? c.operand(0) : n;
    }
}
