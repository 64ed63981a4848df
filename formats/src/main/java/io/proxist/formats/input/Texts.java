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

    /**
     * The error code current ClickHouse gives for text that is not a value of {@code type}. A number is read as far
     * as it goes and the format then fails to find the field's delimiter, so non-numeric text in a number field is
     * CANNOT_PARSE_INPUT_ASSERTION_FAILED; the other types have a code of their own.
     */
    static ErrorCode parseCode(DataType type) {
        return switch (type.family()) {
            case "Date", "Date32" -> ErrorCode.CANNOT_PARSE_DATE;
            case "DateTime", "DateTime64" -> ErrorCode.CANNOT_PARSE_DATETIME;
            case "Bool" -> ErrorCode.CANNOT_PARSE_BOOL;
            case "UUID" -> ErrorCode.CANNOT_PARSE_UUID;
            case "IPv4" -> ErrorCode.CANNOT_PARSE_IPV4;
            case "IPv6" -> ErrorCode.CANNOT_PARSE_IPV6;
            default -> isNumber(type) ? ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED : ErrorCode.CANNOT_PARSE_TEXT;
        };
    }

    /** Integers, floats and decimals of every width. */
    static boolean isNumber(DataType type) {
        String f = type.family();
        return f.startsWith("Int") || f.startsWith("UInt") || f.startsWith("Float") || f.startsWith("Decimal");
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

    /**
     * Text that starts like a number but is not one, where ClickHouse's number reader itself refuses it
     * (CANNOT_PARSE_NUMBER): a sign without digits, two signs, an exponent without digits.
     */
    static ProxistException badNumber(DataType type, byte[] b, int off, int len, String why) {
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_NUMBER,
                "Cannot parse number: " + why + ", got " + show(b, off, len) + " for type " + type);
    }

    /**
     * A value outside its type's range. Decimals are ARGUMENT_OUT_OF_BOUND as in ClickHouse ("Too many digits");
     * integers are CANNOT_PARSE_NUMBER (ClickHouse's text formats wrap them around, Proxist refuses them); other
     * types keep their parse code.
     */
    static ProxistException outOfRange(DataType type, byte[] b, int off, int len) {
        String f = type.family();
        ErrorCode code = f.startsWith("Decimal")
                ? ErrorCode.ARGUMENT_OUT_OF_BOUND
                : isNumber(type) ? ErrorCode.CANNOT_PARSE_NUMBER : parseCode(type);
        return new ProxistException(
                code, "Cannot parse input: value " + show(b, off, len) + " is out of range of " + type);
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
