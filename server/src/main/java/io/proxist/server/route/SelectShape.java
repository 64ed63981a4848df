package io.proxist.server.route;

import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The top-level shape of a plain SELECT, found on tokens: the select items with their aliases, and the token runs
 * of FROM, WHERE (split into its AND-ed conjuncts), ORDER BY and LIMIT. Nothing inside an expression is parsed;
 * callers that recognise a statement by its shape look at the runs they need. A statement with any other clause
 * (GROUP BY, SETTINGS, UNION, ...) has no shape here.
 */
final class SelectShape {
    /** A select item: its expression tokens and its alias ({@code AS name}), or null without one. */
    record Item(List<SqlToken> expr, String alias) {}

    /** A WHERE conjunct of the form {@code [t.]column op literal}: op is LIKE, ILIKE, IN, =, or <>. */
    record Predicate(String column, String op, List<String> values) {}

    private static final List<String> CLAUSES = List.of("FROM", "WHERE", "ORDER", "LIMIT");
    private static final List<String> UNSUPPORTED = List.of(
            "PREWHERE",
            "GROUP",
            "HAVING",
            "SETTINGS",
            "UNION",
            "INTERSECT",
            "EXCEPT",
            "OFFSET",
            "WITH",
            "FORMAT",
            "INTO",
            "WINDOW",
            "QUALIFY");

    final String sql;
    final List<Item> items;
    final List<SqlToken> from;
    final List<List<SqlToken>> where;
    final List<SqlToken> orderBy;
    final Long limit;

    private SelectShape(
            String sql,
            List<Item> items,
            List<SqlToken> from,
            List<List<SqlToken>> where,
            List<SqlToken> orderBy,
            Long limit) {
        this.sql = sql;
        this.items = items;
        this.from = from;
        this.where = where;
        this.orderBy = orderBy;
        this.limit = limit;
    }

    /** The shape of {@code sql}, or null when it is not a plain SELECT. */
    static SelectShape parse(String sql) {
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(sql);
        } catch (RuntimeException e) {
            return null;
        }
        while (!t.isEmpty() && t.getLast().isPunct(';')) t = t.subList(0, t.size() - 1);
        if (t.size() < 2 || !t.getFirst().isWord("SELECT") || t.get(1).isWord("DISTINCT")) return null;
        List<List<SqlToken>> runs = new ArrayList<>();
        for (int c = 0; c <= CLAUSES.size(); c++) runs.add(null);
        int clause = 0;
        runs.set(0, new ArrayList<>());
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            SqlToken k = t.get(i);
            if (k.isPunct('(') || k.isPunct('[')) depth++;
            if (k.isPunct(')') || k.isPunct(']')) depth--;
            if (depth < 0) return null;
            if (depth == 0 && k.type() == SqlToken.Type.WORD) {
                String w = k.text().toUpperCase(Locale.ROOT);
                if (UNSUPPORTED.contains(w)) return null;
                int next = CLAUSES.indexOf(w) + 1;
                if (next > 0) {
                    if (next <= clause) return null;
                    clause = next;
                    runs.set(clause, new ArrayList<>());
                    if (w.equals("ORDER")) {
                        if (i + 1 >= t.size() || !t.get(i + 1).isWord("BY")) return null;
                        i++;
                    }
                    continue;
                }
            }
            runs.get(clause).add(k);
        }
        if (depth != 0) return null;
        List<Item> items = new ArrayList<>();
        for (List<SqlToken> item : split(runs.get(0), true)) {
            if (item.isEmpty()) return null;
            int n = item.size();
            if (n >= 3 && item.get(n - 2).isWord("AS") && isName(item.get(n - 1))) {
                items.add(new Item(
                        List.copyOf(item.subList(0, n - 2)), item.get(n - 1).identifier()));
            } else {
                items.add(new Item(List.copyOf(item), null));
            }
        }
        List<List<SqlToken>> where = runs.get(2) == null ? List.of() : split(runs.get(2), false);
        for (List<SqlToken> w : where) if (w.isEmpty()) return null;
        Long limit = null;
        List<SqlToken> l = runs.get(4);
        if (l != null) {
            if (l.size() != 1 || l.getFirst().type() != SqlToken.Type.NUMBER) return null;
            try {
                limit = Long.parseLong(l.getFirst().text());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new SelectShape(
                sql,
                List.copyOf(items),
                runs.get(1) == null ? List.of() : List.copyOf(runs.get(1)),
                where,
                runs.get(3) == null ? List.of() : List.copyOf(runs.get(3)),
                limit);
    }

    /** Splits at depth-0 commas (select list) or depth-0 ANDs (conjuncts). */
    private static List<List<SqlToken>> split(List<SqlToken> run, boolean commas) {
        List<List<SqlToken>> out = new ArrayList<>();
        List<SqlToken> cur = new ArrayList<>();
        int depth = 0;
        for (SqlToken k : run) {
            if (k.isPunct('(') || k.isPunct('[')) depth++;
            if (k.isPunct(')') || k.isPunct(']')) depth--;
            boolean cut = depth == 0 && (commas ? k.isPunct(',') : k.isWord("AND"));
            if (cut) {
                out.add(List.copyOf(cur));
                cur = new ArrayList<>();
            } else {
                cur.add(k);
            }
        }
        out.add(List.copyOf(cur));
        return out;
    }

    static boolean isName(SqlToken t) {
        return t.type() == SqlToken.Type.WORD || t.type() == SqlToken.Type.QUOTED_ID;
    }

    List<String> aliases() {
        List<String> out = new ArrayList<>();
        for (Item i : items) out.add(i.alias());
        return out;
    }

    /** The first table of FROM, as written ({@code system.tables}), or null. */
    String fromTable() {
        if (from.isEmpty() || !isName(from.getFirst())) return null;
        if (from.size() >= 3 && from.get(1).isPunct('.') && isName(from.get(2))) {
            return from.get(0).identifier() + "." + from.get(2).identifier();
        }
        return from.getFirst().identifier();
    }

    /** A string literal's value as ClickHouse reads it. */
    String string(SqlToken t) {
        return SqlLike.literal(sql, t);
    }

    /** The text of a token run as written. */
    String text(List<SqlToken> run) {
        return run.isEmpty()
                ? ""
                : sql.substring(run.getFirst().start(), run.getLast().end());
    }

    /** A conjunct as a predicate on one column, or null when it has another form. */
    Predicate predicate(List<SqlToken> c) {
        int i = 0;
        if (!isName(c.getFirst())) return null;
        String column = c.getFirst().identifier();
        while (i + 2 < c.size() && c.get(i + 1).isPunct('.') && isName(c.get(i + 2))) {
            i += 2;
            column = c.get(i).identifier();
        }
        i++;
        if (i >= c.size()) return null;
        SqlToken op = c.get(i++);
        String name;
        if (op.isWord("LIKE") || op.isWord("ILIKE")) {
            name = op.text().toUpperCase(Locale.ROOT);
        } else if (op.isWord("IN")) {
            if (i >= c.size() || !c.get(i).isPunct('(') || !c.getLast().isPunct(')')) return null;
            List<String> values = new ArrayList<>();
            for (int j = i + 1; j < c.size() - 1; j += 2) {
                if (c.get(j).type() != SqlToken.Type.STRING) return null;
                values.add(string(c.get(j)));
                if (j + 1 < c.size() - 1 && !c.get(j + 1).isPunct(',')) return null;
            }
            return new Predicate(column, "IN", List.copyOf(values));
        } else if (op.isPunct('=')) {
            if (i < c.size() && c.get(i).isPunct('=')) i++;
            name = "=";
        } else if ((op.isPunct('<') && i < c.size() && c.get(i).isPunct('>'))
                || (op.isPunct('!') && i < c.size() && c.get(i).isPunct('='))) {
            i++;
            name = "<>";
        } else {
            return null;
        }
        if (i != c.size() - 1 || c.get(i).type() != SqlToken.Type.STRING) return null;
        return new Predicate(column, name, List.of(string(c.get(i))));
    }
}
