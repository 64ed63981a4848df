package io.proxist.server.route;

import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import java.util.List;

/**
 * The data of an {@code INSERT ... VALUES} read as SQL tokens. Proxist decodes literal rows itself; rows with
 * expressions (calls such as {@code fromUnixTimestamp64Nano(n)}, casts {@code 5::Int32}, operators) are for the
 * backend to evaluate, as ClickHouse's Values format does, so the statement goes upstream as SQL.
 */
final class ValuesExpressions {
    private ValuesExpressions() {}

    /**
     * Whether the rows hold anything but literals: a word other than NULL, true, false, inf, infinity or nan, a
     * quoted identifier, {@code ::}, an operator, a sign after an operand. False when the text does not lex (an
     * unterminated string): Proxist's decoder then reports it.
     */
    static boolean present(String values) {
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(values);
        } catch (RuntimeException e) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            SqlToken tok = t.get(i);
            switch (tok.type()) {
                case WORD -> {
                    if (!literalWord(tok)) return true;
                }
                case QUOTED_ID -> {
                    return true;
                }
                case PUNCT -> {
                    char c = tok.text().charAt(0);
                    if (c == ':' && i + 1 < t.size() && t.get(i + 1).isPunct(':')) return true;
                    if ("*/%=<>!|&?@^~$".indexOf(c) >= 0) return true;
                    if ((c == '-' || c == '+') && i > 0 && binary(t, i)) return true;
                }
                default -> {}
            }
        }
        return false;
    }

    /** The number of rows: the bracketed tuples at the top level. */
    static long rows(String values) {
        long rows = 0;
        int depth = 0;
        for (SqlToken tok : SqlLexer.lex(values)) {
            if (tok.isPunct('(') || tok.isPunct('[') || tok.isPunct('{')) {
                if (depth++ == 0 && tok.isPunct('(')) rows++;
            } else if (tok.isPunct(')') || tok.isPunct(']') || tok.isPunct('}')) {
                depth--;
            }
        }
        return rows;
    }

    /**
     * The INSERT as one SQL statement: its head ({@code INSERT INTO t (cols) FORMAT Values}, as the scanner leaves
     * it) with {@code FORMAT Values} turned back into {@code VALUES}, then the rows.
     */
    static String statement(String head, String values) {
        List<SqlToken> t = SqlLexer.lex(head);
        int n = t.size();
        if (n >= 2 && t.get(n - 2).isWord("FORMAT") && t.get(n - 1).isWord("Values")) {
            return head.substring(0, t.get(n - 2).start()) + "VALUES " + values;
        }
        return head + " " + values;
    }

    private static boolean literalWord(SqlToken w) {
        for (String s : new String[] {"NULL", "true", "false", "inf", "infinity", "nan"}) {
            if (w.isWord(s)) return true;
        }
        return false;
    }

    /** A '+' or '-' after an operand, except the sign of an exponent ({@code 1.0E-5} lexes as three tokens). */
    private static boolean binary(List<SqlToken> t, int i) {
        SqlToken prev = t.get(i - 1);
        if (prev.type() == SqlToken.Type.NUMBER && prev.end() == t.get(i).start()) {
            char last = prev.text().charAt(prev.text().length() - 1);
            if (last == 'e' || last == 'E') return false;
        }
        return switch (prev.type()) {
            case NUMBER, STRING, QUOTED_ID -> true;
            case WORD -> literalWord(prev);
            case PUNCT -> prev.isPunct(')') || prev.isPunct(']');
        };
    }
}
