package io.proxist.planner.parse;

import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parsed queries by their normalised shape: the text with its string and number literals replaced by parameters
 * ({@code symbol = 'AAPL'} and {@code symbol = 'MSFT'} are one shape), so a query that differs from an earlier one
 * only in its constants is not parsed again. The shape is parsed once with {@code ?} in place of each literal; a
 * query of that shape takes a parsed instance from the shape's pool, has its literals bound into the parameter
 * slots in place, and gives the instance back when its execution is done ({@link Checkout#close}): an instance is
 * only ever used by one query at a time, so binding in place is safe.
 *
 * <p>A shape whose parameterised text does not parse (a literal where the grammar takes only a number, e.g. {@code
 * LIMIT n BY}), or whose parameters the tree does not hold in places this class can rebind, is cached by its exact
 * text instead, as a shared tree nobody mutates. Numbers after {@code INTERVAL}, {@code LIMIT} and {@code OFFSET} stay
 * in the shape. Both maps are cleared when full.
 */
public final class ShapeCache {
    private static final int MAX = 4096;
    private static final int POOL = 16;
    private static final Pattern EXACT = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]*\\.[0-9]+|[0-9]+\\.[0-9]*");
    private static final Pattern APPROX = Pattern.compile("([0-9]*\\.?[0-9]+|[0-9]+\\.)[eE][+-]?[0-9]+");
    private static final Shape UNBINDABLE = new Shape(null);

    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<String, ParsedQuery> exact = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A parsed query lent to one execution; close gives it back. */
    public interface Checkout extends AutoCloseable {
        ParsedQuery parsed();

        @Override
        void close();
    }

    /** Queries served without parsing. */
    public long hits() {
        return hits.get();
    }

    /** Queries parsed (their shape or text first seen, or a pool empty under concurrency). */
    public long misses() {
        return misses.get();
    }

    /**
     * The parsed query.
     *
     * @throws io.proxist.core.error.ProxistException SYNTAX_ERROR as {@link ClickHouseSqlParser#parse}
     */
    public Checkout lookup(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.lex(sql);
        } catch (RuntimeException e) {
            return byText(sql);
        }
        StringBuilder key = new StringBuilder(sql.length());
        List<SqlNode> literals = new ArrayList<>();
        int at = 0;
        SqlToken before = null;
        for (SqlToken t : tokens) {
            SqlNode lit = literal(t, sql.substring(t.start(), t.end()), before);
            if (lit != null) {
                key.append(sql, at, t.start()).append('?');
                at = t.end();
                literals.add(lit);
            }
            before = t;
        }
        if (literals.isEmpty()) return byText(sql);
        key.append(sql, at, sql.length());
        String k = key.toString();
        Shape shape = shapes.get(k);
        if (shape == null) {
            shape = newShape(k, literals.size());
            if (shapes.size() >= MAX) shapes.clear();
            shapes.put(k, shape);
        }
        if (shape == UNBINDABLE) return byText(sql);
        Instance inst = shape.pool.poll();
        if (inst != null) hits.incrementAndGet();
        else {
            misses.incrementAndGet();
            inst = shape.first.getAndSet(null);
            if (inst == null) inst = Instance.parse(shape.text);
            if (inst == null || inst.slots.size() != literals.size()) return byText(sql);
        }
        inst.bind(literals);
        Instance lent = inst;
        Shape owner = shape;
        return new Checkout() {
            @Override
            public ParsedQuery parsed() {
                return lent.parsed;
            }

            @Override
            public void close() {
                if (owner.pool.size() < POOL) owner.pool.offer(lent);
            }
        };
    }

    private Checkout byText(String sql) {
        ParsedQuery p = exact.get(sql);
        if (p != null) hits.incrementAndGet();
        else {
            p = ClickHouseSqlParser.parse(sql);
            misses.incrementAndGet();
            if (exact.size() >= MAX) exact.clear();
            exact.put(sql, p);
        }
        ParsedQuery shared = p;
        return new Checkout() {
            @Override
            public ParsedQuery parsed() {
                return shared;
            }

            @Override
            public void close() {}
        };
    }

    private static Shape newShape(String text, int params) {
        Instance first = Instance.parse(text);
        if (first == null
                || first.slots.size() != params
                || !first.parsed.settings().isEmpty()) return UNBINDABLE;
        Shape s = new Shape(text);
        s.first.set(first);
        return s;
    }

    /** The literal node a token stands for, or null when the token stays in the shape. */
    private static SqlNode literal(SqlToken t, String raw, SqlToken before) {
        SqlParserPos pos = SqlParserPos.ZERO;
        if (t.type() == SqlToken.Type.STRING) {
            if (raw.length() < 2 || raw.charAt(0) != '\'' || raw.charAt(raw.length() - 1) != '\'') return null;
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.contains("''")) return null;
            return SqlLiteral.createCharString(ClickHouseLiterals.unescape(inner), pos);
        }
        if (t.type() != SqlToken.Type.NUMBER) return null;
        if (before != null && (before.isWord("INTERVAL") || before.isWord("LIMIT") || before.isWord("OFFSET")))
            return null;
        String n = raw;
        if (EXACT.matcher(n).matches() || DECIMAL.matcher(n).matches()) return SqlLiteral.createExactNumeric(n, pos);
        if (APPROX.matcher(n).matches()) return SqlLiteral.createApproxNumeric(n, pos);
        return null;
    }

    private static final class Shape {
        final String text;
        final ConcurrentLinkedQueue<Instance> pool = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicReference<Instance> first =
                new java.util.concurrent.atomic.AtomicReference<>();

        Shape(String text) {
            this.text = text;
        }
    }

    /** One parsed tree of a shape and where its parameters sit (parent and operand index, in parameter order). */
    private static final class Instance {
        final ParsedQuery parsed;
        final List<Object[]> slots;

        private Instance(ParsedQuery parsed, List<Object[]> slots) {
            this.parsed = parsed;
            this.slots = slots;
        }

        static Instance parse(String text) {
            ParsedQuery p;
            try {
                p = ClickHouseSqlParser.parse(text);
            } catch (RuntimeException e) {
                return null;
            }
            Object[][] byIndex = new Object[1024][];
            int[] count = {0};
            if (!collect(p.query(), byIndex, count)) return null;
            List<Object[]> slots = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                if (byIndex[i] == null) return null;
                slots.add(byIndex[i]);
            }
            return new Instance(p, slots);
        }

        /** Records each parameter's parent; false when one sits where it cannot be set again. */
        private static boolean collect(SqlNode n, Object[][] byIndex, int[] count) {
            if (n instanceof SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode c = list.get(i);
                    if (c instanceof SqlDynamicParam p) {
                        if (!put(byIndex, count, p, list, i)) return false;
                    } else if (c != null && !collect(c, byIndex, count)) return false;
                }
            } else if (n instanceof SqlCall call) {
                List<SqlNode> ops = call.getOperandList();
                for (int i = 0; i < ops.size(); i++) {
                    SqlNode c = ops.get(i);
                    if (c instanceof SqlDynamicParam p) {
                        try {
                            call.setOperand(i, p); // settable here?
                        } catch (RuntimeException e) {
                            return false;
                        }
                        if (call.getOperandList().get(i) != p) return false;
                        if (!put(byIndex, count, p, call, i)) return false;
                    } else if (c != null && !collect(c, byIndex, count)) return false;
                }
            }
            return true;
        }

        private static boolean put(Object[][] byIndex, int[] count, SqlDynamicParam p, Object parent, int i) {
            int k = p.getIndex();
            if (k < 0 || k >= byIndex.length || byIndex[k] != null) return false;
            byIndex[k] = new Object[] {parent, i};
            count[0] = Math.max(count[0], k + 1);
            return true;
        }

        void bind(List<SqlNode> literals) {
            for (int k = 0; k < literals.size(); k++) {
                Object[] s = slots.get(k);
                int i = (Integer) s[1];
                if (s[0] instanceof SqlNodeList list) list.set(i, literals.get(k));
                else ((SqlCall) s[0]).setOperand(i, literals.get(k));
            }
        }
    }
}
