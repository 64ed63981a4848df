package io.proxist.server.route;

import io.proxist.chclient.Capabilities;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.type.DataType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rewrites what a current client writes into SQL an older backend parses, on tokens (strings, quoted identifiers
 * and comments are never touched), before a statement goes upstream:
 *
 * <ul>
 *   <li>{@code x::T} becomes {@code CAST(x AS T)} for an operand that is a literal (a negative number too, as
 *       ClickHouse reads {@code -5::Int8}), an identifier, a bracketed group or a function call, and for a chain
 *       {@code x::A::B}. Servers before 22.1 get it (the operator arrived in the 21 series; on any server the two
 *       forms mean the same, so the margin costs nothing). A cast's type the server lacks is written as the type
 *       that stores it: {@code Date32} (21.9, what clickhouse-jdbc names for {@code Types.DATE}) as {@code Date},
 *       {@code Bool} (21.12, {@code Types.BOOLEAN}, sent as 1 or 0) as {@code UInt8}.
 *   <li>Without DateTime64, {@code fromUnixTimestamp64Nano(e)} (what clickhouse-jdbc sends for setTimestamp and
 *       an Instant) becomes {@code toDecimal128(toInt64(e), 0)}, and the Micro and Milli forms
 *       {@code multiply(toDecimal128(toInt64(e), 0), 1000)} and {@code multiply(toDecimal128(toInt64(e), 0),
 *       1000000)}. On such a backend a DateTime64 column holds Int64 nanoseconds since the epoch (schemas'
 *       {@code Lowering}); the lowered value is the same count, so {@code ts >= fromUnixTimestamp64Nano(n)} on such
 *       a column compares instants exactly. It is a Decimal rather than an Int64 on purpose: 18.16 compares a DateTime (or Date)
 *       column with an integer as plain numbers, seconds against nanoseconds, and would silently match the wrong
 *       rows; with a Decimal it refuses ("No operation greaterOrEquals between DateTime and Decimal(38, 0)").
 *   <li>In the rows of an INSERT ... VALUES ({@link #applyToValues}) the call takes the type of the column it
 *       fills: a DateTime column gets {@code toDateTime(intDiv(toInt64(e), 1000000000))} (the instant, whole
 *       seconds), a Date column that date, any other column (a lowered DateTime64 is Int64) the Int64
 *       nanoseconds {@code toInt64(e)} (times 1000 or 1000000 for Micro and Milli).
 * </ul>
 *
 * A statement the lexer cannot read (an unterminated string) goes on unchanged, for the backend to refuse.
 */
final class BackendLowering {
    /** A backend with every feature: statements pass unchanged. */
    static final BackendLowering NONE = new BackendLowering(false, false, Map.of());

    private static final String NANO = "fromUnixTimestamp64Nano";
    private static final String MICRO = "fromUnixTimestamp64Micro";
    private static final String MILLI = "fromUnixTimestamp64Milli";

    /** Words after which a '-' or '+' starts a number rather than subtracting from an operand. */
    private static final Set<String> KEYWORDS = Set.of(
            "SELECT",
            "WHERE",
            "PREWHERE",
            "HAVING",
            "AND",
            "OR",
            "NOT",
            "BY",
            "VALUES",
            "THEN",
            "ELSE",
            "WHEN",
            "CASE",
            "ON",
            "IN",
            "LIMIT",
            "OFFSET",
            "SET",
            "BETWEEN",
            "LIKE",
            "ILIKE",
            "IS",
            "AS",
            "DISTINCT",
            "ALL",
            "WITH",
            "RETURN",
            "INTERVAL",
            "ARRAY",
            "TOP",
            "FROM",
            "JOIN",
            "USING",
            "SETTINGS",
            "END",
            "DEFAULT");

    private final boolean casts;
    private final boolean timestamps;
    /** Type names in casts the backend lacks, each with the type it is written as. */
    private final Map<String, String> types;

    BackendLowering(boolean casts, boolean timestamps, Map<String, String> types) {
        this.casts = casts;
        this.timestamps = timestamps;
        this.types = Map.copyOf(types);
    }

    /** What the backend with {@code caps} needs. */
    static BackendLowering of(Capabilities caps) {
        Map<String, String> types = new HashMap<>();
        if (!caps.version().atLeast(21, 9)) types.put("Date32", "Date");
        if (!caps.version().atLeast(21, 12)) types.put("Bool", "UInt8");
        return new BackendLowering(!caps.version().atLeast(22, 1), !caps.dateTime64(), types);
    }

    boolean lowersCasts() {
        return casts;
    }

    boolean lowersTimestamps() {
        return timestamps;
    }

    /** The statement as the backend can read it; the statement itself when nothing in it needs lowering. */
    String apply(String sql) {
        return lower(sql, null);
    }

    /**
     * The rows of an {@code INSERT ... VALUES} as the backend can read them, a timestamp call written as a value of
     * the column it fills; {@code columns} (the INSERT's column types, in order) is asked for only then.
     */
    String applyToValues(String values, Supplier<List<DataType>> columns) {
        return lower(values, columns);
    }

    private String lower(String sql, Supplier<List<DataType>> columns) {
        boolean c = casts && sql.contains("::");
        boolean ts = timestamps && sql.contains("fromUnixTimestamp64");
        if (!c && !ts) return sql;
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(sql);
        } catch (RuntimeException e) {
            return sql;
        }
        return new Pass(sql, t, c, ts, ts && columns != null ? columns.get() : null, types).run();
    }

    /** One left-to-right pass over the tokens, writing the output as it goes. */
    private static final class Pass {
        private final String sql;
        private final List<SqlToken> t;
        private final boolean casts;
        private final boolean timestamps;
        private final StringBuilder out;
        /** Where token i's text (or the CAST( put before it) starts in the output. */
        private final int[] outAt;
        /** For the last token of a unit (a bracketed group, a call, a lowered cast): the unit's first token. */
        private final int[] unitStart;
        /** For an opening bracket: the text to add after its closing bracket. */
        private final String[] suffix;
        /** Indexes of the open brackets. */
        private final int[] open;
        /** For rows of Values: the type of each field; else null. */
        private final List<DataType> columns;

        private final Map<String, String> types;

        private int depth;
        /** In rows of Values: brackets of any kind open, and the field of the row being read. */
        private int nest;

        private int field;

        Pass(
                String sql,
                List<SqlToken> t,
                boolean casts,
                boolean timestamps,
                List<DataType> columns,
                Map<String, String> types) {
            this.types = types;
            this.sql = sql;
            this.t = t;
            this.casts = casts;
            this.timestamps = timestamps;
            this.columns = columns;
            this.out = new StringBuilder(sql.length() + 32);
            this.outAt = new int[t.size()];
            this.unitStart = new int[t.size()];
            this.suffix = new String[t.size()];
            this.open = new int[t.size()];
            java.util.Arrays.fill(unitStart, -1);
        }

        String run() {
            int copied = 0;
            for (int i = 0; i < t.size(); i++) {
                SqlToken tok = t.get(i);
                out.append(sql, copied, tok.start());
                outAt[i] = out.length();
                copied = tok.end();
                if (columns != null) track(tok);
                if (casts && isCast(i)) {
                    int s = operandStart(i - 1);
                    int e = typeEnd(i + 2);
                    if (s >= 0 && e >= 0) {
                        out.insert(outAt[s], "CAST(");
                        out.append(" AS ");
                        appendType(i + 2, e);
                        out.append(')');
                        unitStart[e] = s;
                        copied = t.get(e).end();
                        i = e;
                        continue;
                    }
                }
                if (timestamps
                        && tok.type() == SqlToken.Type.WORD
                        && i + 1 < t.size()
                        && t.get(i + 1).isPunct('(')) {
                    String[] lowered = timestampCall(tok.text());
                    if (lowered != null) {
                        out.append(lowered[0]);
                        suffix[i + 1] = lowered[1];
                        continue;
                    }
                }
                out.append(sql, tok.start(), tok.end());
                if (tok.isPunct('(') || tok.isPunct('[')) {
                    open[depth++] = i;
                } else if ((tok.isPunct(')') || tok.isPunct(']')) && depth > 0) {
                    int o = open[--depth];
                    if (suffix[o] != null) out.append(suffix[o]);
                    unitStart[i] = groupStart(o, tok.isPunct(')'));
                }
            }
            return out.append(sql, copied, sql.length()).toString();
        }

        /**
         * The first token of the unit a bracketed group opening at token o belongs to: a call {@code f(x)} or
         * {@code f(a)(b)}, an element access {@code a[1]} or {@code f(x)[1]}, or the group itself.
         */
        private int groupStart(int o, boolean round) {
            if (o == 0) return o;
            if (round && isName(o - 1)) return nameStart(o - 1);
            boolean follows = touching(o - 1, o)
                    && (t.get(o - 1).isPunct(')') || t.get(o - 1).isPunct(']'));
            if (follows && unitStart[o - 1] >= 0) return unitStart[o - 1];
            if (!round && touching(o - 1, o) && isName(o - 1)) return nameStart(o - 1);
            return o;
        }

        /** Follows rows of Values: a row opens at the top level, a comma directly inside it starts the next field. */
        private void track(SqlToken tok) {
            if (tok.isPunct('(') || tok.isPunct('[') || tok.isPunct('{')) {
                if (nest++ == 0) field = 0;
            } else if (tok.isPunct(')') || tok.isPunct(']') || tok.isPunct('}')) {
                nest--;
            } else if (tok.isPunct(',') && nest == 1) {
                field++;
            }
        }

        /** {@code ::} at token i: two touching colons with something after them. */
        private boolean isCast(int i) {
            return i > 0
                    && i + 2 < t.size()
                    && t.get(i).isPunct(':')
                    && t.get(i + 1).isPunct(':')
                    && t.get(i).end() == t.get(i + 1).start();
        }

        /** The first token of the operand ending at token k, or -1 when it is not one the lowering handles. */
        private int operandStart(int k) {
            if (k < 0) return -1;
            if (unitStart[k] >= 0) return unitStart[k];
            SqlToken tok = t.get(k);
            int s =
                    switch (tok.type()) {
                        case STRING -> k;
                        case NUMBER -> signedNumberStart(k);
                        case QUOTED_ID -> nameStart(k);
                        case WORD -> isName(k) ? nameStart(k) : -1;
                        case PUNCT -> -1;
                    };
            // after a '.' the operand is part of a longer expression ((1, 2).1, f(x).name): left as it is
            if (s > 0 && t.get(s - 1).isPunct('.') && touching(s - 1, s)) return -1;
            return s;
        }

        /** A number's first token: its exponent's mantissa ({@code 1.0E-5} is three tokens) and a unary sign. */
        private int signedNumberStart(int k) {
            int s = k;
            if (s >= 2
                    && isSign(s - 1)
                    && touching(s - 1, s)
                    && t.get(s - 2).type() == SqlToken.Type.NUMBER
                    && touching(s - 2, s - 1)) {
                String m = t.get(s - 2).text();
                char last = m.charAt(m.length() - 1);
                if (last == 'e' || last == 'E') s -= 2;
            }
            if (s >= 1 && isSign(s - 1) && touching(s - 1, s) && (s == 1 || !endsOperand(s - 2))) s--;
            return s;
        }

        /** A possibly qualified name ending at token k ({@code db.t.col}): its first token. */
        private int nameStart(int k) {
            int s = k;
            while (s >= 2
                    && t.get(s - 1).isPunct('.')
                    && touching(s - 1, s)
                    && touching(s - 2, s - 1)
                    && (t.get(s - 2).type() == SqlToken.Type.WORD
                            || t.get(s - 2).type() == SqlToken.Type.QUOTED_ID)) {
                s -= 2;
            }
            return s;
        }

        /** Whether token k can end an operand, so that a sign after it is binary. */
        private boolean endsOperand(int k) {
            SqlToken tok = t.get(k);
            return switch (tok.type()) {
                case NUMBER, STRING, QUOTED_ID -> true;
                case WORD -> !KEYWORDS.contains(tok.text().toUpperCase(java.util.Locale.ROOT));
                case PUNCT -> tok.isPunct(')') || tok.isPunct(']');
            };
        }

        /**
         * Tokens j..e, a cast's type, as written, but for a type name the backend lacks: a word not followed by
         * another word (which would make it an element's name, as in {@code Tuple(Bool Bool)}).
         */
        private void appendType(int j, int e) {
            int copied = t.get(j).start();
            for (int k = j; k <= e; k++) {
                SqlToken tok = t.get(k);
                String as = tok.type() == SqlToken.Type.WORD ? types.get(tok.text()) : null;
                if (as != null && (k == e || t.get(k + 1).type() != SqlToken.Type.WORD)) {
                    out.append(sql, copied, tok.start()).append(as);
                    copied = tok.end();
                }
            }
            out.append(sql, copied, t.get(e).end());
        }

        /** The last token of the type starting at token j: a name and its bracketed arguments, or -1. */
        private int typeEnd(int j) {
            if (j >= t.size() || t.get(j).type() != SqlToken.Type.WORD) return -1;
            if (j + 1 >= t.size() || !t.get(j + 1).isPunct('(')) return j;
            int d = 0;
            for (int k = j + 1; k < t.size(); k++) {
                if (t.get(k).isPunct('(')) d++;
                if (t.get(k).isPunct(')') && --d == 0) return k;
            }
            return -1;
        }

        private boolean isName(int k) {
            SqlToken tok = t.get(k);
            return (tok.type() == SqlToken.Type.WORD
                            && !KEYWORDS.contains(tok.text().toUpperCase(java.util.Locale.ROOT)))
                    || tok.type() == SqlToken.Type.QUOTED_ID;
        }

        private boolean isSign(int k) {
            return t.get(k).isPunct('-') || t.get(k).isPunct('+');
        }

        private boolean touching(int a, int b) {
            return t.get(a).end() == t.get(b).start();
        }

        /** The replacement of a timestamp function's name and the text after its closing bracket, or null. */
        private String[] timestampCall(String name) {
            String ticks =
                    switch (name) {
                        case NANO -> "1000000000";
                        case MICRO -> "1000000";
                        case MILLI -> "1000";
                        default -> null;
                    };
            if (ticks == null) return null;
            String scale = name.equals(NANO) ? "" : name.equals(MICRO) ? "1000" : "1000000";
            if (columns == null) {
                return scale.isEmpty()
                        ? new String[] {"toDecimal128(toInt64", ", 0)"}
                        : new String[] {"multiply(toDecimal128(toInt64", ", 0), " + scale + ")"};
            }
            String kind = field < columns.size() ? plain(columns.get(field)).family() : "";
            return switch (kind) {
                case "DateTime" -> new String[] {"toDateTime(intDiv(toInt64", ", " + ticks + "))"};
                case "Date" -> new String[] {"toDate(toDateTime(intDiv(toInt64", ", " + ticks + ")))"};
                default ->
                    scale.isEmpty()
                            ? new String[] {"toInt64", ""}
                            : new String[] {"multiply(toInt64", ", " + scale + ")"};
            };
        }

        /** The type under Nullable and LowCardinality. */
        private static DataType plain(DataType type) {
            DataType d = type;
            while (d.is("Nullable") || d.is("LowCardinality")) d = d.inner();
            return d;
        }
    }
}
