package io.proxist.formats.output;

/**
 * ClickHouse's string escapings (src/IO/WriteHelpers.h): the backslash escaping of TSV and quoted literals, CSV
 * quoting, and JSON strings with the replacement of invalid UTF-8 that the JSON formats apply (WriteBufferValidUTF8).
 */
final class TextEscaping {
    private TextEscaping() {}

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    /**
     * Backslash escaping of {@code \b \f \n \r \t \0}, the backslash and {@code quote}: TSV fields (quote = '),
     * quoted literals, TSKV keys (quote = =).
     */
    static void escaped(byte[] d, int off, int len, byte quote, ByteSink out) {
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            byte b = d[i];
            byte e;
            switch (b) {
                case '\b' -> e = 'b';
                case '\f' -> e = 'f';
                case '\n' -> e = 'n';
                case '\r' -> e = 'r';
                case '\t' -> e = 't';
                case 0 -> e = '0';
                case '\\' -> e = '\\';
                default -> {
                    if (b != quote) {
                        continue;
                    }
                    e = quote;
                }
            }
            out.write(d, run, i - run);
            out.write('\\').write(e);
            run = i + 1;
        }
        out.write(d, run, end - run);
    }

    /** A single-quoted literal: {@code 'a\'b'}. */
    static void quoted(byte[] d, int off, int len, ByteSink out) {
        out.write('\'');
        escaped(d, off, len, (byte) '\'', out);
        out.write('\'');
    }

    /** A CSV field: always in double quotes, a double quote doubled, everything else verbatim. */
    static void csv(byte[] d, int off, int len, ByteSink out) {
        out.write('"');
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            if (d[i] == '"') {
                out.write(d, run, i + 1 - run);
                out.write('"');
                run = i + 1;
            }
        }
        out.write(d, run, end - run);
        out.write('"');
    }

    /**
     * A JSON string (writeJSONString): {@code \b \f \n \r \t \\ \"} and optionally {@code \/} escaped, other bytes
     * up to 0x1F as a backslash-u00XX escape, U+2028 and U+2029 as backslash-u2028 and backslash-u2029, everything else as is.
     * With {@code validate}, invalid UTF-8 is replaced as ClickHouse's WriteBufferValidUTF8 does it on the escaped
     * output: each invalid byte is skipped and a run of them becomes one U+FFFD.
     */
    static void json(byte[] d, int off, int len, boolean escapeSlash, boolean validate, ByteSink out) {
        out.write('"');
        int end = off + len;
        boolean justReplaced = false;
        int i = off;
        while (i < end) {
            int b = d[i] & 0xFF;
            if (b < 0x80) {
                switch (b) {
                    case '\b' -> out.write('\\').write('b');
                    case '\f' -> out.write('\\').write('f');
                    case '\n' -> out.write('\\').write('n');
                    case '\r' -> out.write('\\').write('r');
                    case '\t' -> out.write('\\').write('t');
                    case '\\' -> out.write('\\').write('\\');
                    case '"' -> out.write('\\').write('"');
                    case '/' -> {
                        if (escapeSlash) {
                            out.write('\\');
                        }
                        out.write('/');
                    }
                    default -> {
                        if (b <= 0x1F) {
                            out.write('\\').write('u').write('0').write('0');
                            out.write(HEX[b >> 4]).write(HEX[b & 0xF]);
                        } else {
                            out.write(b);
                        }
                    }
                }
                justReplaced = false;
                i++;
                continue;
            }
            if (b == 0xE2
                    && end - i >= 3
                    && (d[i + 1] & 0xFF) == 0x80
                    && ((d[i + 2] & 0xFF) == 0xA8 || (d[i + 2] & 0xFF) == 0xA9)) {
                out.ascii((d[i + 2] & 0xFF) == 0xA8 ? "\\u2028" : "\\u2029");
                justReplaced = false;
                i += 3;
                continue;
            }
            if (!validate) {
                out.write(b);
                i++;
                continue;
            }
            int n = legalSequenceLength(d, i, end);
            if (n > 0) {
                out.write(d, i, n);
                justReplaced = false;
                i += n;
            } else {
                if (!justReplaced) {
                    out.write(REPLACEMENT);
                    justReplaced = true;
                }
                i++;
            }
        }
        out.write('"');
    }

    /** The whole of {@code d} as a JSON string. */
    static void json(byte[] d, boolean escapeSlash, boolean validate, ByteSink out) {
        json(d, 0, d.length, escapeSlash, validate, out);
    }

    /**
     * The length of the legal UTF-8 sequence starting at {@code d[i]} (a byte >= 0x80), or 0 when it is not legal.
     * The sequence length comes from the lead byte as in ClickHouse's table (so 0xF8.. announce 5 and 6 bytes and
     * are illegal); legality is Poco::UTF8Encoding::isLegal. A sequence cut by {@code end} is illegal: in the output
     * stream the byte after a value is always ASCII.
     */
    static int legalSequenceLength(byte[] d, int i, int end) {
        int lead = d[i] & 0xFF;
        int len;
        if (lead < 0xC0) {
            len = 1;
        } else if (lead < 0xE0) {
            len = 2;
        } else if (lead < 0xF0) {
            len = 3;
        } else if (lead < 0xF8) {
            len = 4;
        } else {
            return 0;
        }
        if (i + len > end) {
            return 0;
        }
        for (int k = 3; k >= 2; k--) {
            if (len > k && !continuation(d[i + k])) {
                return 0;
            }
        }
        if (len >= 2) {
            int a = d[i + 1] & 0xFF;
            int low = 0x80;
            int high = 0xBF;
            switch (lead) {
                case 0xE0 -> low = 0xA0;
                case 0xED -> high = 0x9F;
                case 0xF0 -> low = 0x90;
                case 0xF4 -> high = 0x8F;
                default -> {}
            }
            if (a < low || a > high) {
                return 0;
            }
        }
        if (lead >= 0x80 && lead < 0xC2) {
            return 0;
        }
        return lead <= 0xF4 ? len : 0;
    }

    private static boolean continuation(byte b) {
        int v = b & 0xFF;
        return v >= 0x80 && v <= 0xBF;
    }
}
