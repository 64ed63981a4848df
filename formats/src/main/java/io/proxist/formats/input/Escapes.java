package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/** ClickHouse's backslash escapes (TabSeparated, quoted strings) and JSON's. */
final class Escapes {
    private Escapes() {}

    static int indexOfBackslash(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == '\\') return i;
        return -1;
    }

    /**
     * Unescapes {@code b[from, to)} into {@code out} (appending): {@code \xHH}, {@code \N} (nothing), the C escapes;
     * an unknown escape keeps its backslash unless the character is a quote, backslash, slash, '=' or a control
     * character, as ClickHouse does. With {@code quote} > 0 a doubled quote character stands for one.
     */
    static void unescape(byte[] b, int from, int to, int quote, Scratch out) {
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == '\\') {
                i = escape(b, i + 1, to, out);
            } else if (c == quote && i + 1 < to && b[i + 1] == quote) {
                out.add(c);
                i += 2;
            } else {
                out.add(c);
                i++;
            }
        }
    }

    /** Decodes the escape whose character is at {@code i} (after the backslash); returns the index after it. */
    private static int escape(byte[] b, int i, int to, Scratch out) {
        if (i >= to) throw bad();
        int c = b[i] & 0xFF;
        if (c == 'x') {
            if (i + 2 >= to) throw bad();
            int hi = Character.digit(b[i + 1], 16);
            int lo = Character.digit(b[i + 2], 16);
            if (hi < 0 || lo < 0) throw bad();
            out.add((hi << 4) | lo);
            return i + 3;
        }
        if (c == 'N') return i + 1;
        int decoded =
                switch (c) {
                    case 'a' -> 7;
                    case 'b' -> 8;
                    case 'e' -> 0x1B;
                    case 'f' -> 12;
                    case 'n' -> 10;
                    case 'r' -> 13;
                    case 't' -> 9;
                    case 'v' -> 11;
                    case '0' -> 0;
                    default -> c;
                };
        if (decoded != '\\'
                && decoded != '\''
                && decoded != '"'
                && decoded != '`'
                && decoded != '/'
                && decoded != '='
                && decoded >= 0x20
                && decoded != 0x7F) {
            out.add('\\');
        }
        out.add(decoded);
        return i + 1;
    }

    static ProxistException bad() {
        return new ProxistException(ErrorCode.CANNOT_PARSE_ESCAPE_SEQUENCE, "Cannot parse escape sequence");
    }

    /** Unescapes the content of a JSON string, {@code b[from, to)}, into {@code out}. */
    static void unescapeJson(byte[] b, int from, int to, Scratch out) {
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c != '\\') {
                out.add(c);
                i++;
                continue;
            }
            if (++i >= to) throw bad();
            int e = b[i];
            switch (e) {
                case 'b' -> out.add(8);
                case 'f' -> out.add(12);
                case 'n' -> out.add(10);
                case 'r' -> out.add(13);
                case 't' -> out.add(9);
                case 'u' -> {
                    int cp = hex4(b, i + 1, to);
                    i += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (i + 2 >= to || b[i + 1] != '\\' || b[i + 2] != 'u') {
                            throw new ProxistException(
                                    ErrorCode.CANNOT_PARSE_ESCAPE_SEQUENCE,
                                    "Cannot parse escape sequence: missing second part of surrogate pair");
                        }
                        int low = hex4(b, i + 3, to);
                        if (low < 0xDC00 || low > 0xDFFF) {
                            throw new ProxistException(
                                    ErrorCode.CANNOT_PARSE_ESCAPE_SEQUENCE,
                                    "Incorrect surrogate pair of unicode escape sequences in JSON");
                        }
                        i += 6;
                        utf8(0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), out);
                    } else {
                        utf8(cp, out);
                    }
                }
                default -> out.add(e); // \" \\ \/ and anything else: the character itself
            }
            i++;
        }
    }

    private static int hex4(byte[] b, int at, int to) {
        if (at + 4 > to) throw bad();
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[at + k], 16);
            if (d < 0) throw bad();
            v = (v << 4) | d;
        }
        return v;
    }

    static void utf8(int cp, Scratch out) {
        if (cp < 0x80) {
            out.add(cp);
        } else if (cp < 0x800) {
            out.add(0xC0 | (cp >> 6));
            out.add(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.add(0xE0 | (cp >> 12));
            out.add(0x80 | ((cp >> 6) & 0x3F));
            out.add(0x80 | (cp & 0x3F));
        } else {
            out.add(0xF0 | (cp >> 18));
            out.add(0x80 | ((cp >> 12) & 0x3F));
            out.add(0x80 | ((cp >> 6) & 0x3F));
            out.add(0x80 | (cp & 0x3F));
        }
    }
}
