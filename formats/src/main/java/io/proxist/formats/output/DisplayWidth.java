package io.proxist.formats.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The visible width of UTF-8 text as ClickHouse's Pretty formats estimate it (UTF8::computeWidth and
 * computeBytesBeforeWidth in src/Common/UTF8Helpers.cpp): printable ASCII counts 1; a tab advances to the next
 * multiple of 8 counted from {@code prefix}; ESC starts an escape sequence whose printable ASCII does not count until
 * a CSI final byte; other code points count by their Unicode width (0 for non-printable, combining and unassigned,
 * 2 for East Asian wide); invalid UTF-8 counts 0. The quirks of the original are kept on purpose (runs of 16
 * printable bytes are counted without looking at the escape state; a rejected sequence restarts the scan after its
 * first byte; the byte after the value reads as NUL), because the widths decide the bytes of the table.
 */
final class DisplayWidth {
    private DisplayWidth() {}

    private static final int[] STARTS;
    private static final int[] ENDS;
    private static final byte[] WIDTHS;

    static {
        int[] starts = new int[1024];
        int[] ends = new int[1024];
        byte[] widths = new byte[1024];
        int n = 0;
        try (InputStream in = DisplayWidth.class.getResourceAsStream("char-widths.txt")) {
            if (in == null) {
                throw new IllegalStateException("char-widths.txt is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] parts = line.split(" ");
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                    widths = Arrays.copyOf(widths, n * 2);
                }
                starts[n] = Integer.parseInt(parts[0], 16);
                ends[n] = Integer.parseInt(parts[1], 16);
                widths[n] = Byte.parseByte(parts[2]);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        STARTS = Arrays.copyOf(starts, n);
        ENDS = Arrays.copyOf(ends, n);
        WIDTHS = Arrays.copyOf(widths, n);
    }

    /** The width of one code point (0, 1 or 2). */
    static int codePointWidth(int cp) {
        int i = Arrays.binarySearch(STARTS, cp);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && cp <= ENDS[i] ? WIDTHS[i] : 1;
    }

    static long width(byte[] d, int off, int len, long prefix) {
        return compute(d, off, len, prefix, 0, false);
    }

    static long width(byte[] d, long prefix) {
        return width(d, 0, d.length, prefix);
    }

    /** How many bytes of {@code d[off, off + len)} fit in {@code limit} columns. */
    static int bytesBeforeWidth(byte[] d, int off, int len, long prefix, long limit) {
        return (int) compute(d, off, len, prefix, limit, true);
    }

    private static boolean printable(int b) {
        return b >= 0x20 && b <= 0x7E;
    }

    private static int at(byte[] d, int off, int len, int i) {
        return i >= 0 && i < len ? d[off + i] & 0xFF : 0;
    }

    private static long compute(byte[] d, int off, int len, long prefix, long limit, boolean bytesMode) {
        Decoder decoder = new Decoder();
        boolean escape = false;
        long width = 0;
        int rollback = 0;
        for (int i = 0; i < len; ++i) {
            while (i + 15 < len) {
                int regular = 0;
                while (regular < 16 && printable(d[off + i + regular] & 0xFF)) regular++;
                if (regular < 16) {
                    width += regular;
                    i += regular;
                    break;
                }
                if (escape) {
                    break;
                }
                i += 16;
                width += 16;
            }
            while (i < len && printable(d[off + i] & 0xFF)) {
                if (!escape) {
                    ++width;
                } else if (csiFinal(d[off + i] & 0xFF) && at(d, off, len, i - 1) != 0x1B) {
                    escape = false;
                }
                ++i;
            }
            if (bytesMode && width > limit) {
                return i - (width - limit);
            }
            int state = decoder.decode(at(d, off, len, i));
            if (state == Decoder.REJECT) {
                decoder.reset();
                i -= rollback;
                rollback = 0;
            } else if (state == Decoder.ACCEPT) {
                long next = width;
                int cp = decoder.codepoint;
                if (cp == 0x1B) {
                    escape = true;
                } else if (cp == '\t') {
                    next += 8 - (prefix + width) % 8;
                } else {
                    next += codePointWidth(cp);
                }
                if (bytesMode && next > limit) {
                    return i - rollback;
                }
                width = next;
                rollback = 0;
            } else {
                ++rollback;
            }
        }
        return bytesMode ? len : width;
    }

    private static boolean csiFinal(int b) {
        return b >= 0x40 && b <= 0x7E;
    }

    /** A UTF-8 decoder that accepts exactly the well-formed sequences, byte by byte. */
    private static final class Decoder {
        static final int ACCEPT = 0;
        static final int REJECT = 1;
        static final int MORE = 2;

        int codepoint;
        private int remaining;
        private int low = 0x80;
        private int high = 0xBF;

        int decode(int b) {
            if (remaining == 0) {
                if (b < 0x80) {
                    codepoint = b;
                    return ACCEPT;
                }
                low = 0x80;
                high = 0xBF;
                if (b >= 0xC2 && b <= 0xDF) {
                    remaining = 1;
                    codepoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    remaining = 2;
                    codepoint = b & 0x0F;
                    if (b == 0xE0) {
                        low = 0xA0;
                    } else if (b == 0xED) {
                        high = 0x9F;
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    remaining = 3;
                    codepoint = b & 0x07;
                    if (b == 0xF0) {
                        low = 0x90;
                    } else if (b == 0xF4) {
                        high = 0x8F;
                    }
                } else {
                    return REJECT;
                }
                return MORE;
            }
            if (b < low || b > high) {
                remaining = 0;
                return REJECT;
            }
            low = 0x80;
            high = 0xBF;
            codepoint = (codepoint << 6) | (b & 0x3F);
            return --remaining == 0 ? ACCEPT : MORE;
        }

        void reset() {
            remaining = 0;
            codepoint = 0xFFFD;
        }
    }
}
