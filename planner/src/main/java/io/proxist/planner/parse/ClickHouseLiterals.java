package io.proxist.planner.parse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.NlsString;

/** ClickHouse quoting rules the Calcite lexer does not know, applied before and after parsing. */
public final class ClickHouseLiterals {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ClickHouseLiterals() {}

    /**
     * Rewrites the query text for Calcite's BigQuery-style lexer (backtick identifiers, single-quoted strings with
     * backslash escapes), keeping every character at its offset where possible so error positions stay right:
     * {@code "name"} becomes {@code `name`}, {@code ''} inside a string becomes {@code \'}, and {@code ``} inside a
     * backtick identifier becomes {@code \`}. Comments are copied unchanged.
     */
    public static String normalizeQuotes(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '\'' || c == '`') {
                i = copyQuoted(sql, i, c, c, out);
            } else if (c == '"') {
                i = copyQuoted(sql, i, '"', '`', out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the quoted token starting at {@code start}, rewriting its quote to {@code to}; returns the end. */
    private static int copyQuoted(String sql, int start, char quote, char to, StringBuilder out) {
        int n = sql.length();
        out.append(to);
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(sql.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    // doubled quote: the quote character itself (same length for strings and backtick names)
                    if (quote == '"') {
                        out.append('"');
                    } else {
                        out.append('\\').append(to);
                    }
                    i += 2;
                } else {
                    out.append(to);
                    return i + 1;
                }
            } else if (c == to && quote != to) {
                // a backtick inside a double-quoted identifier
                out.append('\\').append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return n; // unterminated: the lexer reports it
    }

    /**
     * Resolves ClickHouse's backslash escapes in a string literal's text ({@code \n}, {@code \t}, {@code \\},
     * {@code \xHH}, ...). An unknown escape keeps its backslash, as ClickHouse does.
     */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case '0' -> b.append('\0');
                case 'a' -> b.append('\u0007');
                case 'v' -> b.append('\u000B');
                case '\\', '\'', '"', '`' -> b.append(e);
                case 'x' -> {
                    if (i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        b.append('\\').append(e);
                    }
                }
                default -> b.append('\\').append(e);
            }
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** A ClickHouse string literal for {@code value}: single quotes, backslash escapes. */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\0' -> b.append("\\0");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /**
     * Writes a function's name: as written when it is a plain unquoted name (ClickHouse function names are case
     * sensitive, so {@code argMax} and {@code sum} stay as they are), backtick-quoted otherwise.
     */
    public static void writeFunctionName(SqlWriter writer, SqlIdentifier id) {
        String name = id.names.get(id.names.size() - 1);
        if (id.isSimple()
                && !id.getParserPosition().isQuoted()
                && PLAIN_NAME.matcher(name).matches()) {
            writer.print(name);
        } else {
            writer.identifier(name, true);
        }
        writer.setNeedWhitespace(false);
    }

    /** Writes {@code (quantifier args...)}. */
    public static void writeArguments(SqlWriter writer, SqlLiteral quantifier, List<SqlNode> args) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
        if (quantifier != null) {
            quantifier.unparse(writer, 0, 0);
        }
        for (SqlNode arg : args) {
            writer.sep(",");
            arg.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** The interval call for a {@code INTERVAL n NANOSECOND} token (amount a number or a column name). */
    public static SqlNode subSecondInterval(String image, SqlParserPos pos) {
        String[] parts = image.trim().split("\\s+");
        String amount = parts[1];
        TimeUnit unit = TimeUnit.valueOf(parts[2].toUpperCase(Locale.ROOT));
        SqlNode value = amount.chars().allMatch(Character::isDigit)
                ? SqlLiteral.createExactNumeric(amount, pos)
                : new SqlIdentifier(amount, pos);
        return SqlStdOperatorTable.INTERVAL.createCall(pos, value, new SqlIntervalQualifier(unit, null, pos));
    }

    /** Replaces, in place, every string literal of the tree by its value with ClickHouse escapes resolved. */
    public static SqlNode unescapeInPlace(SqlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof SqlCharStringLiteral lit) {
            NlsString nls = lit.getValueAs(NlsString.class);
            String v = nls.getValue();
            String u = unescape(v);
            return u.equals(v) ? node : SqlLiteral.createCharString(u, lit.getParserPosition());
        }
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode item = list.get(i);
                SqlNode fixed = unescapeInPlace(item);
                if (fixed != item) {
                    list.set(i, fixed);
                }
            }
            return node;
        }
        if (node instanceof SqlCall call) {
            if (call.getOperator() instanceof ClickHouseParametricFunction f) {
                unescapeInPlace(f.parameterList());
            }
            if (call instanceof ClickHouseSelect select) {
                unescapeInPlace(select.limitBy());
            }
            List<SqlNode> operands = call.getOperandList();
            for (int i = 0; i < operands.size(); i++) {
                SqlNode operand = operands.get(i);
                SqlNode fixed = unescapeInPlace(operand);
                if (fixed != operand) {
                    call.setOperand(i, fixed);
                }
            }
        }
        return node;
    }
}
