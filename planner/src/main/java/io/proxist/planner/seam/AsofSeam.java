package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.planner.expr.ColumnRef;
import io.proxist.planner.expr.Expr;
import io.proxist.planner.expr.ExprCompiler;
import io.proxist.planner.expr.Sql;
import io.proxist.planner.expr.Vectors;
import io.proxist.planner.parse.ClickHouseAsofJoin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * {@code SELECT ... FROM l ASOF [LEFT] JOIN r ON l.symbol = r.symbol AND l.ts >= r.ts [WHERE] [ORDER BY] [LIMIT]}
 * over two owned tables, exact across both seams: for every left row, the right row in force at its time (the last
 * by (ts, seq) with {@code r.ts <= l.ts}, or {@code <} for a strict inequality) of the same symbol.
 *
 * <p>Each side is read through the seam as a scan of its own (so each is exact whatever its watermark): the left
 * rows the WHERE's left-only conditions keep (with the ORDER BY and LIMIT when they decide which left rows count);
 * then of the right table, for the left rows' symbols, the rows within the left rows' time span, and each symbol's
 * last row before it ({@code ORDER BY ts DESC, seq DESC LIMIT 1 BY symbol}: the point-in-time anchor, served from
 * memory's series tails or the backend's sorted index). ClickHouse 18.16 has no ASOF JOIN, so the join itself always
 * runs here: a binary search per left row in its symbol's right rows. The rest of the WHERE, the ORDER BY and the
 * LIMIT then apply to the joined rows. An unmatched left row of a LEFT join gets the right columns' default values,
 * as ClickHouse does without {@code join_use_nulls}.
 */
final class AsofSeam {
    private static final SqlParserPos POS = SqlParserPos.ZERO;
    private final SeamExecutor executor;
    private final SeamSource source;

    AsofSeam(SeamExecutor executor, SeamSource source) {
        this.executor = executor;
        this.source = source;
    }

    /** The two tables of an ASOF join query, or null when the query is not one. */
    static List<String> tablesOf(SqlNode query) {
        SqlNode q = query instanceof SqlOrderBy ob ? ob.query : query;
        if (!(q instanceof SqlSelect s) || !(s.getFrom() instanceof ClickHouseAsofJoin j)) return null;
        if (!(Shape.table(j.getLeft()) instanceof SqlIdentifier l)
                || !(Shape.table(j.getRight()) instanceof SqlIdentifier r)) return null;
        return List.of(l.names.getLast(), r.names.getLast());
    }

    /** One side of the join: its table, the qualifier its columns are written with, and its schema. */
    private record Side(String table, String qualifier, TableSchema schema, String ts, String seq, String series) {
        String col(String c) {
            return qualifier + "." + c;
        }
    }

    Block execute(SqlNode query, long nowNanos) {
        SqlNodeList order = null;
        SqlNode offsetNode = null, fetchNode = null;
        SqlNode q = query;
        if (q instanceof SqlOrderBy ob) {
            order = ob.orderList;
            offsetNode = ob.offset;
            fetchNode = ob.fetch;
            q = ob.query;
        }
        SqlSelect s = (SqlSelect) q;
        ClickHouseAsofJoin join = (ClickHouseAsofJoin) s.getFrom();
        if (order == null) order = s.getOrderList();
        if (offsetNode == null) offsetNode = s.getOffset();
        if (fetchNode == null) fetchNode = s.getFetch();
        if (s.getGroup() != null || s.getHaving() != null) throw Shape.unsupported("GROUP BY over an ASOF JOIN");
        if (s.isDistinct()) throw Shape.unsupported("DISTINCT");
        if (s instanceof io.proxist.planner.parse.ClickHouseSelect cs && cs.limitBy() != null)
            throw Shape.unsupported("LIMIT BY over an ASOF JOIN");
        Side left = side(join.getLeft());
        Side right = side(join.getRight());
        if (left.qualifier.equals(right.qualifier))
            throw new ProxistException(
                    ErrorCode.MULTIPLE_EXPRESSIONS_FOR_ALIAS, "Both sides of the join are named " + left.qualifier);
        if (left.series == null || right.series == null)
            throw Shape.unsupported("ASOF JOIN of tables keyed by two columns");
        boolean strict = matchCondition(join, left, right);

        // the joined rows' schema: every column of both sides, named as written (qualifier.column)
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnDef c : left.schema.columns()) cols.add(rename(c, left.col(c.name())));
        for (ColumnDef c : right.schema.columns()) cols.add(rename(c, right.col(c.name())));
        TableSchema joined = new TableSchema("asof", cols, "", "", "", "", "", "");
        ExprCompiler cc = new ExprCompiler(joined, nowNanos);
        SqlShuttle qualify = qualifier(left, right);

        List<String> names = new ArrayList<>();
        List<Expr> items = new ArrayList<>();
        for (SqlNode n : s.getSelectList()) {
            if (n instanceof SqlIdentifier id && id.isStar()) {
                for (ColumnDef c : cols) {
                    if (c.defaultKind().equals("ALIAS") || c.defaultKind().equals("MATERIALIZED")) continue;
                    names.add(c.name());
                    items.add(new ColumnRef(c.name(), c.type()));
                }
                continue;
            }
            SqlNode e = Shape.unalias(n).accept(qualify);
            if (ExprCompiler.containsAggregate(e)) throw Shape.unsupported("aggregates over an ASOF JOIN");
            Expr x = cc.compile(e);
            String alias = Shape.aliasOf(n);
            names.add(alias != null ? alias : x.name());
            items.add(x);
        }
        // the WHERE: conditions on left columns alone choose the left rows; the rest filter the joined rows
        List<SqlNode> leftOnly = new ArrayList<>();
        List<Expr> post = new ArrayList<>();
        for (SqlNode c : conjuncts(s.getWhere())) {
            SqlNode qc = c.accept(qualify);
            Set<String> used = new LinkedHashSet<>();
            List<String> uc = new ArrayList<>();
            cc.compile(qc).columns(uc);
            used.addAll(uc);
            boolean onlyLeft = !used.isEmpty();
            for (String u : used) onlyLeft &= u.startsWith(left.qualifier + ".");
            if (onlyLeft) leftOnly.add(qc);
            else post.add(cc.compile(qc));
        }
        List<Expr> orderBy = new ArrayList<>();
        List<SqlNode> orderNodes = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        List<SqlNode> itemNodes = new ArrayList<>();
        for (SqlNode n : s.getSelectList())
            if (!(n instanceof SqlIdentifier id && id.isStar()))
                itemNodes.add(Shape.unalias(n).accept(qualify));
        if (order != null)
            for (SqlNode item : order) {
                boolean d = Shape.isDescending(item);
                SqlNode o = Shape.orderKey(item);
                SqlNode node = o instanceof SqlIdentifier id
                                && id.isSimple()
                                && names.contains(id.getSimple())
                                && names.indexOf(id.getSimple()) < itemNodes.size()
                        ? itemNodes.get(names.indexOf(id.getSimple()))
                        : o.accept(qualify);
                orderBy.add(cc.compile(node));
                orderNodes.add(node);
                desc.add(d);
            }
        long offset = count(offsetNode, 0), limit = count(fetchNode, Long.MAX_VALUE);

        List<String> needed = new ArrayList<>();
        for (Expr e : items) e.columns(needed);
        for (Expr e : post) e.columns(needed);
        for (Expr e : orderBy) e.columns(needed);
        List<String> leftCols = columnsOf(needed, left, List.of(left.series, left.ts, left.seq));
        List<String> rightCols = columnsOf(needed, right, List.of(right.series, right.ts, right.seq));

        // which left rows count: all the left-only WHERE keeps, or, when the joined rows are the left rows in the
        // same order (a LEFT join, no other filter, ordered by left columns), only the first offset + limit
        boolean leftDecides = join.isLeft()
                && post.isEmpty()
                && limit != Long.MAX_VALUE
                && orderBy.stream().allMatch(e -> onlyOf(e, left));
        List<SqlNode> leftWhere = new ArrayList<>();
        for (SqlNode c : leftOnly) leftWhere.add(unqualified(c, left));
        List<SqlNode> leftOrder = new ArrayList<>();
        if (leftDecides) for (SqlNode o : orderNodes) leftOrder.add(unqualified(o, left));
        Block l = executor.execute(
                select(
                        left.table,
                        leftCols,
                        and(leftWhere),
                        leftOrder,
                        leftDecides ? desc : List.of(),
                        leftDecides ? Math.addExact(offset, limit) : -1,
                        null),
                nowNanos);

        Block r = rightRows(l, left, right, rightCols, nowNanos);
        Block rows = join(l, r, left, right, leftCols, rightCols, join.isLeft(), strict);
        for (Expr p : post) rows = Blocks.filter(rows, p.eval(rows));
        if (!orderBy.isEmpty()) {
            List<Column> keys = new ArrayList<>();
            for (Expr e : orderBy) keys.add(e.eval(rows));
            rows = Blocks.gather(rows, Blocks.order(rows.rows(), keys, desc));
        }
        rows = Blocks.slice(rows, offset, limit == Long.MAX_VALUE ? Long.MAX_VALUE : offset + limit);
        List<Column> out = new ArrayList<>();
        for (Expr e : items) out.add(Columns.withType(e.eval(rows), e.type()));
        return new Block(names, out, rows.rows());
    }

    /**
     * The right rows any left row can match: for the left rows' symbols, those within the left rows' time span, and
     * each symbol's last row before it.
     */
    private Block rightRows(Block l, Side left, Side right, List<String> rightCols, long nowNanos) {
        List<String> names = new ArrayList<>();
        for (String c : rightCols) names.add(right.col(c));
        List<DataType> types = new ArrayList<>();
        for (String c : rightCols)
            types.add(Columns.plainType(right.schema.column(c).orElseThrow().type()));
        if (l.rows() == 0) return Blocks.concat(names, types, List.of());
        BytesColumn sym = (BytesColumn) l.column(l.names().indexOf(left.series));
        Column ts = l.column(l.names().indexOf(left.ts));
        Set<String> symbols = new java.util.TreeSet<>();
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < l.rows(); i++) {
            symbols.add(sym.getString(i));
            long t = Vectors.lng(ts, i);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        SqlNodeList in = new SqlNodeList(POS);
        for (String x : symbols) in.add(Sql.str(x));
        SqlNode inSymbols = Sql.op(SqlStdOperatorTable.IN, Sql.id(right.series), in);
        SqlNode from = Sql.call("fromUnixTimestamp64Nano", Sql.num(min));
        SqlNode to = Sql.call("fromUnixTimestamp64Nano", Sql.num(max));
        Block span = executor.execute(
                select(
                        right.table,
                        rightCols,
                        and(List.of(
                                inSymbols,
                                Sql.op(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, Sql.id(right.ts), from),
                                Sql.op(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, Sql.id(right.ts), to))),
                        List.of(),
                        List.of(),
                        -1,
                        null),
                nowNanos);
        // each symbol's row in force when the span starts: newest first, one per symbol
        Block anchors = executor.execute(
                select(
                        right.table,
                        rightCols,
                        and(List.of(inSymbols, Sql.op(SqlStdOperatorTable.LESS_THAN, Sql.id(right.ts), from))),
                        right.seq == null ? List.of(Sql.id(right.ts)) : List.of(Sql.id(right.ts), Sql.id(right.seq)),
                        right.seq == null ? List.of(true) : List.of(true, true),
                        -1,
                        right.series),
                nowNanos);
        Block both = Blocks.concat(rightCols, types, List.of(anchors, span));
        return new Block(names, both.columns(), both.rows());
    }

    /** Left rows with the matched right row's columns (defaults where a LEFT join found none). */
    private static Block join(
            Block l,
            Block r,
            Side left,
            Side right,
            List<String> leftCols,
            List<String> rightCols,
            boolean leftJoin,
            boolean strict) {
        // right rows ordered by (symbol, ts, seq); a symbol's rows are one run
        Column rs = r.column(r.names().indexOf(right.col(right.series)));
        Column rt = r.column(r.names().indexOf(right.col(right.ts)));
        Column rq = r.column(r.names().indexOf(right.col(right.seq)));
        int[] ord = Blocks.order(r.rows(), List.of(rs, rt, rq), List.of(false, false, false));
        Map<String, int[]> runs = new HashMap<>();
        for (int i = 0; i < ord.length; ) {
            String sym = ((BytesColumn) rs).getString(ord[i]);
            int j = i + 1;
            while (j < ord.length && ((BytesColumn) rs).getString(ord[j]).equals(sym)) j++;
            runs.put(sym, new int[] {i, j});
            i = j;
        }
        BytesColumn ls = (BytesColumn) l.column(l.names().indexOf(left.series));
        Column lt = l.column(l.names().indexOf(left.ts));
        int[] keepLeft = new int[l.rows()];
        int[] match = new int[l.rows()];
        int k = 0;
        for (int i = 0; i < l.rows(); i++) {
            int[] run = runs.get(ls.getString(i));
            int m = -1;
            if (run != null) {
                long t = Vectors.lng(lt, i);
                int lo = run[0], hi = run[1]; // last position in [lo, hi) with ts <= t (or < t)
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    long v = Vectors.lng(rt, ord[mid]);
                    if (strict ? v < t : v <= t) lo = mid + 1;
                    else hi = mid;
                }
                if (lo > run[0]) m = ord[lo - 1];
            }
            if (m < 0 && !leftJoin) continue;
            keepLeft[k] = i;
            match[k++] = m;
        }
        keepLeft = java.util.Arrays.copyOf(keepLeft, k);
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (String c : leftCols) {
            names.add(left.col(c));
            cols.add(Columns.gather(l.column(l.names().indexOf(c)), keepLeft));
        }
        for (int c = 0; c < r.names().size(); c++) {
            names.add(r.names().get(c));
            ColumnBuilder b = ColumnBuilder.forType(r.column(c).type());
            for (int i = 0; i < k; i++) {
                if (match[i] < 0) b.appendDefault();
                else b.appendFrom(r.column(c), match[i], match[i] + 1);
            }
            cols.add(b.build());
        }
        return new Block(names, cols, k);
    }

    /** Whether the match is strict ({@code l.ts > r.ts}); checks the condition is on the two time columns. */
    private static boolean matchCondition(ClickHouseAsofJoin join, Side left, Side right) {
        List<SqlNode> eq = join.equiConditions();
        if (eq.size() != 1) throw Shape.unsupported("ASOF JOIN on other than the symbol");
        if (join.usingColumns() != null) {
            if (!(eq.getFirst() instanceof SqlIdentifier e)
                    || !e.getSimple().equals(left.series)
                    || !e.getSimple().equals(right.series)
                    || !(join.inequality() instanceof SqlIdentifier t)
                    || !t.getSimple().equals(left.ts)
                    || !t.getSimple().equals(right.ts))
                throw Shape.unsupported("ASOF JOIN USING other than (symbol, ts)");
            return false;
        }
        SqlCall e = (SqlCall) eq.getFirst();
        if (!refersTo(e.operand(0), e.operand(1), left, left.series, right, right.series))
            throw Shape.unsupported("ASOF JOIN on other than the symbol");
        SqlCall ineq = (SqlCall) join.inequality();
        SqlKind k = ineq.getKind();
        SqlNode a = ineq.operand(0), b = ineq.operand(1);
        // normalise to left.ts OP right.ts
        if (refersTo(a, b, left, left.ts, right, right.ts) && owner(a, left, right) == left) {
            if (k == SqlKind.GREATER_THAN_OR_EQUAL) return false;
            if (k == SqlKind.GREATER_THAN) return true;
        } else if (refersTo(a, b, left, left.ts, right, right.ts)) {
            if (k == SqlKind.LESS_THAN_OR_EQUAL) return false;
            if (k == SqlKind.LESS_THAN) return true;
        } else throw Shape.unsupported("ASOF JOIN matching on other than the time columns");
        throw Shape.unsupported("ASOF JOIN matching the next row (left time before the right's)");
    }

    /** Whether {a, b} are {left.lc, right.rc} in either order. */
    private static boolean refersTo(SqlNode a, SqlNode b, Side left, String lc, Side right, String rc) {
        return (is(a, left, lc) && is(b, right, rc)) || (is(b, left, lc) && is(a, right, rc));
    }

    private static boolean is(SqlNode n, Side side, String column) {
        return n instanceof SqlIdentifier id
                && id.names.size() == 2
                && id.names.get(0).equals(side.qualifier)
                && id.names.get(1).equals(column);
    }

    private static Side owner(SqlNode n, Side left, Side right) {
        return n instanceof SqlIdentifier id
                        && id.names.size() == 2
                        && id.names.get(0).equals(left.qualifier)
                ? left
                : right;
    }

    private Side side(SqlNode from) {
        SqlNode f = from;
        if (f instanceof SqlCall c && c.getOperator() == io.proxist.planner.parse.ClickHouseOperators.FINAL)
            f = c.operand(0);
        String alias = null;
        if (f instanceof SqlBasicCall c && c.getKind() == SqlKind.AS) {
            alias = ((SqlIdentifier) c.operand(1)).getSimple();
            f = c.operand(0);
        }
        if (!(f instanceof SqlIdentifier id)) throw Shape.unsupported("ASOF JOIN of other than two tables");
        String table = id.names.getLast();
        TableSchema schema = source.schema(table);
        if (schema == null) throw Shape.unsupported("ASOF JOIN with a table Proxist does not own: " + table);
        io.proxist.hot.store.TableLayout layout = source.snapshot(table).layout();
        return new Side(
                table,
                alias != null ? alias : table,
                schema,
                layout.column(layout.tsColumn()).name(),
                layout.seqColumn() < 0
                        ? null
                        : layout.column(layout.seqColumn()).name(),
                layout.seriesKeyParts() == 1
                        ? layout.column(layout.seriesColumn(0)).name()
                        : null);
    }

    /** Rewrites identifiers to the joined rows' names: {@code q.col}; an unqualified column is the left's if it has it. */
    private static SqlShuttle qualifier(Side left, Side right) {
        return new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (id.isStar()) return id;
                String name;
                if (id.names.size() == 2) {
                    String q = id.names.get(0);
                    if (!q.equals(left.qualifier) && !q.equals(right.qualifier))
                        throw new ProxistException(ErrorCode.UNKNOWN_IDENTIFIER, "Unknown identifier: " + id);
                    name = q + "." + id.names.get(1);
                } else if (id.names.size() == 1) {
                    String c = id.getSimple();
                    if (left.schema.column(c).isPresent()) name = left.col(c);
                    else if (right.schema.column(c).isPresent()) name = right.col(c);
                    else throw new ProxistException(ErrorCode.UNKNOWN_IDENTIFIER, "Missing columns: '" + c + "'");
                } else throw new ProxistException(ErrorCode.UNKNOWN_IDENTIFIER, "Unknown identifier: " + id);
                return new SqlIdentifier(name, id.getParserPosition());
            }
        };
    }

    private static ColumnDef rename(ColumnDef c, String name) {
        return new ColumnDef(name, c.type(), c.defaultKind(), c.defaultExpression(), c.comment());
    }

    private static List<String> columnsOf(List<String> needed, Side side, List<String> always) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : always) if (c != null) out.add(c);
        for (String n : needed)
            if (n.startsWith(side.qualifier + ".")) out.add(n.substring(side.qualifier.length() + 1));
        return new ArrayList<>(out);
    }

    private static boolean onlyOf(Expr e, Side side) {
        List<String> cols = new ArrayList<>();
        e.columns(cols);
        for (String c : cols) if (!c.startsWith(side.qualifier + ".")) return false;
        return true;
    }

    /** A condition or key over one side's columns, with the side's qualifier dropped. */
    private static SqlNode unqualified(SqlNode n, Side side) {
        return n.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                String s = id.getSimple();
                return new SqlIdentifier(s.substring(side.qualifier.length() + 1), id.getParserPosition());
            }
        });
    }

    private static SqlNode and(List<SqlNode> conds) {
        SqlNode out = null;
        for (SqlNode c : conds) out = out == null ? c : Sql.op(SqlStdOperatorTable.AND, out, c);
        return out;
    }

    /** {@code SELECT cols FROM table [WHERE] [ORDER BY] [LIMIT 1 BY limitOneBy] [LIMIT n]}, a scan for the seam. */
    private static SqlNode select(
            String table,
            List<String> cols,
            SqlNode where,
            List<SqlNode> order,
            List<Boolean> desc,
            long limit,
            String limitOneBy) {
        SqlNodeList select = new SqlNodeList(POS);
        for (String c : cols) select.add(Sql.id(c));
        SqlNodeList orderList = null;
        if (!order.isEmpty()) {
            orderList = new SqlNodeList(POS);
            for (int i = 0; i < order.size(); i++)
                orderList.add(desc.get(i) ? Sql.op(SqlStdOperatorTable.DESC, order.get(i)) : order.get(i));
        }
        if (limitOneBy == null)
            return new SqlSelect(
                    POS,
                    null,
                    select,
                    Sql.id(table),
                    where,
                    null,
                    null,
                    null,
                    null,
                    orderList,
                    null,
                    limit < 0 ? null : Sql.num(limit),
                    null);
        return new io.proxist.planner.parse.ClickHouseSelect(
                POS,
                null,
                select,
                Sql.id(table),
                where,
                null,
                null,
                null,
                orderList,
                null,
                limit < 0 ? null : Sql.num(limit),
                new SqlNodeList(List.of(Sql.id(limitOneBy)), POS),
                null,
                Sql.num(1L));
    }

    private static List<SqlNode> conjuncts(SqlNode where) {
        List<SqlNode> out = new ArrayList<>();
        if (where == null) return out;
        if (where instanceof SqlCall c && c.getKind() == SqlKind.AND) {
            for (SqlNode o : c.getOperandList()) out.addAll(conjuncts(o));
        } else out.add(where);
        return out;
    }

    private static long count(SqlNode n, long absent) {
        if (n == null) return absent;
        if (n instanceof org.apache.calcite.sql.SqlNumericLiteral l) return l.longValue(true);
        throw Shape.unsupported("LIMIT or OFFSET that is not a number");
    }
}
