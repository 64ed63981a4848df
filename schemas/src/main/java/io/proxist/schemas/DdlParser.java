package io.proxist.schemas;

import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.schemas.DdlLexer.Kind;
import io.proxist.schemas.DdlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one {@code CREATE TABLE} statement of schemas/ddl into a {@link TableSchema}: columns with type,
 * default and comment, then ENGINE, PARTITION BY, ORDER BY, PRIMARY KEY, TTL, SETTINGS and COMMENT clauses.
 * Expressions are kept as their source text.
 */
final class DdlParser {
    private static final Set<String> COLUMN_STOPS =
            Set.of("DEFAULT", "MATERIALIZED", "ALIAS", "COMMENT", "CODEC", "TTL");
    private static final Set<String> CLAUSES =
            Set.of("ENGINE", "PARTITION", "ORDER", "PRIMARY", "SAMPLE", "TTL", "SETTINGS", "COMMENT");

    /** Words that may stand next to another word in an expression; any other pair is a typo such as ORDR BY. */
    private static final Set<String> JOINING_WORDS = Set.of(
            "AND",
            "OR",
            "NOT",
            "IS",
            "NULL",
            "AS",
            "IN",
            "LIKE",
            "BETWEEN",
            "INTERVAL",
            "DELETE",
            "TO",
            "DISK",
            "VOLUME",
            "GROUP",
            "BY",
            "SET",
            "WHERE",
            "ASC",
            "DESC",
            "SECOND",
            "MINUTE",
            "HOUR",
            "DAY",
            "WEEK",
            "MONTH",
            "QUARTER",
            "YEAR");

    private final String sql;
    private final List<Token> tokens;
    private int pos;

    private DdlParser(String sql) {
        this.sql = sql;
        this.tokens = DdlLexer.lex(sql);
    }

    static TableSchema parse(String sql) {
        return new DdlParser(sql).createTable();
    }

    private TableSchema createTable() {
        expectWord("CREATE");
        expectWord("TABLE");
        if (peek().is("IF")) {
            pos++;
            expectWord("NOT");
            expectWord("EXISTS");
        }
        Token name = next();
        if (name.kind() != Kind.WORD) throw error("expected the table name", name);
        expectPunct("(");
        List<ColumnDef> columns = new ArrayList<>();
        while (true) {
            columns.add(column());
            Token t = next();
            if (t.is(")")) break;
            if (!t.is(",")) throw error("expected ',' or ')' after a column", t);
        }
        String engine = null;
        String partitionBy = "";
        String orderBy = "";
        String ttl = "";
        String settings = "";
        String comment = "";
        while (peek().kind() != Kind.END && !peek().is(";")) {
            Token t = next();
            String kw = t.kind() == Kind.WORD ? t.text().toUpperCase(java.util.Locale.ROOT) : "";
            switch (kw) {
                case "ENGINE" -> {
                    expectPunct("=");
                    engine = expression(CLAUSES);
                }
                case "PARTITION" -> {
                    expectWord("BY");
                    partitionBy = expression(CLAUSES);
                }
                case "ORDER" -> {
                    expectWord("BY");
                    orderBy = expression(CLAUSES);
                }
                case "TTL" -> ttl = expression(CLAUSES);
                case "SETTINGS" -> settings = expression(CLAUSES);
                case "COMMENT" -> comment = string();
                default ->
                    throw error(
                            "unsupported clause '" + t.text() + "' (expected ENGINE, PARTITION BY, ORDER BY,"
                                    + " TTL, SETTINGS or COMMENT)",
                            t);
            }
        }
        if (peek().is(";")) pos++;
        if (peek().kind() != Kind.END) throw error("one statement per file; unexpected text", peek());
        if (engine == null) throw error("missing ENGINE", peek());
        return new TableSchema(name.text(), columns, engine, partitionBy, orderBy, ttl, settings, comment);
    }

    private ColumnDef column() {
        Token name = next();
        if (name.kind() != Kind.WORD) throw error("expected a column name", name);
        Token typeStart = peek();
        String typeText = expression(COLUMN_STOPS);
        DataType type;
        try {
            type = DataType.parse(typeText);
        } catch (RuntimeException e) {
            throw error("bad type of column '" + name.text() + "': " + e.getMessage(), typeStart);
        }
        String defaultKind = "";
        String defaultExpr = "";
        String comment = "";
        while (peek().kind() == Kind.WORD) {
            Token t = next();
            String kw = t.text().toUpperCase(java.util.Locale.ROOT);
            switch (kw) {
                case "DEFAULT", "MATERIALIZED", "ALIAS" -> {
                    defaultKind = kw;
                    defaultExpr = expression(COLUMN_STOPS);
                }
                case "COMMENT" -> comment = string();
                default -> throw error("unsupported column clause '" + t.text() + "'", t);
            }
        }
        return new ColumnDef(name.text(), type, defaultKind, defaultExpr, comment);
    }

    /** The source text from here to the next top-level ',' or ')' or stop word, whitespace collapsed. */
    private String expression(Set<String> stops) {
        int depth = 0;
        Token first = peek();
        Token last = null;
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END || (depth == 0 && t.is(";"))) break;
            if (depth == 0 && (t.is(",") || t.is(")"))) break;
            if (depth == 0 && t.kind() == Kind.WORD && stops.contains(t.text().toUpperCase(java.util.Locale.ROOT)))
                break;
            if (t.is("(")) depth++;
            if (t.is(")")) depth--;
            if (depth == 0
                    && last != null
                    && last.kind() == Kind.WORD
                    && t.kind() == Kind.WORD
                    && !JOINING_WORDS.contains(last.text().toUpperCase(java.util.Locale.ROOT))
                    && !JOINING_WORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT))) {
                throw error("unexpected word after '" + last.text() + "'", t);
            }
            last = next();
        }
        if (last == null) throw error("expected an expression", first);
        return collapse(sql.substring(first.start(), last.end()));
    }

    private static String collapse(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inString = false;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && (i == 0 || s.charAt(i - 1) != '\\')) inString = !inString;
            if (!inString && Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && !sb.isEmpty()) sb.append(' ');
            space = false;
            sb.append(c);
        }
        return sb.toString();
    }

    private String string() {
        Token t = next();
        if (t.kind() != Kind.STRING) throw error("expected a quoted string", t);
        return t.text();
    }

    private void expectWord(String w) {
        Token t = next();
        if (!(t.kind() == Kind.WORD && t.text().equalsIgnoreCase(w))) throw error("expected " + w, t);
    }

    private void expectPunct(String p) {
        Token t = next();
        if (!t.is(p)) throw error("expected '" + p + "'", t);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) pos++;
        return t;
    }

    private DdlSyntaxException error(String what, Token at) {
        String found = at.kind() == Kind.END ? "end of statement" : "'" + at.text() + "'";
        return new DdlSyntaxException(what + ", found " + found, sql, at.start());
    }
}
