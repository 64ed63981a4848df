package io.proxist.planner.seam;

import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.planner.expr.Backend;
import io.proxist.planner.expr.Expr;
import io.proxist.planner.expr.Sql;
import io.proxist.planner.expr.ValueKind;
import io.proxist.planner.expr.Vectors;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * One decomposable aggregate of a query: how the backend computes its partial state over the persisted rows, how
 * memory accumulates the same state over the recent rows, and how the two merge (the stitch).
 */
final class AggCall {
    enum Fn {
        COUNT,
        SUM,
        MIN,
        MAX,
        AVG,
        ARG_MAX,
        ARG_MIN,
        ANY,
        ANY_LAST
    }

    final Fn fn;
    final Expr arg;
    final Expr by;
    final String name;
    final DataType type;

    AggCall(String function, List<Expr> args, String name) {
        this.name = name;
        this.fn = switch (function) {
            case "count" -> Fn.COUNT;
            case "sum" -> Fn.SUM;
            case "min" -> Fn.MIN;
            case "max" -> Fn.MAX;
            case "avg" -> Fn.AVG;
            case "argMax" -> Fn.ARG_MAX;
            case "argMin" -> Fn.ARG_MIN;
            case "any", "first_value" -> Fn.ANY;
            case "anyLast", "last_value" -> Fn.ANY_LAST;
            default ->
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "Aggregate function " + function + " is not decomposable at the seam yet (set"
                                + " proxist_persisted_only = 1 to run the query on persisted data in ClickHouse)");
        };
        int want = fn == Fn.COUNT ? -1 : (fn == Fn.ARG_MAX || fn == Fn.ARG_MIN) ? 2 : 1;
        if (want >= 0 && args.size() != want || fn == Fn.COUNT && args.size() > 1)
            throw new ProxistException(
                    ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                    "Number of arguments for function " + function + " doesn't match: passed " + args.size());
        this.arg = args.isEmpty() ? null : args.get(0);
        this.by = args.size() > 1 ? args.get(1) : null;
        if (by != null && by.kind() == ValueKind.STRING)
            throw new ProxistException(ErrorCode.NOT_IMPLEMENTED, name + ": a String ordering argument");
        if ((fn == Fn.SUM || fn == Fn.AVG) && arg.kind() == ValueKind.STRING)
            throw new ProxistException(
                    ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT,
                    "Illegal type " + arg.type() + " of argument for aggregate function " + function);
        this.type = switch (fn) {
            case COUNT -> Vectors.UINT64;
            case SUM ->
                arg.kind() == ValueKind.DOUBLE
                        ? Vectors.FLOAT64
                        : ValueKind.isUnsigned(arg.type()) ? Vectors.UINT64 : Vectors.INT64;
            case AVG -> Vectors.FLOAT64;
            default -> arg.type();
        };
    }

    /** The backend expressions of the partial state, in order. */
    SqlNode[] partials(Backend b) {
        return switch (fn) {
            case COUNT -> new SqlNode[] {arg == null ? Sql.call("count") : Sql.call("count", arg.toSql(b))};
            case SUM -> new SqlNode[] {Sql.call("sum", arg.toSql(b))};
            case MIN -> new SqlNode[] {Sql.call("min", arg.toSql(b)), Sql.call("count")};
            case MAX -> new SqlNode[] {Sql.call("max", arg.toSql(b)), Sql.call("count")};
            case AVG -> new SqlNode[] {Sql.call("sum", arg.toSql(b)), Sql.call("count", arg.toSql(b))};
            case ARG_MAX -> new SqlNode[] {Sql.call("argMax", arg.toSql(b), by.toSql(b)), Sql.call("max", by.toSql(b))};
            case ARG_MIN -> new SqlNode[] {Sql.call("argMin", arg.toSql(b), by.toSql(b)), Sql.call("min", by.toSql(b))};
            case ANY -> new SqlNode[] {Sql.call("any", arg.toSql(b)), Sql.call("count")};
            case ANY_LAST -> new SqlNode[] {Sql.call("anyLast", arg.toSql(b)), Sql.call("count")};
        };
    }

    int partialCount() {
        return fn == Fn.COUNT || fn == Fn.SUM ? 1 : 2;
    }

    /** The state of one group. */
    State newState() {
        return new State(this);
    }

    /** Partial state of one group: numbers as long or double, strings as bytes; {@code n} rows seen. */
    static final class State {
        final AggCall call;
        long n;
        long l;
        double d;
        byte[] s;
        double key;
        long keyL;

        State(AggCall call) {
            this.call = call;
        }

        /** Adds row {@code i} of the evaluated argument columns ({@code by} may be null). */
        void add(Column argCol, Column byCol, int i) {
            Fn fn = call.fn;
            if (fn == Fn.COUNT) {
                n++;
                return;
            }
            int kc = byCol == null ? 0 : compareKey(byCol, i);
            boolean take =
                    switch (fn) {
                        case SUM, AVG -> false;
                        case MIN -> n == 0 || less(argCol, i);
                        case MAX -> n == 0 || greater(argCol, i);
                        case ARG_MAX -> n == 0 || kc > 0;
                        case ARG_MIN -> n == 0 || kc < 0;
                        case ANY -> n == 0;
                        case ANY_LAST -> true;
                        case COUNT -> false;
                    };
            if (fn == Fn.SUM || fn == Fn.AVG) {
                if (call.arg.kind() == ValueKind.DOUBLE) d += ((io.proxist.core.block.DoubleColumn) argCol).values()[i];
                else {
                    long v = Vectors.lng(argCol, i);
                    l += v;
                    d += ValueKind.isUnsigned(call.arg.type()) && v < 0 ? (double) (v >>> 1) * 2 + (v & 1) : v;
                }
            } else if (take) {
                set(argCol, i);
                if (byCol != null) setKey(byCol, i);
            }
            n++;
        }

        /** Merges the backend's partial state of the same group ({@code p[0..partialCount)} at row {@code i}). */
        void merge(Column[] p, int i) {
            Fn fn = call.fn;
            switch (fn) {
                case COUNT -> n += Vectors.lng(p[0], i);
                case SUM -> {
                    if (call.arg.kind() == ValueKind.DOUBLE) d += Vectors.dbl(p[0], i);
                    else l += Vectors.lng(p[0], i);
                    n++;
                }
                case AVG -> {
                    long c = Vectors.lng(p[1], i);
                    if (c == 0) return;
                    d += Vectors.dbl(p[0], i);
                    n += c;
                }
                default -> {
                    long c = fn == Fn.ARG_MAX || fn == Fn.ARG_MIN ? 1 : Vectors.lng(p[1], i);
                    if (c == 0) return;
                    boolean keyed = fn == Fn.ARG_MAX || fn == Fn.ARG_MIN;
                    int kc = keyed ? compareKey(p[1], i) : 0;
                    boolean take =
                            switch (fn) {
                                case MIN -> n == 0 || less(p[0], i);
                                case MAX -> n == 0 || greater(p[0], i);
                                case ARG_MAX -> n == 0 || kc > 0;
                                case ARG_MIN -> n == 0 || kc < 0;
                                case ANY -> n == 0;
                                case ANY_LAST -> true;
                                default -> false;
                            };
                    if (take) {
                        set(p[0], i);
                        if (keyed) setKey(p[1], i);
                    }
                    n += c;
                }
            }
        }

        /** Compares the ordering argument at row {@code i} with the state's (exactly, as long for integers). */
        private int compareKey(Column c, int i) {
            if (call.by.kind() == ValueKind.LONG) {
                long v = Vectors.lng(c, i);
                return ValueKind.isUnsigned(call.by.type()) ? Long.compareUnsigned(v, keyL) : Long.compare(v, keyL);
            }
            return Double.compare(Vectors.dbl(c, i), key);
        }

        private void setKey(Column c, int i) {
            if (call.by.kind() == ValueKind.LONG) keyL = Vectors.lng(c, i);
            else key = Vectors.dbl(c, i);
        }

        private void set(Column c, int i) {
            switch (call.arg.kind()) {
                case LONG -> l = Vectors.lng(c, i);
                case DOUBLE -> d = Vectors.dbl(c, i);
                case STRING -> {
                    BytesColumn b = (BytesColumn) c;
                    s = Arrays.copyOfRange(b.data(), b.start(i), b.start(i) + b.length(i));
                }
            }
        }

        private int cmp(Column c, int i) {
            return switch (call.arg.kind()) {
                case LONG ->
                    ValueKind.isUnsigned(call.arg.type())
                            ? Long.compareUnsigned(Vectors.lng(c, i), l)
                            : Long.compare(Vectors.lng(c, i), l);
                case DOUBLE -> Double.compare(Vectors.dbl(c, i), d);
                case STRING -> Vectors.compareBytes((BytesColumn) c, i, s);
            };
        }

        private boolean less(Column c, int i) {
            return cmp(c, i) < 0;
        }

        private boolean greater(Column c, int i) {
            return cmp(c, i) > 0;
        }

        /** Appends the final value (the type's default for a group without rows, as ClickHouse does). */
        void finish(ColumnBuilder out) {
            switch (call.fn) {
                case COUNT -> ((LongColumnBuilder) out).appendLong(n);
                case SUM -> {
                    if (out instanceof DoubleColumnBuilder db) db.appendDouble(d);
                    else ((LongColumnBuilder) out).appendLong(l);
                }
                case AVG -> ((DoubleColumnBuilder) out).appendDouble(n == 0 ? Double.NaN : d / n);
                default -> {
                    if (n == 0) out.appendDefault();
                    else if (out instanceof LongColumnBuilder lb) lb.appendLong(l);
                    else if (out instanceof DoubleColumnBuilder db) db.appendDouble(d);
                    else ((BytesColumnBuilder) out).appendBytes(s, 0, s.length);
                }
            }
        }
    }
}
