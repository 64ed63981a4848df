package io.proxist.server.route;

import io.proxist.core.query.SqlToken;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SQL LIKE as ClickHouse applies it ({@code %} any run, {@code _} one character, backslash escaping {@code %},
 * {@code _} and itself), and ClickHouse's reading of string literals, which keeps the backslash of an escape it
 * does not know ({@code 'a\_b'} is {@code a\_b}, so the LIKE pattern still sees the escape).
 */
final class SqlLike {
    private static final int ANY = -1;
    private static final int ONE = -2;

    private final int[] pattern;
    private final boolean caseInsensitive;

    private SqlLike(int[] pattern, boolean caseInsensitive) {
        this.pattern = pattern;
        this.caseInsensitive = caseInsensitive;
    }

    /** A LIKE (or, case-insensitive, ILIKE) pattern. */
    static SqlLike of(String pattern, boolean caseInsensitive) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '\\' && i + 1 < cps.length) {
                int d = cps[i + 1];
                if (d == '%' || d == '_' || d == '\\') {
                    out[n++] = fold(d, caseInsensitive);
                    i++;
                } else {
                    out[n++] = '\\';
                }
            } else if (c == '%') {
                out[n++] = ANY;
            } else if (c == '_') {
                out[n++] = ONE;
            } else {
                out[n++] = fold(c, caseInsensitive);
            }
        }
        return new SqlLike(java.util.Arrays.copyOf(out, n), caseInsensitive);
    }

    /** A pattern matching everything: the driver's default {@code '%'}. */
    static SqlLike all() {
        return new SqlLike(new int[] {ANY}, false);
    }

    private static int fold(int c, boolean caseInsensitive) {
        return caseInsensitive ? Character.toLowerCase(c) : c;
    }

    boolean matches(String value) {
        int[] s = value.codePoints().toArray();
        if (caseInsensitive) for (int i = 0; i < s.length; i++) s[i] = Character.toLowerCase(s[i]);
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < s.length) {
            if (p < pattern.length && (pattern[p] == ONE || pattern[p] == s[i])) {
                p++;
                i++;
            } else if (p < pattern.length && pattern[p] == ANY) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY) p++;
        return p == pattern.length;
    }

    /** The one value the pattern matches when it has no wildcard, else null (for an equality pushed upstream). */
    String literal() {
        if (caseInsensitive) return null;
        StringBuilder sb = new StringBuilder();
        for (int c : pattern) {
            if (c == ANY || c == ONE) return null;
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    /** The value of a string literal token as ClickHouse reads it. */
    static String literal(String sql, SqlToken t) {
        String raw = sql.substring(t.start() + 1, t.end() - 1);
        char quote = sql.charAt(t.start());
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = raw.charAt(++i);
                if (d == 'x' && hex(raw, i + 1) >= 0) {
                    out.write(hex(raw, i + 1));
                    i += 2;
                } else if (d != 'N') {
                    char decoded = unescape(d);
                    if ("\\'\"`/=".indexOf(decoded) < 0 && decoded >= 32) out.write('\\');
                    write(out, String.valueOf(decoded));
                }
            } else if (c == quote && i + 1 < n && raw.charAt(i + 1) == quote) {
                out.write(quote);
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < n) {
                write(out, raw.substring(i, i + 2));
                i++;
            } else {
                write(out, String.valueOf(c));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String s, int at) {
        if (at + 2 > s.length()) return -1;
        int hi = Character.digit(s.charAt(at), 16);
        int lo = Character.digit(s.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'e' -> 27;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            case '0' -> '\0';
            default -> c;
        };
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
