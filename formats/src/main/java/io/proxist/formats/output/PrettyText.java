package io.proxist.formats.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/** Helpers of the Pretty and Vertical formats (src/Formats/PrettyFormatHelpers.cpp, src/Common/formatReadable.cpp). */
final class PrettyText {
    private PrettyText() {}

    static final byte[] CUT_FILLER = "⋯".getBytes(StandardCharsets.UTF_8);
    private static final String GRAY = "\033[90m";
    private static final String RED = "\033[31m";
    private static final String UNDERSCORE = "\033[4m";
    private static final String RESET = "\033[0m";
    private static final String[] QUANTITY_UNITS = {"", " thousand", " million", " billion", " trillion", " quadrillion"
    };

    /** A column name and its display width. */
    record Name(byte[] bytes, long width) {}

    /**
     * A long column name cut in the middle with "⋯" to {@code cutTo} columns, unless it is at most
     * {@code cutTo + hysteresis} wide or a plain identifier.
     */
    static Name truncateName(String name, long cutTo, long hysteresis) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        long length = DisplayWidth.width(b, 0);
        if (cutTo == 0 || length <= cutTo + hysteresis || isValidIdentifier(name)) {
            return new Name(b, length);
        }
        long prefixChars = cutTo / 2;
        long suffixChars = (cutTo - 1) / 2;
        long suffixBegin = length - suffixChars;
        int prefixBytes = DisplayWidth.bytesBeforeWidth(b, 0, b.length, 0, prefixChars);
        int suffixBytesBegin = DisplayWidth.bytesBeforeWidth(b, 0, b.length, 0, suffixBegin);
        ByteSink s = new ByteSink(b.length);
        s.write(b, 0, prefixBytes).write(CUT_FILLER).write(b, suffixBytesBegin, b.length - suffixBytesBegin);
        return new Name(s.toByteArray(), cutTo);
    }

    static boolean isValidIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return !s.equalsIgnoreCase("null");
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The readable tip after a large number ({@code  -- 1.23 million}): when the value exceeds the threshold and
     * is not in the range where most 64-bit hashes fall.
     */
    static void readableNumberTip(
            ColumnText column, int row, FormatSettings.Pretty settings, boolean color, ByteSink out) {
        if (column.isNull(row)) {
            return;
        }
        double value = column.toDouble(row);
        double abs = Math.abs(value);
        long threshold = settings.singleLargeNumberTipThreshold();
        if (threshold != 0
                && Double.isFinite(value)
                && abs > (double) threshold
                && !(abs > 1e17 && abs < 1.844675e19)
                // from 1e75 on, the quantity in quadrillions has over 60 digits, which double-conversion's ToFixed
                // refuses and ClickHouse fails the query; Proxist leaves the tip out
                && abs < 1e75) {
            if (color) {
                out.ascii(GRAY);
            }
            out.ascii(" -- ").ascii(readableQuantity(value));
            if (color) {
                out.ascii(RESET);
            }
        }
    }

    /** formatReadableQuantity(value, 2). */
    static String readableQuantity(double value) {
        double size = value;
        int i = 0;
        while (i + 1 < QUANTITY_UNITS.length && Math.abs(size) >= 1000) {
            size /= 1000;
            i++;
        }
        return new BigDecimal(size).setScale(2, RoundingMode.HALF_UP).toPlainString() + QUANTITY_UNITS[i];
    }

    /** Underlines every digit that starts a group of thousands (with color only). */
    static byte[] highlightDigitGroups(byte[] source) {
        if (source.length <= 4) {
            return source;
        }
        int digitsBeforeDecimal = 0;
        for (byte c : source) {
            if (c == '-' || c == ' ') {
                continue;
            }
            if (c == '.') {
                break;
            }
            if (c >= '0' && c <= '9') {
                digitsBeforeDecimal++;
            } else {
                return source;
            }
        }
        if (digitsBeforeDecimal <= 4) {
            return source;
        }
        ByteSink out = new ByteSink(source.length * 2);
        boolean beforeDecimal = true;
        int digit = 0;
        for (byte c : source) {
            if (beforeDecimal && c >= '0' && c <= '9') {
                digit++;
                int offset = digitsBeforeDecimal - digit;
                if (offset != 0 && offset % 3 == 0) {
                    out.ascii(UNDERSCORE).write(c).ascii(RESET);
                } else {
                    out.write(c);
                }
            } else {
                if (c == '.') {
                    beforeDecimal = false;
                }
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** Marks trailing whitespace red and underlined (with color only). */
    static byte[] highlightTrailingSpaces(byte[] source) {
        if (source.length == 0) {
            return source;
        }
        int last = source.length - 1;
        while (last >= 0 && isSpace(source[last])) last--;
        int start = last + 1;
        if (last >= 0 && start >= source.length) {
            return source;
        }
        ByteSink out = new ByteSink(source.length + 16);
        out.write(source, 0, start)
                .ascii(RED)
                .ascii(UNDERSCORE)
                .write(source, start, source.length - start)
                .ascii(RESET);
        return out.toByteArray();
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
