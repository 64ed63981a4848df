package io.proxist.planner.expr;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * Compiles a Calcite expression tree of the ClickHouse dialect into an {@link Expr} over one table's columns,
 * folding constants (times, intervals, arithmetic on literals) at plan time. Aggregate calls are handed to an
 * {@link Aggregates} sink (null: aggregates are not allowed here).
 */
public final class ExprCompiler {
    /** Where aggregate calls and group keys go when compiling the select list of an aggregating query. */
    public interface Aggregates {
        /** The expression standing for an aggregate call's result. */
        Expr aggregate(String function, List<SqlNode> args, String name);

        /** The expression standing for a group key with this name, or null if none has it. */
        Expr groupKey(String name);

        /** The expression standing for a window function call ({@code f(...) OVER ...}). */
        default Expr window(SqlCall over) {
            throw unsupported("window functions (OVER) here");
        }
    }

    public static final Set<String> AGGREGATES = Set.of(
            "count",
            "sum",
            "min",
            "max",
            "avg",
            "argMax",
            "argMin",
            "any",
            "anyLast",
            "first_value",
            "last_value",
            "uniq",
            "uniqExact",
            "quantile",
            "quantiles",
            "median",
            "groupArray",
            "stddevPop",
            "varPop");

    private final TableSchema table;
    private final long nowNanos;

    public ExprCompiler(TableSchema table, long nowNanos) {
        this.table = table;
        this.nowNanos = nowNanos;
    }

    public TableSchema table() {
        return table;
    }

    public Expr compile(SqlNode node) {
        return compile(node, null);
    }

    public Expr compile(SqlNode node, Aggregates aggs) {
        if (aggs != null) {
            Expr key = aggs.groupKey(nameOf(node));
            if (key != null) return key;
        }
        return switch (node) {
            case SqlIdentifier id -> column(id);
            case SqlNumericLiteral n -> number(n);
            case SqlCharStringLiteral s -> Literal.ofString(s.getValueAs(String.class));
            case SqlIntervalLiteral i -> interval(i);
            case SqlLiteral l -> throw unsupported("literal " + l);
            case SqlCall c -> call(c, aggs);
            default -> throw unsupported(node.toString());
        };
    }

    /** The ClickHouse name of an expression before compiling it (how group keys are matched). */
    public String nameOf(SqlNode node) {
        try {
            return compile(node, null).name();
        } catch (ProxistException e) {
            if (node instanceof SqlCall c && isAggregate(c)) return aggregateName(c);
            return node.toString();
        }
    }

    public static boolean isAggregate(SqlCall c) {
        return AGGREGATES.contains(functionName(c));
    }

    /** Whether the node contains an aggregate call anywhere. */
    public static boolean containsAggregate(SqlNode node) {
        if (!(node instanceof SqlCall c)) return false;
        if (c.getKind() == SqlKind.OVER) return false; // a window function keeps the rows
        if (isAggregate(c)) return true;
        for (SqlNode o : c.getOperandList()) if (o != null && containsAggregate(o)) return true;
        return false;
    }

    /** A function's name as ClickHouse spells it: the standard aggregates lower case, others as written. */
    public static String functionName(SqlCall c) {
        String n = c.getOperator().getName();
        String lower = n.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "count", "sum", "min", "max", "avg", "any" -> lower;
            default -> n;
        };
    }

    String aggregateName(SqlCall c) {
        StringBuilder b = new StringBuilder(functionName(c)).append('(');
        List<SqlNode> ops = args(c);
        for (int i = 0; i < ops.size(); i++) b.append(i == 0 ? "" : ", ").append(nameOf(ops.get(i)));
        return b.append(')').toString();
    }

    private static List<SqlNode> args(SqlCall c) {
        List<SqlNode> out = new ArrayList<>();
        for (SqlNode o : c.getOperandList()) {
            if (o == null) continue;
            if (o instanceof SqlIdentifier id && id.isStar()) continue; // count(*)
            out.add(o);
        }
        return out;
    }

    private Expr column(SqlIdentifier id) {
        if (id.isStar()) throw unsupported("* inside an expression");
        String name = id.names.getLast();
        ColumnDef def = table.column(name)
                .orElseThrow(() -> new ProxistException(
                        ErrorCode.UNKNOWN_IDENTIFIER,
                        "Missing columns: '" + name + "' while processing query on table " + table.name()));
        return new ColumnRef(name, def.type());
    }

    private static Expr number(SqlNumericLiteral n) {
        BigDecimal v = n.getValueAs(BigDecimal.class);
        String text = n.toValue();
        if (n.isExact() && v.scale() <= 0) {
            long l = v.longValueExact();
            DataType t = l <= 255
                    ? DataType.of("UInt8")
                    : l <= 65535 ? DataType.of("UInt16") : l <= 4294967295L ? DataType.of("UInt32") : Vectors.UINT64;
            return Literal.ofLong(t, l, text);
        }
        return Literal.ofDouble(v.doubleValue(), text);
    }

    private static Expr interval(SqlIntervalLiteral i) {
        SqlIntervalLiteral.IntervalValue v = i.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        String unit = v.getIntervalQualifier().timeUnitRange.startUnit.name();
        String count = v.getIntervalLiteral().trim();
        long n = Long.parseLong(count) * v.getSign();
        return Literal.ofInterval(
                Math.multiplyExact(n, TimeLiterals.unitNanos(unit)), TimeLiterals.intervalName(unit, count));
    }

    private Expr call(SqlCall c, Aggregates aggs) {
        SqlKind k = c.getKind();
        List<SqlNode> ops = c.getOperandList();
        switch (k) {
            case AS:
                return compile(ops.get(0), aggs);
            case OVER:
                if (aggs == null) throw unsupported("window functions (OVER) here");
                return aggs.window(c);
            case INTERVAL: {
                // ClickHouse's INTERVAL 5 MINUTE (a number, not a quoted string)
                if (!(ops.get(0) instanceof SqlNumericLiteral n)
                        || !(ops.get(1) instanceof org.apache.calcite.sql.SqlIntervalQualifier q))
                    throw unsupported("INTERVAL of a non-constant");
                String unit = q.timeUnitRange.startUnit.name();
                String count = n.toValue();
                long v = n.getValueAs(BigDecimal.class).longValueExact();
                return Literal.ofInterval(
                        Math.multiplyExact(v, TimeLiterals.unitNanos(unit)), TimeLiterals.intervalName(unit, count));
            }
            case PLUS:
                return fold(new Arith(Arith.Op.PLUS, compile(ops.get(0), aggs), compile(ops.get(1), aggs)));
            case MINUS:
                return fold(new Arith(Arith.Op.MINUS, compile(ops.get(0), aggs), compile(ops.get(1), aggs)));
            case TIMES:
                return fold(new Arith(Arith.Op.MULTIPLY, compile(ops.get(0), aggs), compile(ops.get(1), aggs)));
            case DIVIDE:
                return fold(new Arith(Arith.Op.DIVIDE, compile(ops.get(0), aggs), compile(ops.get(1), aggs)));
            case MOD:
                return fold(new Arith(Arith.Op.MODULO, compile(ops.get(0), aggs), compile(ops.get(1), aggs)));
            case MINUS_PREFIX: {
                Expr e = compile(ops.get(0), aggs);
                if (e instanceof Literal l && l.kind() == ValueKind.DOUBLE)
                    return Literal.ofDouble(-l.doubleValue(), "-" + l.name());
                if (e instanceof Literal l && l.kind() == ValueKind.LONG && !l.isInterval())
                    return Literal.ofLong(signedType(-l.longValue()), -l.longValue(), "-" + l.name());
                return new Arith(Arith.Op.MINUS, Literal.ofLong(DataType.of("UInt8"), 0, "0"), e);
            }
            case PLUS_PREFIX:
                return compile(ops.get(0), aggs);
            case EQUALS:
                return compare(Compare.Op.EQ, ops, aggs);
            case NOT_EQUALS:
                return compare(Compare.Op.NE, ops, aggs);
            case LESS_THAN:
                return compare(Compare.Op.LT, ops, aggs);
            case GREATER_THAN:
                return compare(Compare.Op.GT, ops, aggs);
            case LESS_THAN_OR_EQUAL:
                return compare(Compare.Op.LE, ops, aggs);
            case GREATER_THAN_OR_EQUAL:
                return compare(Compare.Op.GE, ops, aggs);
            case AND:
            case OR: {
                List<Expr> args = new ArrayList<>();
                for (SqlNode o : ops) args.add(compile(o, aggs));
                return new Logic(k == SqlKind.AND ? Logic.Op.AND : Logic.Op.OR, args);
            }
            case NOT:
                return new Logic(Logic.Op.NOT, List.of(compile(ops.get(0), aggs)));
            case BETWEEN: {
                if (((SqlBasicCall) c).getOperator().getName().contains("NOT")) throw unsupported("NOT BETWEEN");
                Expr lo = compare(Compare.Op.GE, List.of(ops.get(0), ops.get(1)), aggs);
                Expr hi = compare(Compare.Op.LE, List.of(ops.get(0), ops.get(2)), aggs);
                return new Logic(Logic.Op.AND, List.of(lo, hi));
            }
            case IN:
            case NOT_IN: {
                Expr x = compile(ops.get(0), aggs);
                List<Literal> values = new ArrayList<>();
                if (!(ops.get(1) instanceof SqlNodeList list)) throw unsupported("IN with a subquery");
                for (SqlNode v : list) values.add(coerce(x, compile(v, aggs)));
                return new InList(x, values, k == SqlKind.NOT_IN);
            }
            default:
                return function(c, aggs);
        }
    }

    private static DataType signedType(long v) {
        return v >= -128 && v <= 127
                ? DataType.of("Int8")
                : v >= -32768 && v <= 32767
                        ? DataType.of("Int16")
                        : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? DataType.of("Int32") : Vectors.INT64;
    }

    private Expr compare(Compare.Op op, List<SqlNode> ops, Aggregates aggs) {
        Expr a = compile(ops.get(0), aggs), b = compile(ops.get(1), aggs);
        if (b instanceof Literal lb) b = coerce(a, lb);
        else if (a instanceof Literal la) a = coerce(b, la);
        return fold(new Compare(op, a, b));
    }

    /** A literal compared with a timestamp or an enum takes that type, as ClickHouse converts it. */
    private static Literal coerce(Expr other, Expr literal) {
        if (!(literal instanceof Literal l)) throw unsupported("a non-constant in an IN list");
        DataType t = other.type();
        if (ValueKind.isTimestamp(t) && !ValueKind.isTimestamp(l.type())) {
            if (l.kind() == ValueKind.STRING) return Literal.ofTimestamp(TimeLiterals.parse(l.stringValue()), l.name());
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Comparing the DateTime64 " + other.name() + " with the number " + l.name()
                            + " is ambiguous: write fromUnixTimestamp64Nano(" + l.name() + ") or a time string");
        }
        if ((t.is("Enum8") || t.is("Enum16")) && l.kind() == ValueKind.STRING) {
            for (DataType.Arg a : t.args()) {
                String s = a.toString();
                int eq = s.lastIndexOf('=');
                String label = s.substring(0, eq).trim();
                if (label.equals("'" + l.stringValue().replace("'", "\\'") + "'"))
                    return Literal.ofLong(t, Long.parseLong(s.substring(eq + 1).trim()), l.name());
            }
            throw new ProxistException(
                    ErrorCode.BAD_ARGUMENTS, "Unknown element '" + l.stringValue() + "' for type " + t);
        }
        return l;
    }

    /** Arithmetic and comparisons of constants become constants. */
    private static Expr fold(Expr e) {
        if (!(e instanceof Arith || e instanceof Compare)) return e;
        List<String> cols = new ArrayList<>();
        e.columns(cols);
        if (!cols.isEmpty()) return e;
        boolean constant = e instanceof Arith a ? isConst(a) : isConst((Compare) e);
        if (!constant) return e;
        io.proxist.core.block.Block one = new io.proxist.core.block.Block(List.of(), List.of(), 1);
        io.proxist.core.block.Column v = e.eval(one);
        if (ValueKind.isTimestamp(e.type())) return Literal.ofTimestamp(Vectors.longs(v)[0], e.name());
        if (e.kind() == ValueKind.DOUBLE) return Literal.ofDouble(Vectors.doubles(v)[0], e.name());
        return Literal.ofLong(e.type(), Vectors.longs(v)[0], e.name());
    }

    private static boolean isConst(Compare c) {
        return c.left().isConstant() && c.right().isConstant();
    }

    private static boolean isConst(Arith a) {
        List<String> cols = new ArrayList<>();
        a.columns(cols);
        return cols.isEmpty();
    }

    private Expr function(SqlCall c, Aggregates aggs) {
        String fn = functionName(c);
        List<SqlNode> a = args(c);
        if (AGGREGATES.contains(fn)) {
            if (aggs == null)
                throw new ProxistException(
                        ErrorCode.ILLEGAL_AGGREGATION, "Aggregate function " + aggregateName(c) + " is found in WHERE");
            return aggs.aggregate(fn, a, aggregateName(c));
        }
        List<Expr> e = new ArrayList<>();
        switch (fn) {
            case "now64", "now" -> {
                return Literal.ofTimestamp(
                        fn.equals("now") ? Math.floorDiv(nowNanos, 1_000_000_000L) * 1_000_000_000L : nowNanos,
                        fn + "()");
            }
            case "toDateTime64", "toDateTime", "parseDateTime64BestEffort", "parseDateTimeBestEffort" -> {
                if (a.isEmpty() || !(a.getFirst() instanceof SqlCharStringLiteral s))
                    throw unsupported(fn + " of a non-constant");
                String text = s.getValueAs(String.class);
                return Literal.ofTimestamp(TimeLiterals.parse(text), fn + "('" + text + "'" + rest(a) + ")");
            }
            case "fromUnixTimestamp64Nano" -> {
                Expr v = compile(a.getFirst(), aggs);
                if (!(v instanceof Literal l) || l.kind() != ValueKind.LONG)
                    throw unsupported(fn + " of a non-constant");
                return Literal.ofTimestamp(l.longValue(), fn + "(" + l.name() + ")");
            }
            case "toStartOfInterval" -> {
                Expr ts = compile(a.get(0), aggs);
                Expr w = compile(a.get(1), aggs);
                if (!(w instanceof Literal l) || !l.isInterval())
                    throw unsupported("toStartOfInterval without a constant INTERVAL");
                return new TimeFunc(
                        TimeFunc.Kind.START_OF_INTERVAL,
                        ts,
                        l.longValue(),
                        "toStartOfInterval(" + ts.name() + ", " + l.name() + ")");
            }
            case "toStartOfSecond",
                    "toStartOfMinute",
                    "toStartOfFiveMinutes",
                    "toStartOfFiveMinute",
                    "toStartOfFifteenMinutes",
                    "toStartOfHour",
                    "toStartOfDay" -> {
                Expr ts = compile(a.getFirst(), aggs);
                long w =
                        switch (fn) {
                            case "toStartOfSecond" -> 1_000_000_000L;
                            case "toStartOfMinute" -> 60_000_000_000L;
                            case "toStartOfFiveMinutes", "toStartOfFiveMinute" -> 300_000_000_000L;
                            case "toStartOfFifteenMinutes" -> 900_000_000_000L;
                            case "toStartOfHour" -> 3_600_000_000_000L;
                            default -> TimeFunc.DAY;
                        };
                return new TimeFunc(TimeFunc.Kind.START_OF_INTERVAL, ts, w, fn + "(" + ts.name() + ")");
            }
            case "toDate" -> {
                Expr ts = compile(a.getFirst(), aggs);
                return new TimeFunc(TimeFunc.Kind.TO_DATE, ts, 0, "toDate(" + ts.name() + ")");
            }
            case "toUnixTimestamp64Nano" -> {
                Expr ts = compile(a.getFirst(), aggs);
                return new TimeFunc(TimeFunc.Kind.UNIX_NANOS, ts, 0, fn + "(" + ts.name() + ")");
            }
            case "intDiv" -> {
                return fold(new Arith(Arith.Op.INT_DIV, compile(a.get(0), aggs), compile(a.get(1), aggs)));
            }
            case "plus", "minus", "multiply", "divide", "modulo" -> {
                Arith.Op op = Arith.Op.valueOf(
                        switch (fn) {
                            case "plus" -> "PLUS";
                            case "minus" -> "MINUS";
                            case "multiply" -> "MULTIPLY";
                            case "divide" -> "DIVIDE";
                            default -> "MODULO";
                        });
                return fold(new Arith(op, compile(a.get(0), aggs), compile(a.get(1), aggs)));
            }
            case "if", "IF", "multiIf" -> {
                for (SqlNode n : a) e.add(compile(n, aggs));
                return new IfExpr(fn.equals("multiIf") ? "multiIf" : "if", e);
            }
            case "toStartOfIntervalNanos" -> throw unsupported(fn);
            default -> {
                if (aggs != null && containsAggregate(c)) throw unsupported("function " + fn);
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "Function " + fn + " is not supported on Proxist tables yet (set proxist_persisted_only = 1"
                                + " to run the query on persisted data in ClickHouse)");
            }
        }
    }

    private String rest(List<SqlNode> a) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < a.size(); i++) b.append(", ").append(a.get(i));
        return b.toString();
    }

    static ProxistException unsupported(String what) {
        return new ProxistException(
                ErrorCode.NOT_IMPLEMENTED,
                "Not supported on Proxist tables yet: " + what
                        + " (set proxist_persisted_only = 1 to run the query on persisted data in ClickHouse)");
    }
}
