package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.store.BlockMaterializer;
import io.proxist.hot.store.Chunk;
import io.proxist.hot.store.SeriesCursor;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableLayout;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.planner.expr.ColumnRef;
import io.proxist.planner.expr.Compare;
import io.proxist.planner.expr.Expr;
import io.proxist.planner.expr.ExprCompiler;
import io.proxist.planner.expr.InList;
import io.proxist.planner.expr.Literal;
import io.proxist.planner.expr.Logic;
import io.proxist.planner.expr.ValueKind;
import io.proxist.planner.expr.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Answers one query over an owned table as ClickHouse would over every acknowledged row: the rows at or after the
 * seam come from the hot snapshot, the rows before it from the backend, and the two are stitched.
 *
 * <p>The seam of a query is {@code F = max(snapshot.evictedBelow(), source.floor(table))}. Memory holds every
 * acknowledged row with {@code ts >= F} (eviction only removes rows below its bound, and the floor covers rows the
 * process never had), so the hot part is memory's rows at or after F. The backend is asked only for rows before F;
 * the rows memory still holds below F (late rows, rows not yet evicted) are not read from memory, but the query
 * first waits until the highest WAL position among their chunks is confirmed, so the backend has them. A row is
 * thus read exactly once, from exactly one side, whatever the watermark and the flushes in flight.
 *
 * <p>Scans: the backend returns the needed columns of rows before F that pass the WHERE (with ORDER BY and LIMIT
 * pushed down when there is a LIMIT); memory's rows are filtered the same way; all expressions, the order and the
 * limit are then applied to the union. Aggregations: the backend returns partial states per group (count, sum,
 * min/max with row counts, argMax with its maximum, ...), memory accumulates the same states, and the states merge.
 */
public final class SeamExecutor {
    private final SeamSource source;
    private final SeamTrace trace;

    public SeamExecutor(SeamSource source) {
        this(source, new SeamTrace());
    }

    /** An executor recording what each query does into {@code trace}. */
    public SeamExecutor(SeamSource source, SeamTrace trace) {
        this.source = source;
        this.trace = trace;
    }

    /** The owned table a query reads, when it is one SELECT from one table; null otherwise. */
    public static String tableOf(SqlNode query) {
        return Shape.tableOf(query);
    }

    /** The owned tables a query reads: one for a SELECT from one table, two for an ASOF JOIN; null otherwise. */
    public static List<String> tablesOf(SqlNode query) {
        String one = Shape.tableOf(query);
        return one != null ? List.of(one) : AsofSeam.tablesOf(query);
    }

    public Block execute(SqlNode query, long nowNanos) {
        if (AsofSeam.tablesOf(query) != null) {
            trace.plan("asof join");
            return new AsofSeam(this, source).execute(query, nowNanos);
        }
        Shape sh = Shape.of(query);
        TableSchema schema = source.schema(sh.table());
        if (schema == null) throw new IllegalArgumentException("not an owned table: " + sh.table());
        ExprCompiler cc = new ExprCompiler(schema, nowNanos);
        Aliases aliases = new Aliases(sh.select());
        sh = expandAliases(sh, aliases);
        Expr where = sh.where() == null ? null : cc.compile(sh.where());
        if (where != null && where.kind() == ValueKind.STRING)
            throw new ProxistException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type String of column for filter");
        boolean aggregating = !sh.groupBy().isEmpty() || sh.having() != null;
        for (SqlNode n : sh.select()) aggregating |= ExprCompiler.containsAggregate(Shape.unalias(n));
        trace.plan(aggregating ? "aggregate" : windowed(sh) ? "window scan" : "scan");
        long t0 = System.nanoTime();
        int before = trace.steps().size();
        Block out = aggregating ? aggregate(sh, schema, cc, where) : scan(sh, schema, cc, where);
        // the stitch: what this query spent beyond its reads (merging, ordering, expressions, windows)
        long reads = 0;
        for (int i = before; i < trace.steps().size(); i++)
            reads += trace.steps().get(i).nanos();
        long end = System.nanoTime();
        trace.add(new SeamTrace.Step(
                "stitch", sh.table(), end - Math.max(0, end - t0 - reads), end, out.rows(), 0, null));
        return out;
    }

    private static boolean windowed(Shape sh) {
        for (SqlNode n : sh.select()) if (hasWindow(n)) return true;
        return false;
    }

    private static boolean hasWindow(SqlNode n) {
        if (!(n instanceof org.apache.calcite.sql.SqlCall c)) return false;
        if (c.getKind() == org.apache.calcite.sql.SqlKind.OVER) return true;
        for (SqlNode o : c.getOperandList()) if (o != null && hasWindow(o)) return true;
        return false;
    }

    /** The shape with select aliases replaced by their expressions wherever they are used. */
    private static Shape expandAliases(Shape sh, Aliases aliases) {
        List<SqlNode> select = new ArrayList<>();
        for (SqlNode n : sh.select()) {
            String alias = Shape.aliasOf(n);
            SqlNode e = aliases.expand(Shape.unalias(n));
            select.add(
                    alias == null
                            ? e
                            : org.apache.calcite.sql.fun.SqlStdOperatorTable.AS.createCall(
                                    org.apache.calcite.sql.parser.SqlParserPos.ZERO,
                                    e,
                                    new SqlIdentifier(alias, org.apache.calcite.sql.parser.SqlParserPos.ZERO)));
        }
        List<SqlNode> groupBy = new ArrayList<>();
        for (SqlNode g : sh.groupBy()) groupBy.add(aliases.expand(g));
        List<SqlNode> orderBy = new ArrayList<>();
        for (SqlNode o : sh.orderBy()) orderBy.add(o instanceof SqlIdentifier ? o : aliases.expand(o));
        return new Shape(
                sh.table(),
                select,
                aliases.expand(sh.where()),
                groupBy,
                aliases.expand(sh.having()),
                orderBy,
                sh.descending(),
                sh.offset(),
                sh.limit(),
                sh.limitBy(),
                sh.limitByOffset(),
                sh.limitByCount(),
                sh.windows());
    }

    // ---------------------------------------------------------------- scans

    private Block scan(Shape sh, TableSchema schema, ExprCompiler cc, Expr where) {
        List<String> names = new ArrayList<>();
        List<Expr> items = new ArrayList<>();
        List<WindowCall> windows = new ArrayList<>();
        ExprCompiler.Aggregates windowSink = new ExprCompiler.Aggregates() {
            @Override
            public Expr aggregate(String function, List<SqlNode> args, String name) {
                throw new IllegalStateException("aggregate in a scan: " + name);
            }

            @Override
            public Expr groupKey(String name) {
                return null;
            }

            @Override
            public Expr window(org.apache.calcite.sql.SqlCall over) {
                WindowCall w = WindowCall.of(over, sh.windows(), cc);
                for (int i = 0; i < windows.size(); i++)
                    if (windows.get(i).name.equals(w.name)) return new ColumnRef("#w" + i, w.type);
                windows.add(w);
                return new ColumnRef("#w" + (windows.size() - 1), w.type);
            }
        };
        for (SqlNode n : sh.select()) {
            if (n instanceof SqlIdentifier id && id.isStar()) {
                for (ColumnDef c : schema.columns()) {
                    if (c.defaultKind().equals("ALIAS") || c.defaultKind().equals("MATERIALIZED")) continue;
                    names.add(c.name());
                    items.add(new ColumnRef(c.name(), c.type()));
                }
                continue;
            }
            SqlNode item = Shape.unalias(n);
            Expr e = cc.compile(item, windowSink);
            String alias = Shape.aliasOf(n);
            names.add(alias != null ? alias : windowName(cc, item, windows.size(), e));
            items.add(e);
        }
        String tsName = tsColumn(schema);
        String seqName = seqColumn(schema);
        List<Expr> order = new ArrayList<>();
        for (SqlNode o : sh.orderBy()) order.add(resolve(o, names, items, cc, null));
        List<Expr> by = new ArrayList<>();
        for (SqlNode o : sh.limitBy()) by.add(resolve(o, names, items, cc, null));
        List<String> needed = new ArrayList<>();
        for (Expr e : items) e.columns(needed);
        for (Expr e : order) e.columns(needed);
        for (Expr e : by) e.columns(needed);
        if (where != null) where.columns(needed);
        for (WindowCall w : windows) {
            w.columns(needed);
            needed.add(tsName);
            if (seqName != null) needed.add(seqName);
        }
        needed = new ArrayList<>(new java.util.LinkedHashSet<>(needed));
        needed.removeIf(c -> c.startsWith("#w")); // computed after the union
        boolean windowed = !windows.isEmpty();
        boolean newestFirstLimit = !windowed
                && !order.isEmpty()
                && order.getFirst() instanceof ColumnRef o0
                && o0.column().equals(tsColumn(schema))
                && sh.descending().getFirst()
                && sh.limit() != Long.MAX_VALUE
                && sh.offset() + sh.limit() <= Integer.MAX_VALUE;
        boolean newestFirst = !windowed
                && !order.isEmpty()
                && order.getFirst() instanceof ColumnRef o1
                && o1.column().equals(tsColumn(schema))
                && sh.descending().getFirst();
        // LIMIT n BY the symbol, newest first: each series contributes at most its newest offset + n rows
        boolean bySeries = by.size() == 1
                && by.getFirst() instanceof ColumnRef b0
                && b0.column().equals(seriesColumn(schema))
                && sh.limitByCount() != Long.MAX_VALUE
                && sh.limitByOffset() + sh.limitByCount() <= Integer.MAX_VALUE;
        int tail = 0;
        if (newestFirstLimit) tail = (int) (sh.offset() + sh.limit());
        if (newestFirst && bySeries) {
            int perSeries = (int) (sh.limitByOffset() + sh.limitByCount());
            tail = tail == 0 ? perSeries : Math.min(tail, perSeries);
        }
        Side side = read(sh.table(), schema, where, needed, tail);

        List<Block> parts = new ArrayList<>();
        Block hotRows = where == null ? side.hot : Blocks.filter(side.hot, where.eval(side.hot));
        // newest first with a LIMIT: every backend row is older than every memory row, so when memory has enough
        // rows the backend cannot contribute
        boolean enough = newestFirst
                && by.isEmpty()
                && sh.limit() != Long.MAX_VALUE
                && hotRows.rows() >= sh.offset() + sh.limit();
        if (side.coldWhere != null && !enough) {
            long limit = sh.limit() == Long.MAX_VALUE ? -1 : sh.offset() + sh.limit();
            List<org.apache.calcite.sql.SqlNode> cols = new ArrayList<>();
            for (String c : needed) cols.add(io.proxist.planner.expr.Sql.id(c));
            List<org.apache.calcite.sql.SqlNode> keys = new ArrayList<>();
            for (Expr e : order) keys.add(e.toSql(source.backend()));
            String sql;
            if (windowed || !source.pushdown()) {
                // a window's frames need every row the WHERE keeps; order and limits apply after the windows
                sql = ColdSql.select(
                        source.database(), sh.table(), cols, side.coldWhere, List.of(), List.of(), List.of(), -1);
            } else if (by.isEmpty()) {
                sql = ColdSql.select(
                        source.database(), sh.table(), cols, side.coldWhere, List.of(), keys, sh.descending(), limit);
            } else {
                // each group's first offset + n rows of the union are among the first offset + n of either side;
                // the global LIMIT cannot go down with it (rows the union caps would push the backend's further)
                List<SqlNode> byKeys = new ArrayList<>();
                for (Expr e : by) byKeys.add(e.toSql(source.backend()));
                long perGroup =
                        sh.limitByCount() == Long.MAX_VALUE ? Long.MAX_VALUE : sh.limitByOffset() + sh.limitByCount();
                sql = ColdSql.selectLimitBy(
                        source.database(), sh.table(), cols, side.coldWhere, keys, sh.descending(), byKeys, perGroup);
            }
            parts.addAll(cold(side, sql, sh.table()));
        }
        parts.add(side.hot);
        Block rows = Blocks.concat(needed, side.types, parts);
        if (where != null) rows = Blocks.filter(rows, where.eval(rows));
        if (windowed) {
            List<String> wn = new ArrayList<>(rows.names());
            List<Column> wc = new ArrayList<>(rows.columns());
            for (int i = 0; i < windows.size(); i++) {
                wn.add("#w" + i);
                wc.add(windows.get(i).compute(rows, tsName, seqName));
            }
            rows = new Block(wn, wc, rows.rows());
        }
        if (!order.isEmpty()) {
            List<Column> keys = new ArrayList<>();
            for (Expr e : order) keys.add(e.eval(rows));
            rows = Blocks.gather(rows, Blocks.order(rows.rows(), keys, sh.descending()));
        }
        if (!by.isEmpty()) rows = limitBy(rows, by, sh.limitByOffset(), sh.limitByCount());
        rows = Blocks.slice(
                rows, sh.offset(), sh.limit() == Long.MAX_VALUE ? Long.MAX_VALUE : sh.offset() + sh.limit());
        List<Column> out = new ArrayList<>();
        for (Expr e : items) out.add(Columns.withType(e.eval(rows), e.type()));
        return new Block(names, out, rows.rows());
    }

    /** {@code LIMIT [offset,] n BY keys}: of each key's rows, in the order they come, those at offset .. offset + n. */
    private static Block limitBy(Block rows, List<Expr> by, long offset, long count) {
        List<Column> keys = new ArrayList<>();
        for (Expr e : by) keys.add(e.eval(rows));
        Map<List<Object>, long[]> seen = new java.util.HashMap<>();
        int[] keep = new int[rows.rows()];
        int k = 0;
        for (int r = 0; r < rows.rows(); r++) {
            List<Object> key = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                Column c = keys.get(i);
                key.add(
                        switch (ValueKind.of(c.type())) {
                            case LONG -> Vectors.lng(c, r);
                            case DOUBLE -> Vectors.dbl(c, r);
                            case STRING -> ((BytesColumn) c).getString(r);
                        });
            }
            long n = seen.computeIfAbsent(key, x -> new long[1])[0]++;
            if (n >= offset && n - offset < count) keep[k++] = r;
        }
        return Blocks.gather(rows, Arrays.copyOf(keep, k));
    }

    /** An ORDER BY (or GROUP BY) item: an alias of the select list, or an expression. */
    private static Expr resolve(
            SqlNode o, List<String> names, List<Expr> items, ExprCompiler cc, ExprCompiler.Aggregates aggs) {
        if (o instanceof SqlIdentifier id && id.isSimple()) {
            int at = names.indexOf(id.getSimple());
            if (at >= 0) return items.get(at);
        }
        if (o instanceof org.apache.calcite.sql.SqlNumericLiteral n) {
            int pos = n.intValue(true);
            if (pos < 1 || pos > items.size())
                throw new ProxistException(ErrorCode.BAD_ARGUMENTS, "Positional argument out of bounds: " + pos);
            return items.get(pos - 1);
        }
        return cc.compile(o, aggs);
    }

    // ---------------------------------------------------------------- aggregation

    private Block aggregate(Shape sh, TableSchema schema, ExprCompiler cc, Expr where) {
        if (!sh.limitBy().isEmpty()) throw Shape.unsupported("LIMIT n BY with aggregation");
        // select aliases usable in GROUP BY
        Map<String, SqlNode> aliases = new LinkedHashMap<>();
        for (SqlNode n : sh.select()) if (Shape.aliasOf(n) != null) aliases.put(Shape.aliasOf(n), Shape.unalias(n));
        List<Expr> keys = new ArrayList<>();
        for (SqlNode g : sh.groupBy()) {
            SqlNode k = g instanceof SqlIdentifier id
                            && id.isSimple()
                            && aliases.containsKey(id.getSimple())
                            && schema.column(id.getSimple()).isEmpty()
                    ? aliases.get(id.getSimple())
                    : g;
            Expr e = cc.compile(k);
            keys.add(e);
        }
        List<AggCall> calls = new ArrayList<>();
        ExprCompiler.Aggregates sink = new ExprCompiler.Aggregates() {
            @Override
            public Expr aggregate(String function, List<SqlNode> args, String name) {
                for (int i = 0; i < calls.size(); i++)
                    if (calls.get(i).name.equals(name)) return new ColumnRef("#a" + i, calls.get(i).type);
                List<Expr> a = new ArrayList<>();
                for (SqlNode n : args) {
                    if (ExprCompiler.containsAggregate(n))
                        throw new ProxistException(
                                ErrorCode.ILLEGAL_AGGREGATION,
                                "Aggregate function " + name + " is found inside another aggregate function");
                    a.add(cc.compile(n));
                }
                calls.add(new AggCall(function, a, name));
                return new ColumnRef("#a" + (calls.size() - 1), calls.getLast().type);
            }

            @Override
            public Expr groupKey(String name) {
                for (int i = 0; i < keys.size(); i++)
                    if (keys.get(i).name().equals(name))
                        return new ColumnRef("#k" + i, keys.get(i).type());
                return null;
            }
        };
        List<String> names = new ArrayList<>();
        List<Expr> items = new ArrayList<>();
        for (SqlNode n : sh.select()) {
            if (n instanceof SqlIdentifier id && id.isStar()) throw Shape.unsupported("* with GROUP BY");
            Expr e = cc.compile(Shape.unalias(n), sink);
            String alias = Shape.aliasOf(n);
            names.add(alias != null ? alias : postAggName(cc, Shape.unalias(n)));
            items.add(e);
        }
        Expr having = sh.having() == null ? null : cc.compile(sh.having(), sink);
        List<Expr> order = new ArrayList<>();
        for (SqlNode o : sh.orderBy()) order.add(resolve(o, names, items, cc, sink));
        List<Expr> post = new ArrayList<>(items);
        if (having != null) post.add(having);
        post.addAll(order);
        for (Expr e : post) {
            List<String> cols = new ArrayList<>();
            e.columns(cols);
            for (String c : cols)
                if (!c.startsWith("#"))
                    throw new ProxistException(
                            ErrorCode.NOT_AN_AGGREGATE,
                            "Column " + c + " is not under aggregate function and not in GROUP BY");
        }

        List<String> needed = new ArrayList<>();
        for (Expr k : keys) k.columns(needed);
        for (AggCall a : calls) {
            if (a.arg != null) a.arg.columns(needed);
            if (a.by != null) a.by.columns(needed);
        }
        if (where != null) where.columns(needed);
        if (needed.isEmpty()) needed.add(schema.columns().get(1).name());
        boolean latestOnly = !calls.isEmpty();
        String tsName = tsColumn(schema);
        for (AggCall a : calls) {
            latestOnly &= (a.fn == AggCall.Fn.ARG_MAX
                            && a.by instanceof ColumnRef r
                            && r.column().equals(tsName))
                    || (a.fn == AggCall.Fn.MAX
                            && a.arg instanceof ColumnRef r2
                            && r2.column().equals(tsName));
        }
        boolean perSeries = keys.isEmpty()
                || (keys.size() == 1
                        && keys.getFirst() instanceof ColumnRef k
                        && k.column().equals(seriesColumn(schema)));
        Side side = read(sh.table(), schema, where, needed, latestOnly && perSeries ? 1 : 0);

        Groups groups = new Groups(keys, calls);
        Block hot = side.hot;
        if (where != null) hot = Blocks.filter(hot, where.eval(hot));
        groups.addHot(hot);
        if (side.coldWhere != null && !source.pushdown()) {
            // no partial states: the backend's rows themselves, aggregated here like memory's
            List<SqlNode> cols = new ArrayList<>();
            for (String c : needed) cols.add(io.proxist.planner.expr.Sql.id(c));
            String sql = ColdSql.select(
                    source.database(), sh.table(), cols, side.coldWhere, List.of(), List.of(), List.of(), -1);
            for (Block b : cold(side, sql, sh.table())) {
                Block rows = Blocks.concat(needed, side.types, List.of(b));
                groups.addHot(where == null ? rows : Blocks.filter(rows, where.eval(rows)));
            }
        } else if (side.coldWhere != null && !latestInMemory(calls, keys, side, groups)) {
            List<SqlNode> cols = new ArrayList<>();
            List<SqlNode> groupBy = new ArrayList<>();
            for (Expr k : keys) {
                cols.add(k.toSql(source.backend()));
                groupBy.add(k.toSql(source.backend()));
            }
            for (AggCall a : calls) cols.addAll(Arrays.asList(a.partials(source.backend())));
            String sql = ColdSql.select(
                    source.database(), sh.table(), cols, side.coldWhere, groupBy, List.of(), List.of(), -1);
            for (Block b : cold(side, sql, sh.table())) groups.mergeCold(b);
        }
        Block inter = groups.finish(keys.isEmpty());
        if (having != null) inter = Blocks.filter(inter, having.eval(inter));
        if (!order.isEmpty()) {
            List<Column> ks = new ArrayList<>();
            for (Expr e : order) ks.add(e.eval(inter));
            inter = Blocks.gather(inter, Blocks.order(inter.rows(), ks, sh.descending()));
        }
        inter = Blocks.slice(
                inter, sh.offset(), sh.limit() == Long.MAX_VALUE ? Long.MAX_VALUE : sh.offset() + sh.limit());
        List<Column> out = new ArrayList<>();
        for (Expr e : items) out.add(Columns.withType(e.eval(inter), e.type()));
        return new Block(names, out, inter.rows());
    }

    /**
     * Whether the backend cannot change the answer: every aggregate is the latest by time ({@code argMax(x, ts)},
     * {@code max(ts)}, {@code anyLast} is not: its row is any) and every group the query can have is already in
     * memory (no GROUP BY and a row in memory; or GROUP BY the series column with the WHERE naming the series, each
     * with a row in memory). Backend rows are all older than memory's, so they lose every comparison.
     */
    private static boolean latestInMemory(List<AggCall> calls, List<Expr> keys, Side side, Groups groups) {
        if (calls.isEmpty()) return false;
        for (AggCall a : calls) {
            boolean byTs = a.fn == AggCall.Fn.ARG_MAX
                    && a.by instanceof ColumnRef r
                    && r.column().equals(side.tsName());
            boolean maxTs = a.fn == AggCall.Fn.MAX
                    && a.arg instanceof ColumnRef r2
                    && r2.column().equals(side.tsName());
            if (!byTs && !maxTs) return false;
        }
        if (keys.isEmpty()) return groups.size() > 0;
        if (keys.size() != 1
                || side.symbols() == null
                || !(keys.getFirst() instanceof ColumnRef k)
                || !k.column().equals(side.seriesColumn())) return false;
        return groups.size() >= side.symbols().size() && groups.coversSeriesColumn(k.column(), side);
    }

    /** ClickHouse's name of a select item that may contain aggregates. */
    private static String postAggName(ExprCompiler cc, SqlNode n) {
        Expr e = cc.compile(n, new ExprCompiler.Aggregates() {
            @Override
            public Expr aggregate(String function, List<SqlNode> args, String name) {
                return new ColumnRef(name, Vectors.FLOAT64);
            }

            @Override
            public Expr groupKey(String name) {
                return null;
            }
        });
        return e.name();
    }

    /** The time column: the first DateTime64 of the ORDER BY key. */
    private String tsColumn(TableSchema schema) {
        TableLayout layout = source.snapshot(schema.name()).layout();
        return layout.column(layout.tsColumn()).name();
    }

    /** The seq column of the (ts, seq) order, or null. */
    private String seqColumn(TableSchema schema) {
        TableLayout layout = source.snapshot(schema.name()).layout();
        return layout.seqColumn() < 0 ? null : layout.column(layout.seqColumn()).name();
    }

    /** A select item's ClickHouse name: a window call's own name when the item is one, else the expression's. */
    private static String windowName(ExprCompiler cc, SqlNode item, int windowCount, Expr e) {
        if (windowCount == 0) return e.name();
        return cc.compile(item, new ExprCompiler.Aggregates() {
                    @Override
                    public Expr aggregate(String function, List<SqlNode> args, String name) {
                        throw new IllegalStateException(name);
                    }

                    @Override
                    public Expr groupKey(String name) {
                        return null;
                    }

                    @Override
                    public Expr window(org.apache.calcite.sql.SqlCall over) {
                        return new ColumnRef(WindowCall.name(over, cc), Vectors.FLOAT64);
                    }
                })
                .name();
    }

    /** The series column when the series key is one column, else null. */
    private String seriesColumn(TableSchema schema) {
        TableLayout layout = source.snapshot(schema.name()).layout();
        return layout.seriesKeyParts() == 1
                ? layout.column(layout.seriesColumn(0)).name()
                : null;
    }

    // ---------------------------------------------------------------- the two sides

    /** The memory side and what the backend side must add. */
    private record Side(
            Block hot,
            List<DataType> types,
            SqlNode coldWhere,
            long awaitLsn,
            String tsName,
            String seriesColumn,
            Set<String> symbols) {}

    /** Runs the backend part: first waits until memory's rows below the seam are there, then asks for the rest. */
    private List<Block> cold(Side side, String sql, String table) {
        long t0 = System.nanoTime();
        if (side.awaitLsn() != Long.MIN_VALUE) source.awaitPersisted(table, side.awaitLsn());
        long t1 = System.nanoTime();
        List<Block> out = source.cold(sql);
        long rows = 0;
        for (Block b : out) rows += b.rows();
        trace.add(new SeamTrace.Step("cold", table, t0, System.nanoTime(), rows, t1 - t0, sql));
        return out;
    }

    private Side read(String table, TableSchema schema, Expr where, List<String> needed, int tail) {
        long t0 = System.nanoTime();
        Side side = readHot(table, schema, where, needed, tail);
        trace.add(new SeamTrace.Step(
                "hot", table, t0, System.nanoTime(), side.hot().rows(), 0, null));
        return side;
    }

    private Side readHot(String table, TableSchema schema, Expr where, List<String> needed, int tail) {
        TableSnapshot snap = source.snapshot(table);
        TableLayout layout = snap.layout();
        String tsName = layout.column(layout.tsColumn()).name();
        List<DataType> types = new ArrayList<>();
        for (String c : needed) {
            ColumnDef d = schema.column(c).orElseThrow();
            if (d.defaultKind().equals("ALIAS")) throw Shape.unsupported("ALIAS column " + c);
            types.add(Columns.plainType(d.type()));
        }
        long lo = Long.MIN_VALUE, hi = Long.MAX_VALUE;
        Set<String> symbols = null;
        String seriesColumn = layout.seriesKeyParts() == 1
                ? layout.column(layout.seriesColumn(0)).name()
                : null;
        boolean onlyBounds = true;
        for (Expr c : conjuncts(where)) {
            boolean bound = false;
            if (c instanceof Compare cmp && cmp.left() instanceof ColumnRef r && cmp.right() instanceof Literal l) {
                if (r.column().equals(tsName) && ValueKind.isTimestamp(l.type())) {
                    long v = l.longValue();
                    switch (cmp.op()) {
                        case GE -> lo = Math.max(lo, v);
                        case GT -> lo = Math.max(lo, v == Long.MAX_VALUE ? v : v + 1);
                        case LT -> hi = Math.min(hi, v);
                        case LE -> hi = Math.min(hi, v == Long.MAX_VALUE ? v : v + 1);
                        case EQ -> {
                            lo = Math.max(lo, v);
                            hi = Math.min(hi, v == Long.MAX_VALUE ? v : v + 1);
                        }
                        default -> {}
                    }
                    bound = cmp.op() != Compare.Op.NE;
                } else if (r.column().equals(seriesColumn)
                        && cmp.op() == Compare.Op.EQ
                        && l.kind() == ValueKind.STRING) {
                    symbols = intersect(symbols, Set.of(l.stringValue()));
                    bound = true;
                }
            } else if (c instanceof InList in
                    && !in.negated()
                    && in.operand() instanceof ColumnRef r
                    && r.column().equals(seriesColumn)
                    && in.operand().kind() == ValueKind.STRING) {
                Set<String> s = new HashSet<>();
                for (Literal l : in.values()) s.add(l.stringValue());
                symbols = intersect(symbols, s);
                bound = true;
            }
            onlyBounds &= bound;
        }
        long floor = Math.max(snap.evictedBelow(), source.floor(table));
        List<Integer> series = new ArrayList<>();
        if (symbols != null) {
            for (String s : symbols) {
                int no = snap.findSeries(s);
                if (no >= 0) series.add(no);
            }
            series.sort((a, b) -> Integer.compare(snap.keyRank(a), snap.keyRank(b)));
        } else {
            for (int r = 0; r < snap.seriesCount(); r++) series.add(snap.seriesInKeyOrder(r));
        }
        // rows memory holds below the seam are read from the backend: wait until they are there
        boolean coldNeeded = floor != Long.MIN_VALUE && lo < floor && source.coldMin(table) < floor;
        long awaitLsn = Long.MIN_VALUE;
        if (coldNeeded) {
            long lsn = Long.MIN_VALUE;
            for (int no : series) {
                SeriesSnapshot s = snap.series(no);
                if (s.isEmpty() || s.firstTs() >= floor) continue;
                for (int c = 0; c < s.chunkCount(); c++) {
                    Chunk ch = s.chunk(c);
                    if (ch.timestamps()[s.rowsFrom(c)] >= floor) break;
                    lsn = Math.max(lsn, ch.maxLsn());
                }
            }
            awaitLsn = lsn;
        }
        BlockMaterializer m = new BlockMaterializer(layout, needed);
        SeriesCursor cur = new SeriesCursor();
        long from = Math.max(lo, floor);
        for (int no : series) {
            if (tail > 0 && onlyBounds) appendTail(m, snap, no, from, hi, tail);
            else
                for (cur.of(snap.series(no), from, hi); cur.next(); )
                    m.append(snap, no, cur.chunk(), cur.lo(), cur.hi());
        }
        Block hot = m.build();
        SqlNode coldWhere = null;
        if (coldNeeded) {
            SqlNode seam = io.proxist.planner.expr.Sql.op(
                    org.apache.calcite.sql.fun.SqlStdOperatorTable.LESS_THAN,
                    io.proxist.planner.expr.Sql.id(tsName),
                    Literal.ofTimestamp(floor, "seam").toSql(source.backend()));
            coldWhere = where == null
                    ? seam
                    : io.proxist.planner.expr.Sql.op(
                            org.apache.calcite.sql.fun.SqlStdOperatorTable.AND, where.toSql(source.backend()), seam);
        }
        return new Side(hot, types, coldWhere, awaitLsn, tsName, seriesColumn, symbols);
    }

    /**
     * The newest {@code k} rows of a series with {@code from <= ts < to}, oldest first: what a newest-first LIMIT
     * or a latest-by-time aggregate needs from memory, found by one binary search instead of a scan.
     */
    private static void appendTail(BlockMaterializer m, TableSnapshot snap, int no, long from, long to, int k) {
        SeriesSnapshot s = snap.series(no);
        if (s.isEmpty() || from >= to) return;
        long end = to == Long.MAX_VALUE ? s.endPosition() : s.lowerBound(to);
        int c = SeriesSnapshot.chunkOf(end);
        int r = SeriesSnapshot.rowOf(end);
        if (c >= s.chunkCount()) { // the end: after the last row of the last chunk
            c = s.chunkCount() - 1;
            r = s.rowsTo(c);
        }
        List<int[]> ranges = new ArrayList<>();
        int left = k;
        while (left > 0) {
            long[] ts = s.chunk(c).timestamps();
            int lo = Math.max(s.rowsFrom(c), r - left);
            while (lo < r && ts[lo] < from) lo++;
            if (lo < r) {
                ranges.add(new int[] {c, lo, r});
                left -= r - lo;
            }
            boolean olderBeforeRange = lo > s.rowsFrom(c) && ts[lo - 1] < from;
            if (olderBeforeRange || left <= 0 || c == 0) break;
            c--;
            r = s.rowsTo(c);
        }
        for (int i = ranges.size() - 1; i >= 0; i--) {
            int[] x = ranges.get(i);
            m.append(snap, no, s.chunk(x[0]), x[1], x[2]);
        }
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a == null) return new HashSet<>(b);
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static List<Expr> conjuncts(Expr e) {
        if (e == null) return List.of();
        if (e instanceof Logic l && l.op() == Logic.Op.AND) {
            List<Expr> out = new ArrayList<>();
            for (Expr a : l.args()) out.addAll(conjuncts(a));
            return out;
        }
        return List.of(e);
    }

    // ---------------------------------------------------------------- groups

    /** The group table: key values to the states of every aggregate. */
    private static final class Groups {
        private final List<Expr> keys;
        private final List<AggCall> calls;
        private final Map<Key, AggCall.State[]> map = new LinkedHashMap<>();

        Groups(List<Expr> keys, List<AggCall> calls) {
            this.keys = keys;
            this.calls = calls;
        }

        private record Key(Object[] v) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && Arrays.equals(v, k.v);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(v);
            }
        }

        private AggCall.State[] states(Column[] keyCols, int row) {
            Object[] v = new Object[keyCols.length];
            for (int k = 0; k < v.length; k++)
                v[k] = value(keyCols[k], keys.get(k).type(), row);
            return map.computeIfAbsent(new Key(v), x -> {
                AggCall.State[] s = new AggCall.State[calls.size()];
                for (int i = 0; i < s.length; i++) s[i] = calls.get(i).newState();
                return s;
            });
        }

        private static boolean sameKey(Column[] keyCols, int x, int y) {
            for (Column c : keyCols) {
                boolean same =
                        switch (c) {
                            case BytesColumn bc -> Vectors.compareBytes(bc, x, bc, y) == 0;
                            case io.proxist.core.block.LongColumn lc -> lc.values()[x] == lc.values()[y];
                            case io.proxist.core.block.DoubleColumn dc ->
                                Double.doubleToLongBits(dc.values()[x]) == Double.doubleToLongBits(dc.values()[y]);
                            default -> false;
                        };
                if (!same) return false;
            }
            return true;
        }

        private static Object value(Column c, DataType t, int row) {
            return switch (ValueKind.of(t)) {
                case LONG -> Vectors.lng(c, row);
                case DOUBLE -> Vectors.dbl(c, row);
                case STRING -> ((BytesColumn) c).getString(row);
            };
        }

        int size() {
            return map.size();
        }

        /** Whether the groups are exactly the WHERE's series (the key being the series column). */
        boolean coversSeriesColumn(String column, Side side) {
            Set<String> seen = new HashSet<>();
            for (Key k : map.keySet()) if (k.v()[0] instanceof String str) seen.add(str);
            return seen.containsAll(side.symbols());
        }

        void mergeCold(Block b) {
            int nk = keys.size();
            Column[] keyCols = new Column[nk];
            for (int k = 0; k < nk; k++) keyCols[k] = b.column(k);
            Column[][] partials = new Column[calls.size()][];
            int at = nk;
            for (int a = 0; a < calls.size(); a++) {
                partials[a] = new Column[calls.get(a).partialCount()];
                for (int p = 0; p < partials[a].length; p++) partials[a][p] = b.column(at++);
            }
            for (int r = 0; r < b.rows(); r++) {
                AggCall.State[] s = states(keyCols, r);
                for (int a = 0; a < s.length; a++) s[a].merge(partials[a], r);
            }
        }

        void addHot(Block b) {
            if (b.rows() == 0) return;
            Column[] keyCols = new Column[keys.size()];
            for (int k = 0; k < keyCols.length; k++) keyCols[k] = keys.get(k).eval(b);
            Column[] args = new Column[calls.size()], bys = new Column[calls.size()];
            for (int a = 0; a < calls.size(); a++) {
                AggCall c = calls.get(a);
                args[a] = c.arg == null ? null : c.arg.eval(b);
                bys[a] = c.by == null ? null : c.by.eval(b);
            }
            // memory's rows come series by series: look a group up only when the key changes from the row before
            AggCall.State[] s = null;
            for (int r = 0; r < b.rows(); r++) {
                if (s == null || !sameKey(keyCols, r - 1, r)) s = states(keyCols, r);
                for (int a = 0; a < s.length; a++) s[a].add(args[a], bys[a], r);
            }
        }

        /** One row per group; without GROUP BY exactly one row, also over no rows. */
        Block finish(boolean global) {
            if (global && map.isEmpty()) states(new Column[0], 0);
            List<String> names = new ArrayList<>();
            List<ColumnBuilder> bs = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                names.add("#k" + k);
                bs.add(ColumnBuilder.forType(keys.get(k).type()));
            }
            for (int a = 0; a < calls.size(); a++) {
                names.add("#a" + a);
                bs.add(ColumnBuilder.forType(calls.get(a).type));
            }
            for (Map.Entry<Key, AggCall.State[]> e : map.entrySet()) {
                Object[] v = e.getKey().v();
                for (int k = 0; k < v.length; k++) {
                    ColumnBuilder b = bs.get(k);
                    switch (b) {
                        case LongColumnBuilder lb -> lb.appendLong((Long) v[k]);
                        case DoubleColumnBuilder db -> db.appendDouble((Double) v[k]);
                        case BytesColumnBuilder sb -> {
                            byte[] x = ((String) v[k]).getBytes(StandardCharsets.UTF_8);
                            sb.appendBytes(x, 0, x.length);
                        }
                        default -> throw new IllegalStateException(b.type().toString());
                    }
                }
                AggCall.State[] s = e.getValue();
                for (int a = 0; a < s.length; a++) s[a].finish(bs.get(keys.size() + a));
            }
            List<Column> cols = new ArrayList<>();
            for (ColumnBuilder b : bs) cols.add(b.build());
            return new Block(names, cols, map.size());
        }
    }
}
