package io.proxist.schemas;

import java.util.ArrayList;
import java.util.List;

/** Splits ClickHouse DDL into tokens, keeping each token's offsets so expressions can be cut from the source. */
final class DdlLexer {
    enum Kind {
        WORD,
        STRING,
        NUMBER,
        PUNCT,
        END
    }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String s) {
            return (kind == Kind.WORD && text.equalsIgnoreCase(s)) || (kind == Kind.PUNCT && text.equals(s));
        }
    }

    private DdlLexer() {}

    static List<Token> lex(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '.'))
                    i++;
                out.add(new Token(Kind.WORD, sql.substring(s, i), s, i));
            } else if (c == '`' || c == '"') {
                int s = i;
                int e = sql.indexOf(c, i + 1);
                if (e < 0) throw new DdlSyntaxException("unterminated quoted identifier", sql, s);
                i = e + 1;
                out.add(new Token(Kind.WORD, sql.substring(s + 1, e), s, i));
            } else if (c == '\'') {
                int s = i++;
                StringBuilder sb = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char d = sql.charAt(i++);
                    if (d == '\\' && i < n) {
                        sb.append(sql.charAt(i++));
                    } else if (d == '\'') {
                        closed = true;
                        break;
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) throw new DdlSyntaxException("unterminated string", sql, s);
                out.add(new Token(Kind.STRING, sb.toString(), s, i));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                out.add(new Token(Kind.NUMBER, sql.substring(s, i), s, i));
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        out.add(new Token(Kind.END, "", n, n));
        return out;
    }
}
