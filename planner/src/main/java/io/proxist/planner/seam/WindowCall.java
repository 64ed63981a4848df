package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.hot.ops.DoubleList;
import io.proxist.hot.ops.RollingFn;
import io.proxist.hot.ops.RollingWindow;
import io.proxist.planner.expr.Expr;
import io.proxist.planner.expr.ExprCompiler;
import io.proxist.planner.expr.Literal;
import io.proxist.planner.expr.ValueKind;
import io.proxist.planner.expr.Vectors;
import io.proxist.planner.parse.ClickHouseParametricFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlWindow;

/**
 * One window function call, {@code f(args) OVER (PARTITION BY ... ORDER BY k ROWS|RANGE BETWEEN ... AND CURRENT
 * ROW)}, computed over the rows of a query after its WHERE: the rows from both sides of the seam, so a frame that
 * spans the seam sees the backend's rows as well as memory's.
 *
 * <p>Functions: count, sum, avg, min, max, first_value, last_value (any, anyLast), row_number, and ClickHouse's
 * {@code exponentialMovingAverage(halfLife)(x, t)} over {@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}.
 * Frames: ROWS {@code n PRECEDING} or {@code UNBOUNDED PRECEDING} to the current row; RANGE {@code offset PRECEDING}
 * or {@code UNBOUNDED PRECEDING} to the current row and its peers; the whole partition ({@code UNBOUNDED PRECEDING
 * AND UNBOUNDED FOLLOWING}, or no ORDER BY). Defaults as ClickHouse: with ORDER BY, {@code RANGE BETWEEN UNBOUNDED
 * PRECEDING AND CURRENT ROW}. A RANGE offset on a DateTime64 key is in seconds as ClickHouse reads it (fractions
 * allowed), or an {@code INTERVAL} down to nanoseconds (a Proxist extension: ClickHouse takes no INTERVAL there).
 *
 * <p>Rows equal on the window's ORDER BY are ordered by the table's (ts, seq), in the window's direction, so ROWS
 * frames are deterministic. Floating-point sum, avg, min, max and the moving average run on the hot operator
 * {@link RollingWindow} (prefix sums in double-double form, monotonic deques); integer sums are exact in 64 bits.
 */
final class WindowCall {
    enum Fn {
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX,
        FIRST_VALUE,
        LAST_VALUE,
        ROW_NUMBER,
        EMA
    }

    private static final long UNBOUNDED = Long.MAX_VALUE;

    final Fn fn;
    final Expr arg;
    final Expr timeArg;
    final double halfLife;
    final List<Expr> partition;
    final Expr order;
    final boolean descending;
    final boolean rowsFrame;
    /** ROWS: rows before the current one; RANGE: key units; {@link #UNBOUNDED}. */
    final long preceding;
    /** The frame runs to the partition's end. */
    final boolean wholePartition;

    final DataType type;
    final String name;

    private WindowCall(
            Fn fn,
            Expr arg,
            Expr timeArg,
            double halfLife,
            List<Expr> partition,
            Expr order,
            boolean descending,
            boolean rowsFrame,
            long preceding,
            boolean wholePartition,
            String name) {
        this.fn = fn;
        this.arg = arg;
        this.timeArg = timeArg;
        this.halfLife = halfLife;
        this.partition = partition;
        this.order = order;
        this.descending = descending;
        this.rowsFrame = rowsFrame;
        this.preceding = preceding;
        this.wholePartition = wholePartition;
        this.name = name;
        this.type = switch (fn) {
            case COUNT, ROW_NUMBER -> Vectors.UINT64;
            case AVG, EMA -> Vectors.FLOAT64;
            case SUM ->
                arg.kind() == ValueKind.DOUBLE
                        ? Vectors.FLOAT64
                        : ValueKind.isUnsigned(arg.type()) ? Vectors.UINT64 : Vectors.INT64;
            default -> Columns.plainType(arg.type());
        };
    }

    /** Compiles {@code call OVER window}; named windows come from the query's WINDOW clause. */
    static WindowCall of(SqlCall over, List<SqlNode> windowDecls, ExprCompiler cc) {
        SqlCall f = over.operand(0);
        SqlWindow w = window(over.operand(1), windowDecls);
        String fname = ExprCompiler.functionName(f);
        List<SqlNode> args = new ArrayList<>();
        for (SqlNode o : f.getOperandList())
            if (o != null && !(o instanceof SqlIdentifier id && id.isStar())) args.add(o);
        if (f.getFunctionQuantifier() != null) throw Shape.unsupported("DISTINCT in a window function");
        Fn fn =
                switch (fname) {
                    case "count" -> Fn.COUNT;
                    case "sum" -> Fn.SUM;
                    case "avg" -> Fn.AVG;
                    case "min" -> Fn.MIN;
                    case "max" -> Fn.MAX;
                    case "first_value", "any" -> Fn.FIRST_VALUE;
                    case "last_value", "anyLast" -> Fn.LAST_VALUE;
                    case "row_number" -> Fn.ROW_NUMBER;
                    case "exponentialMovingAverage" -> Fn.EMA;
                    default -> throw Shape.unsupported("window function " + fname);
                };
        int arity = fn == Fn.ROW_NUMBER ? 0 : fn == Fn.EMA ? 2 : fn == Fn.COUNT ? args.size() : 1;
        if (args.size() != arity || (fn == Fn.COUNT && args.size() > 1))
            throw new ProxistException(
                    ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                    "Number of arguments for function " + fname + " doesn't match: passed " + args.size());
        Expr arg = fn == Fn.ROW_NUMBER || args.isEmpty() ? null : cc.compile(args.getFirst());
        if (fn == Fn.COUNT) arg = null; // no Nullable columns here: count(x) counts every row
        Expr timeArg = null;
        double halfLife = 0;
        if (fn == Fn.EMA) {
            if (!(f.getOperator() instanceof ClickHouseParametricFunction p)
                    || p.parameters().size() != 1)
                throw new ProxistException(
                        ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Function exponentialMovingAverage takes one parameter: the half-life");
            halfLife = number(p.parameters().getFirst(), "the half-life of exponentialMovingAverage");
            timeArg = cc.compile(args.get(1));
            if (timeArg.kind() != ValueKind.LONG)
                throw Shape.unsupported("exponentialMovingAverage with a time index that is not an integer");
        }
        if (arg != null && arg.kind() == ValueKind.STRING && (fn == Fn.SUM || fn == Fn.AVG || fn == Fn.EMA))
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Illegal type " + arg.type() + " of argument for aggregate function " + fname);
        if ((fn == Fn.MIN || fn == Fn.MAX) && arg != null && arg.kind() == ValueKind.STRING)
            throw Shape.unsupported(fname + " of a string in a window");

        List<Expr> partition = new ArrayList<>();
        if (w.getPartitionList() != null) for (SqlNode p : w.getPartitionList()) partition.add(cc.compile(p));
        Expr order = null;
        boolean desc = false;
        SqlNodeList orderList = w.getOrderList();
        if (orderList != null && !orderList.isEmpty()) {
            if (orderList.size() > 1) throw Shape.unsupported("a window ordered by more than one key");
            desc = Shape.isDescending(orderList.get(0));
            order = cc.compile(Shape.orderKey(orderList.get(0)));
        }
        SqlNode lower = w.getLowerBound(), upper = w.getUpperBound();
        boolean rows = w.isRows();
        long preceding = UNBOUNDED;
        boolean whole;
        if (lower == null && upper == null) {
            whole = order == null;
            rows = false;
        } else {
            if (order == null && !(SqlWindow.isUnboundedPreceding(lower) && SqlWindow.isUnboundedFollowing(upper)))
                throw Shape.unsupported("a window frame without ORDER BY");
            whole = SqlWindow.isUnboundedFollowing(upper);
            if (whole && !SqlWindow.isUnboundedPreceding(lower))
                throw Shape.unsupported("window frames ending UNBOUNDED FOLLOWING from a row");
            if (!whole && upper != null && !SqlWindow.isCurrentRow(upper))
                throw Shape.unsupported("window frames ending after or before the current row");
            if (SqlWindow.isCurrentRow(lower)) preceding = 0;
            else if (!SqlWindow.isUnboundedPreceding(lower)) {
                if (!(lower instanceof SqlCall pc) || pc.getKind() != SqlKind.PRECEDING)
                    throw Shape.unsupported("window frames starting after the current row");
                preceding = rows ? rowsOffset(pc.operand(0)) : rangeOffset(pc.operand(0), order, cc);
            }
        }
        if (!rows && !whole && preceding != UNBOUNDED && (order == null || order.kind() != ValueKind.LONG))
            throw Shape.unsupported("a RANGE offset over a key that is not a time or an integer");
        if (fn == Fn.EMA && !(rows && preceding == UNBOUNDED && !whole) && !(order == null && whole))
            throw Shape.unsupported(
                    "exponentialMovingAverage over a frame other than ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
        return new WindowCall(
                fn, arg, timeArg, halfLife, partition, order, desc, rows, preceding, whole, name(over, cc));
    }

    /** ClickHouse's column name: the call as written, then {@code OVER (...)} or {@code OVER name}. */
    static String name(SqlCall over, ExprCompiler cc) {
        SqlCall f = over.operand(0);
        StringBuilder b = new StringBuilder(ExprCompiler.functionName(f));
        if (f.getOperator() instanceof ClickHouseParametricFunction p) {
            b.append('(');
            for (int i = 0; i < p.parameters().size(); i++)
                b.append(i == 0 ? "" : ", ").append(p.parameters().get(i));
            b.append(')');
        }
        b.append('(');
        int k = 0;
        for (SqlNode o : f.getOperandList())
            if (o != null && !(o instanceof SqlIdentifier id && id.isStar()))
                b.append(k++ == 0 ? "" : ", ").append(cc.nameOf(o));
        b.append(") OVER ");
        SqlNode spec = over.operand(1);
        if (spec instanceof SqlIdentifier id) return b.append(id.getSimple()).toString();
        SqlWindow w = (SqlWindow) spec;
        List<String> parts = new ArrayList<>();
        if (w.getPartitionList() != null && !w.getPartitionList().isEmpty()) {
            List<String> ps = new ArrayList<>();
            for (SqlNode p : w.getPartitionList()) ps.add(cc.nameOf(p));
            parts.add("PARTITION BY " + String.join(", ", ps));
        }
        if (w.getOrderList() != null && !w.getOrderList().isEmpty()) {
            List<String> os = new ArrayList<>();
            for (SqlNode o : w.getOrderList()) {
                boolean d = o instanceof SqlCall c && c.getKind() == SqlKind.DESCENDING;
                os.add(cc.nameOf(d ? ((SqlCall) o).operand(0) : o) + (d ? " DESC" : " ASC"));
            }
            parts.add("ORDER BY " + String.join(", ", os));
        }
        if (w.getLowerBound() != null)
            parts.add((w.isRows() ? "ROWS" : "RANGE") + " BETWEEN " + bound(w.getLowerBound()) + " AND "
                    + (w.getUpperBound() == null ? "CURRENT ROW" : bound(w.getUpperBound())));
        return b.append('(').append(String.join(" ", parts)).append(')').toString();
    }

    private static String bound(SqlNode n) {
        if (SqlWindow.isUnboundedPreceding(n)) return "UNBOUNDED PRECEDING";
        if (SqlWindow.isUnboundedFollowing(n)) return "UNBOUNDED FOLLOWING";
        if (SqlWindow.isCurrentRow(n)) return "CURRENT ROW";
        SqlCall c = (SqlCall) n;
        return c.operand(0) + (c.getKind() == SqlKind.PRECEDING ? " PRECEDING" : " FOLLOWING");
    }

    private static SqlWindow window(SqlNode spec, List<SqlNode> decls) {
        if (spec instanceof SqlWindow w) {
            if (w.getRefName() != null) throw Shape.unsupported("a window that refines a named window");
            return w;
        }
        if (spec instanceof SqlIdentifier id) {
            for (SqlNode d : decls)
                if (d instanceof SqlWindow w
                        && w.getDeclName() != null
                        && w.getDeclName().getSimple().equals(id.getSimple())) return window(w, decls);
            throw new ProxistException(ErrorCode.UNKNOWN_IDENTIFIER, "Window '" + id.getSimple() + "' is not defined");
        }
        throw Shape.unsupported("window " + spec);
    }

    private static long rowsOffset(SqlNode n) {
        if (!(n instanceof SqlNumericLiteral l) || !l.isExact())
            throw new ProxistException(ErrorCode.BAD_ARGUMENTS, "ROWS frame offset must be a non-negative integer");
        return l.getValueAs(BigDecimal.class).longValueExact();
    }

    /** A RANGE offset in the key's units: nanoseconds for a DateTime64 key (seconds or an INTERVAL as written). */
    private static long rangeOffset(SqlNode n, Expr order, ExprCompiler cc) {
        if (order == null) throw Shape.unsupported("a RANGE offset without ORDER BY");
        Expr e = cc.compile(n);
        if (!(e instanceof Literal l)) throw Shape.unsupported("a RANGE offset that is not a constant");
        boolean time = ValueKind.isTimestamp(order.type());
        if (l.isInterval()) {
            if (!time) throw Shape.unsupported("an INTERVAL offset over a key that is not a time");
            return l.longValue();
        }
        if (l.kind() == ValueKind.STRING) throw Shape.unsupported("a RANGE offset that is a string");
        BigDecimal v =
                n instanceof SqlNumericLiteral nl ? nl.getValueAs(BigDecimal.class) : BigDecimal.valueOf(l.longValue());
        if (v.signum() < 0)
            throw new ProxistException(ErrorCode.BAD_ARGUMENTS, "Window frame offset must be non-negative");
        if (time) v = v.movePointRight(9);
        return v.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    private static double number(SqlNode n, String what) {
        if (n instanceof SqlLiteral l && l.getValue() instanceof BigDecimal b) return b.doubleValue();
        throw new ProxistException(ErrorCode.BAD_ARGUMENTS, what + " must be a number");
    }

    /** Columns the computation reads (besides the table's ts and seq, the tie-break). */
    void columns(List<String> out) {
        if (arg != null) arg.columns(out);
        if (timeArg != null) timeArg.columns(out);
        for (Expr p : partition) p.columns(out);
        if (order != null) order.columns(out);
    }

    // ---------------------------------------------------------------- run time

    /** The function's value for every row of {@code rows}, in their order; {@code ts}, {@code seq}: tie-break. */
    Column compute(Block rows, String ts, String seq) {
        int n = rows.rows();
        List<Column> keys = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        for (Expr p : partition) {
            keys.add(p.eval(rows));
            desc.add(false);
        }
        int nPart = keys.size();
        Column orderCol = order == null ? null : order.eval(rows);
        if (orderCol != null) {
            keys.add(orderCol);
            desc.add(descending);
        }
        keys.add(rows.column(rows.names().indexOf(ts)));
        desc.add(descending);
        if (seq != null) {
            Column s = rows.column(rows.names().indexOf(seq));
            keys.add(s);
            desc.add(descending);
        }
        int[] sorted = Blocks.order(n, keys, desc);
        long[] key = null;
        if (orderCol != null && orderCol.type() != null && order.kind() == ValueKind.LONG) {
            key = new long[n];
            for (int i = 0; i < n; i++) {
                long v = Vectors.lng(orderCol, sorted[i]);
                key[i] = descending ? -v : v;
            }
        }
        int[] frameStart = new int[n], frameEnd = new int[n], partStart = new int[n];
        for (int s = 0; s < n; ) {
            int e = s + 1;
            while (e < n && samePartition(keys, nPart, sorted[s], sorted[e])) e++;
            frames(s, e, key, orderCol, sorted, frameStart, frameEnd, partStart);
            s = e;
        }
        return switch (fn) {
            case COUNT, ROW_NUMBER -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++)
                    v[sorted[i]] = fn == Fn.COUNT ? frameEnd[i] - frameStart[i] : i - partStart[i] + 1;
                yield new LongColumn(type, v, n);
            }
            case FIRST_VALUE, LAST_VALUE -> {
                int[] pick = new int[n];
                for (int i = 0; i < n; i++)
                    pick[sorted[i]] = sorted[fn == Fn.FIRST_VALUE ? frameStart[i] : frameEnd[i] - 1];
                yield Columns.withType(Columns.gather(arg.eval(rows), pick), type);
            }
            default ->
                arg.kind() == ValueKind.DOUBLE || fn == Fn.AVG || fn == Fn.EMA
                        ? doubles(rows, sorted, rangeKey(key, orderCol, sorted), partStart)
                        : longs(rows, sorted, frameStart, frameEnd);
        };
    }

    private static boolean samePartition(List<Column> keys, int nPart, int x, int y) {
        for (int k = 0; k < nPart; k++) {
            Column c = keys.get(k);
            boolean same =
                    switch (ValueKind.of(c.type())) {
                        case LONG -> Vectors.lng(c, x) == Vectors.lng(c, y);
                        case DOUBLE -> Double.compare(Vectors.dbl(c, x), Vectors.dbl(c, y)) == 0;
                        case STRING ->
                            Vectors.compareBytes(
                                            (io.proxist.core.block.BytesColumn) c,
                                            x,
                                            (io.proxist.core.block.BytesColumn) c,
                                            y)
                                    == 0;
                    };
            if (!same) return false;
        }
        return true;
    }

    /** The RANGE key of every sorted position: the ORDER BY value (negated when descending), or its peer rank. */
    private static long[] rangeKey(long[] key, Column orderCol, int[] sorted) {
        if (key != null) return key;
        long[] rank = new long[sorted.length];
        for (int i = 1; i < sorted.length; i++)
            rank[i] = orderCol != null && peers(null, orderCol, sorted, i - 1, i) ? rank[i - 1] : rank[i - 1] + 1;
        return rank;
    }

    /** Frame [start, end) of every sorted position of one partition [s, e). */
    private void frames(int s, int e, long[] key, Column orderCol, int[] sorted, int[] start, int[] end, int[] part) {
        int a = s;
        for (int i = s; i < e; i++) {
            part[i] = s;
            if (wholePartition) {
                start[i] = s;
                end[i] = e;
            } else if (rowsFrame) {
                start[i] = preceding == UNBOUNDED ? s : (int) Math.max(s, i - preceding);
                end[i] = i + 1;
            } else {
                // RANGE: from the first row within the offset, through the current row's last peer
                int b = Math.max(i + 1, i == s ? s + 1 : end[i - 1]);
                while (b < e && peers(key, orderCol, sorted, i, b)) b++;
                if (preceding == UNBOUNDED) a = s;
                else {
                    long low = key[i] < Long.MIN_VALUE + preceding ? Long.MIN_VALUE : key[i] - preceding;
                    while (key[a] < low) a++;
                }
                start[i] = a;
                end[i] = b;
            }
        }
    }

    private static boolean peers(long[] key, Column orderCol, int[] sorted, int i, int j) {
        if (key != null) return key[i] == key[j];
        return switch (ValueKind.of(orderCol.type())) {
            case LONG -> Vectors.lng(orderCol, sorted[i]) == Vectors.lng(orderCol, sorted[j]);
            case DOUBLE -> Double.compare(Vectors.dbl(orderCol, sorted[i]), Vectors.dbl(orderCol, sorted[j])) == 0;
            case STRING ->
                Vectors.compareBytes(
                                (io.proxist.core.block.BytesColumn) orderCol,
                                sorted[i],
                                (io.proxist.core.block.BytesColumn) orderCol,
                                sorted[j])
                        == 0;
        };
    }

    /** Floating-point results through the hot operator, one partition at a time. */
    private Column doubles(Block rows, int[] sorted, long[] rangeKey, int[] part) {
        int n = sorted.length;
        double[] x = Vectors.doubles(arg.eval(rows));
        long[] t = fn == Fn.EMA ? Vectors.longs(timeArg.eval(rows)) : null;
        double[] out = new double[n];
        RollingWindow op = new RollingWindow(null, null);
        DoubleList values = new DoubleList(64);
        for (int s = 0; s < n; ) {
            int e = s;
            while (e < n && part[e] == s) e++;
            int len = e - s;
            double[] xs = new double[len];
            long[] ks = new long[len];
            for (int i = 0; i < len; i++) {
                xs[i] = x[sorted[s + i]];
                ks[i] = t != null ? t[sorted[s + i]] : wholePartition ? 0 : rangeKey[s + i];
            }
            if (fn == Fn.EMA) {
                op.of(ks, xs, null, len);
                op.exponentialMovingAverage(halfLife, 1, values);
            } else {
                // the operator's frames: ROWS of the last k rows, or RANGE over the frame-start order given here as
                // the rank of each row's frame start, which is what a RANGE frame over ranks computes
                RollingFn rf =
                        switch (fn) {
                            case SUM -> RollingFn.SUM;
                            case AVG -> RollingFn.AVG;
                            case MIN -> RollingFn.MIN;
                            default -> RollingFn.MAX;
                        };
                op.of(ks, xs, null, len);
                rolling(op, rf, values);
            }
            for (int i = 0; i < len; i++) out[sorted[s + i]] = values.get(i);
            s = e;
        }
        return new DoubleColumn(type, out, n);
    }

    /** Runs the operator with the frame of this call over one partition (keys: ascending, peers equal). */
    private void rolling(RollingWindow op, RollingFn rf, DoubleList out) {
        if (rowsFrame && !wholePartition)
            op.rows(
                    preceding == UNBOUNDED ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, preceding + 1),
                    rf,
                    out);
        else op.range(wholePartition ? UNBOUNDED : preceding, rf, out); // whole partition: every key is 0, all peers
    }

    /** Integer sum, min, max: exact in 64 bits. */
    private Column longs(Block rows, int[] sorted, int[] start, int[] end) {
        int n = sorted.length;
        Column c = arg.eval(rows);
        boolean unsigned = ValueKind.isUnsigned(c.type());
        long[] out = new long[n];
        long[] prefix = new long[n + 1];
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + Vectors.lng(c, sorted[i]);
        int[] dq = new int[n];
        int head = 0, tail = 0, pushed = 0;
        boolean max = fn == Fn.MAX;
        for (int i = 0; i < n; i++) {
            int a = start[i], b = end[i];
            if (fn == Fn.SUM) {
                out[sorted[i]] = prefix[b] - prefix[a];
                continue;
            }
            // frames never move backwards, also from one partition to the next: indices before a leave at the head
            for (; pushed < b; pushed++) {
                long v = Vectors.lng(c, sorted[pushed]);
                while (tail > head) {
                    long last = Vectors.lng(c, sorted[dq[tail - 1]]);
                    int cmp = unsigned ? Long.compareUnsigned(last, v) : Long.compare(last, v);
                    if (max ? cmp <= 0 : cmp >= 0) tail--;
                    else break;
                }
                dq[tail++] = pushed;
            }
            while (dq[head] < a) head++;
            out[sorted[i]] = Vectors.lng(c, sorted[dq[head]]);
        }
        return new LongColumn(type, out, n);
    }
}
