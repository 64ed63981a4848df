package io.proxist.core.query;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Map;

/**
 * Substitutes query parameters ({@code {name:Type}} placeholders, values from {@code param_name}) with literals
 * the backing server can read, working on tokens so placeholders inside strings stay untouched. Numbers are
 * checked and written as they are; strings are quoted; identifiers are backquoted; other types become
 * {@code CAST('value' AS Type)}.
 */
public final class QueryParameters {
    private QueryParameters() {}

    public static String substitute(String sql, Map<String, String> params) {
        if (sql.indexOf('{') < 0) return sql;
        StringBuilder out = new StringBuilder(sql.length() + 32);
        SqlLexer lexer = new SqlLexer(sql);
        int copied = 0;
        for (SqlToken t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.isPunct('{')) continue;
            SqlToken name = lexer.next();
            SqlToken colon = name == null ? null : lexer.next();
            if (name == null || colon == null || !colon.isPunct(':')) continue;
            int typeStart = colon.end();
            int depth = 0;
            SqlToken end = lexer.next();
            while (end != null && !(depth == 0 && end.isPunct('}'))) {
                if (end.isPunct('(')) depth++;
                if (end.isPunct(')')) depth--;
                end = lexer.next();
            }
            if (end == null) {
                throw new ProxistException(
                        ErrorCode.SYNTAX_ERROR,
                        "Syntax error: unterminated query parameter at position " + (t.start() + 1));
            }
            String type = sql.substring(typeStart, end.start()).strip();
            String value = params.get(name.text());
            if (value == null) {
                throw new ProxistException(
                        ErrorCode.UNKNOWN_QUERY_PARAMETER, "Substitution `" + name.text() + "` is not set");
            }
            out.append(sql, copied, t.start()).append(literal(name.text(), type, value));
            copied = end.end();
        }
        return out.append(sql.substring(copied)).toString();
    }

    /** Parameter values arrive in ClickHouse's escaped (TabSeparated) text form: {@code \\t}, {@code \\'}, ... */
    static String unescape(String v) {
        if (v.indexOf('\\') < 0) return v;
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\' || i + 1 == v.length()) {
                sb.append(c);
                continue;
            }
            char e = v.charAt(++i);
            sb.append(
                    switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case '0' -> '\0';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e;
                    });
        }
        return sb.toString();
    }

    static String literal(String name, String type, String escapedValue) {
        String value = escapedValue.equals("\\N") ? escapedValue : unescape(escapedValue);
        String base = type.startsWith("Nullable(") ? type.substring(9, type.length() - 1) : type;
        if (type.startsWith("Nullable(") && value.equals("\\N")) {
            return "NULL";
        }
        switch (base) {
            case "String" -> {
                return quote(value);
            }
            case "Identifier" -> {
                return '`' + value.replace("\\", "\\\\").replace("`", "\\`") + '`';
            }
            case "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64" -> {
                if (!value.matches("[+-]?\\d{1,20}") || (base.startsWith("U") && value.startsWith("-"))) {
                    throw bad(name, type, value);
                }
                return value;
            }
            case "Float32", "Float64" -> {
                if (!value.matches("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+|inf|nan)")) throw bad(name, type, value);
                return base.equals("Float32") ? "toFloat32(" + value + ")" : "toFloat64(" + value + ")";
            }
            default -> {
                return "CAST(" + quote(value) + " AS " + type + ")";
            }
        }
    }

    private static ProxistException bad(String name, String type, String value) {
        return new ProxistException(
                ErrorCode.BAD_QUERY_PARAMETER,
                "Value " + value + " cannot be parsed as " + type + " for query parameter '" + name + "'");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
