package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;

/** Small text helpers shared by the decoders: quoting bytes for messages, the standard parse errors. */
final class Texts {
    private Texts() {}

    /** {@code 'text'} with control characters, quotes and backslashes escaped, at most 60 bytes shown. */
    static String show(byte[] b, int off, int len) {
        boolean cut = len > 60;
        String s = new String(b, off, Math.min(len, 60), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(s.length() + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                default -> {
                    if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02X", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append(cut ? "...'" : "'").toString();
    }

    static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** The error code ClickHouse gives for text that is not a value of {@code type}. */
    static ErrorCode parseCode(DataType type) {
        return switch (type.family()) {
            case "Date", "Date32" -> ErrorCode.CANNOT_PARSE_DATE;
            case "DateTime", "DateTime64" -> ErrorCode.CANNOT_PARSE_DATETIME;
            default -> ErrorCode.CANNOT_PARSE_TEXT;
        };
    }

    static ProxistException cannotParse(DataType type, byte[] b, int off, int len) {
        return new ProxistException(
                parseCode(type), "Cannot parse input: expected a value of type " + type + ", got " + show(b, off, len));
    }

    static ProxistException cannotParse(DataType type, byte[] b, int off, int len, String why) {
        return new ProxistException(
                parseCode(type),
                "Cannot parse input: expected a value of type " + type + ", got " + show(b, off, len) + ": " + why);
    }

    static ProxistException outOfRange(DataType type, byte[] b, int off, int len) {
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_TEXT,
                "Cannot parse input: value " + show(b, off, len) + " is out of range of " + type);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Case-insensitive comparison of {@code b[off, off + len)} with an ASCII word. */
    static boolean equalsIgnoreCase(byte[] b, int off, int len, String word) {
        if (len != word.length()) return false;
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') c += 32;
            if (c != word.charAt(i)) return false;
        }
        return true;
    }

    static boolean equals(byte[] b, int off, int len, byte[] word) {
        return java.util.Arrays.equals(b, off, off + len, word, 0, word.length);
    }
}
