package io.proxist.core.query;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits ClickHouse SQL into tokens, skipping whitespace and comments ({@code --}, {@code #!}, {@code /* *}{@code /}).
 * It only finds boundaries (keywords, FORMAT clauses, where INSERT data starts); parsing is the planner's.
 * Tokens are pulled one at a time, so a caller can stop where INSERT data starts: that data is not SQL.
 */
public final class SqlLexer {
    private final String sql;
    private int i;

    public SqlLexer(String sql) {
        this.sql = sql;
    }

    /** The offset where the next token would start (after skipping nothing yet). */
    public int position() {
        return i;
    }

    public static List<SqlToken> lex(String sql) {
        SqlLexer l = new SqlLexer(sql);
        List<SqlToken> out = new ArrayList<>();
        for (SqlToken t = l.next(); t != null; t = l.next()) out.add(t);
        return out;
    }

    /** The next token, or null at the end. */
    public SqlToken next() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '#' && i + 1 < n && (sql.charAt(i + 1) == '!' || sql.charAt(i + 1) == ' ')) {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                if (e < 0) throw syntax("unterminated comment", i);
                i = e + 2;
            } else if (c == '\'' || c == '`' || c == '"') {
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw syntax("unterminated " + (c == '\'' ? "string" : "quoted identifier"), s);
                    char d = sql.charAt(i++);
                    if (d == '\\' && i < n) {
                        sb.append(unescape(sql.charAt(i++)));
                    } else if (d == c) {
                        if (i < n && sql.charAt(i) == c) { // doubled quote
                            sb.append(c);
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(d);
                    }
                }
                return new SqlToken(c == '\'' ? SqlToken.Type.STRING : SqlToken.Type.QUOTED_ID, s, i, sb.toString());
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int s = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'))
                    i++;
                return new SqlToken(SqlToken.Type.WORD, s, i, sql.substring(s, i));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                return new SqlToken(SqlToken.Type.NUMBER, s, i, sql.substring(s, i));
            } else {
                i++;
                return new SqlToken(SqlToken.Type.PUNCT, i - 1, i, String.valueOf(c));
            }
        }
        return null;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> c;
        };
    }

    private static ProxistException syntax(String what, int pos) {
        return new ProxistException(ErrorCode.SYNTAX_ERROR, "Syntax error: " + what + " at position " + (pos + 1));
    }
}
