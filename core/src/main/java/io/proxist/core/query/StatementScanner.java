package io.proxist.core.query;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what the protocol layer must know of a statement before handing it on: its kind, the FORMAT clause
 * (removed from the SQL), and for INSERT the table, the column list and where its data starts. It works on
 * tokens, never on regular expressions over the text, and does not parse expressions.
 */
public final class StatementScanner {
    private StatementScanner() {}

    public static Statement scan(String text) {
        SqlLexer lexer = new SqlLexer(text);
        SqlToken first = lexer.next();
        if (first == null) {
            throw new ProxistException(ErrorCode.SYNTAX_ERROR, "Empty query");
        }
        String kw = first.type() == SqlToken.Type.WORD ? first.text().toUpperCase(java.util.Locale.ROOT) : "";
        return switch (kw) {
            case "INSERT" -> insert(text, lexer);
            case "SET" -> new Statement(StatementKind.SET, stripTrailingSemicolon(text), null, null, null, new byte[0]);
            case "USE" -> new Statement(StatementKind.USE, stripTrailingSemicolon(text), null, null, null, new byte[0]);
            case "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN" -> query(text, first, lexer);
            default -> {
                if (first.isPunct('(')) yield query(text, first, lexer);
                yield query(text, first, lexer).withKind(StatementKind.OTHER);
            }
        };
    }

    private static Statement query(String text, SqlToken first, SqlLexer lexer) {
        List<SqlToken> tokens = new ArrayList<>();
        tokens.add(first);
        for (SqlToken t = lexer.next(); t != null; t = lexer.next()) tokens.add(t);
        int depth = 0;
        int formatAt = -1;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunct('(')) depth++;
            else if (t.isPunct(')')) depth--;
            else if (depth == 0 && t.isWord("FORMAT") && i + 1 < tokens.size() && isName(tokens.get(i + 1))) {
                formatAt = i;
            } else if (depth == 0 && t.isPunct(';') && i + 1 < tokens.size()) {
                throw new ProxistException(
                        ErrorCode.SYNTAX_ERROR, "Multi-statements are not allowed [position=" + (t.start() + 1) + "]");
            }
        }
        String sql = text;
        String format = null;
        if (formatAt >= 0) {
            SqlToken f = tokens.get(formatAt);
            SqlToken name = tokens.get(formatAt + 1);
            format = name.identifier();
            sql = text.substring(0, f.start()) + text.substring(name.end());
        }
        return new Statement(StatementKind.QUERY, stripTrailingSemicolon(sql).strip(), format, null, null, new byte[0]);
    }

    private static Statement insert(String text, SqlLexer lexer) {
        SqlToken t = lexer.next();
        if (t == null || !t.isWord("INTO")) throw syntax(t, "INTO");
        t = lexer.next();
        if (t != null && t.isWord("TABLE")) t = lexer.next();
        if (t == null || !isName(t)) throw syntax(t, "a table name");
        StringBuilder table = new StringBuilder(t.identifier());
        t = lexer.next();
        if (t != null && t.isPunct('.')) {
            SqlToken name = lexer.next();
            if (name == null || !isName(name)) throw syntax(name, "a table name");
            table.append('.').append(name.identifier());
            t = lexer.next();
        }
        String columns = null;
        if (t != null && t.isPunct('(')) {
            int start = t.end();
            int depth = 1;
            SqlToken c = t;
            while (depth > 0) {
                c = lexer.next();
                if (c == null) throw syntax(null, "')'");
                if (c.isPunct('(')) depth++;
                if (c.isPunct(')')) depth--;
            }
            columns = text.substring(start, c.start()).strip();
            t = lexer.next();
        }
        if (t != null && t.isWord("SETTINGS")) {
            // settings of the INSERT itself: skip name = value pairs up to FORMAT or VALUES
            while (t != null && !t.isWord("FORMAT") && !t.isWord("VALUES")) t = lexer.next();
        }
        String format;
        int dataStart;
        if (t == null) {
            format = "Values";
            dataStart = text.length();
        } else if (t.isWord("VALUES")) {
            format = "Values";
            dataStart = t.end();
        } else if (t.isWord("FORMAT")) {
            SqlToken name = lexer.next();
            if (name == null || !isName(name)) throw syntax(name, "a format name");
            format = name.identifier();
            dataStart = name.end();
            // one whitespace (or a line) separates the format name from the data
            if (dataStart < text.length() && text.charAt(dataStart) == '\r') dataStart++;
            if (dataStart < text.length() && Character.isWhitespace(text.charAt(dataStart))) dataStart++;
        } else if (t.isWord("SELECT") || t.isWord("WITH") || t.isPunct('(')) {
            return new Statement(
                    StatementKind.INSERT, stripTrailingSemicolon(text).strip(), null, table.toString(), columns, null);
        } else {
            throw syntax(t, "VALUES, FORMAT or SELECT");
        }
        String head = text.substring(0, Math.min(dataStart, text.length()));
        if (format.equals("Values") && t != null && t.isWord("VALUES")) {
            head = text.substring(0, t.start()) + "FORMAT Values";
        }
        byte[] data = text.substring(Math.min(dataStart, text.length())).getBytes(StandardCharsets.UTF_8);
        return new Statement(StatementKind.INSERT, head.strip(), format, table.toString(), columns, data);
    }

    /** {@code SET a = 1, b = 'x'} as name to value text (strings unquoted). */
    public static Map<String, String> setAssignments(String sql) {
        List<SqlToken> tokens = SqlLexer.lex(sql);
        Map<String, String> out = new LinkedHashMap<>();
        int i = 1;
        while (i < tokens.size()) {
            SqlToken name = tokens.get(i);
            if (!isName(name) || i + 2 >= tokens.size() || !tokens.get(i + 1).isPunct('=')) {
                throw syntax(name, "name = value");
            }
            int v = i + 2;
            StringBuilder value = new StringBuilder();
            while (v < tokens.size()
                    && !tokens.get(v).isPunct(',')
                    && !tokens.get(v).isPunct(';')) {
                value.append(tokens.get(v).text());
                v++;
            }
            out.put(name.identifier(), value.toString());
            i = v + 1;
        }
        return out;
    }

    private static boolean isName(SqlToken t) {
        return t.type() == SqlToken.Type.WORD || t.type() == SqlToken.Type.QUOTED_ID;
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    private static ProxistException syntax(SqlToken at, String expected) {
        String where = at == null ? "end of query" : "'" + at.text() + "' at position " + (at.start() + 1);
        return new ProxistException(ErrorCode.SYNTAX_ERROR, "Syntax error: expected " + expected + ", found " + where);
    }
}
