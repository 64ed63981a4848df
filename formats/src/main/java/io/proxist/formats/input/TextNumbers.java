package io.proxist.formats.input;

import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Parsing numbers from the whole of a byte range, with range checks (out of range is an error, not a wrap). */
final class TextNumbers {
    private TextNumbers() {}

    private static final long U64_DIV10 = 0x1999999999999999L; // (2^64 - 1) / 10
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    /**
     * An integer: optional sign, then decimal digits, nothing else. {@code min}/{@code max} bound signed types;
     * {@code unsigned64} parses the full UInt64 range into the bits of a long.
     */
    static long parseLong(byte[] b, int off, int len, long min, long max, boolean unsigned64, DataType type) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) throw i > off ? signOnly(type, b, off, len) : Texts.cannotParse(type, b, off, len);
        if (i > off && (b[i] == '-' || b[i] == '+')) throw twoSigns(type, b, off, len);
        if (unsigned64) {
            if (negative) throw Texts.outOfRange(type, b, off, len);
            long v = 0;
            for (; i < end; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) throw Texts.cannotParse(type, b, off, len);
                if (Long.compareUnsigned(v, U64_DIV10) > 0 || (v == U64_DIV10 && d > 5)) {
                    throw Texts.outOfRange(type, b, off, len);
                }
                v = v * 10 + d;
            }
            return v;
        }
        long acc = 0; // accumulated negatively, as Long.parseLong does, to reach Long.MIN_VALUE
        boolean overflow = false;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw Texts.cannotParse(type, b, off, len);
            if (acc < (Long.MIN_VALUE + d) / 10) overflow = true;
            else acc = acc * 10 - d;
        }
        if (overflow) throw Texts.outOfRange(type, b, off, len);
        long v;
        if (negative) v = acc;
        else if (acc == Long.MIN_VALUE) throw Texts.outOfRange(type, b, off, len);
        else v = -acc;
        if (v < min || v > max) throw Texts.outOfRange(type, b, off, len);
        return v;
    }

    /** A sign and nothing after it: ClickHouse's integer reader refuses it itself. */
    private static ProxistException signOnly(DataType type, byte[] b, int off, int len) {
        return Texts.isNumber(type)
                ? Texts.badNumber(type, b, off, len, "a sign character without any numeric character")
                : Texts.cannotParse(type, b, off, len);
    }

    private static ProxistException twoSigns(DataType type, byte[] b, int off, int len) {
        return Texts.isNumber(type)
                ? Texts.badNumber(type, b, off, len, "multiple sign (+/-) characters")
                : Texts.cannotParse(type, b, off, len);
    }

    /** An integer of any size: optional sign and digits. */
    static BigInteger parseBigInteger(byte[] b, int off, int len, DataType type) {
        int i = off;
        int end = off + len;
        if (i < end && (b[i] == '-' || b[i] == '+')) i++;
        if (i == end) throw i > off ? signOnly(type, b, off, len) : Texts.cannotParse(type, b, off, len);
        if (i > off && (b[i] == '-' || b[i] == '+')) throw twoSigns(type, b, off, len);
        for (int j = i; j < end; j++) if (!Texts.isDigit(b[j])) throw Texts.cannotParse(type, b, off, len);
        if (len > 200) throw Texts.outOfRange(type, b, off, len);
        return new BigInteger(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    /**
     * A float as ClickHouse reads it: [+-] digits [. digits] [e [+-] digits], or inf / infinity / nan in any case,
     * with an optional sign.
     */
    static double parseDouble(byte[] b, int off, int len, boolean float32, DataType type) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int rest = end - i;
        if (rest >= 3 && !Texts.isDigit(b[i]) && b[i] != '.') {
            if (Texts.equalsIgnoreCase(b, i, rest, "inf") || Texts.equalsIgnoreCase(b, i, rest, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (Texts.equalsIgnoreCase(b, i, rest, "nan")) return negative ? -Double.NaN : Double.NaN;
            throw Texts.cannotParse(type, b, off, len);
        }
        long mantissa = 0;
        int digits = 0; // significant digits taken into mantissa
        int dropped = 0; // integer digits beyond what the mantissa holds
        int fraction = 0; // fractional digits taken into mantissa
        boolean any = false;
        for (; i < end && Texts.isDigit(b[i]); i++) {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) digits++;
            } else {
                dropped++;
            }
        }
        if (i < end && b[i] == '.') {
            i++;
            for (; i < end && Texts.isDigit(b[i]); i++) {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) digits++;
                    fraction++;
                } else if (b[i] != '0') {
                    dropped = Integer.MIN_VALUE; // inexact: use the slow path
                }
            }
        }
        if (!any) throw noDigits(type, b, off, len, i);
        long exponent = 0;
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i == end) throw Texts.badNumber(type, b, off, len, "nothing after the exponent");
            for (; i < end && Texts.isDigit(b[i]); i++) {
                if (exponent < 100_000) exponent = exponent * 10 + (b[i] - '0');
            }
            if (expNegative) exponent = -exponent;
        }
        if (i != end) throw Texts.cannotParse(type, b, off, len);
        if (!float32 && dropped == 0) {
            long e10 = exponent - fraction;
            if (mantissa == 0) return negative ? -0.0 : 0.0;
            if (mantissa < (1L << 53) && e10 >= -22 && e10 <= 22) {
                double d = mantissa;
                d = e10 < 0 ? d / POW10[(int) -e10] : d * POW10[(int) e10];
                return negative ? -d : d;
            }
        }
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        return float32 ? Float.parseFloat(s) : Double.parseDouble(s);
    }

    /**
     * A number without a digit: a sign, a point or an exponent alone is refused by ClickHouse's number reader
     * ("no digits read", CANNOT_PARSE_NUMBER); any other character stops the reader before the field's end.
     */
    private static ProxistException noDigits(DataType type, byte[] b, int off, int len, int at) {
        int c = at < off + len ? b[at] : -1;
        if (c == -1 || c == 'e' || c == 'E') return Texts.badNumber(type, b, off, len, "no digits read");
        return Texts.cannotParse(type, b, off, len);
    }

    /**
     * A decimal number scaled to {@code scale} digits and truncated beyond them (as current ClickHouse does), as
     * its unscaled integer; more than {@code precision} digits is out of range. Accepts an exponent.
     */
    static BigInteger parseDecimal(byte[] b, int off, int len, int precision, int scale, DataType type) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        StringBuilder digits = new StringBuilder(Math.min(len, 80));
        int fraction = 0;
        boolean any = false;
        for (; i < end && Texts.isDigit(b[i]); i++) {
            any = true;
            if (digits.length() > 0 || b[i] != '0') digits.append((char) b[i]);
        }
        if (i < end && b[i] == '.') {
            i++;
            for (; i < end && Texts.isDigit(b[i]); i++) {
                any = true;
                digits.append((char) b[i]);
                fraction++;
            }
        }
        if (!any) throw noDigits(type, b, off, len, i);
        long exponent = 0;
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i == end || !Texts.isDigit(b[i])) {
                throw Texts.badNumber(type, b, off, len, "cannot parse the exponent of a decimal");
            }
            for (; i < end && Texts.isDigit(b[i]); i++) {
                if (exponent < 100_000) exponent = exponent * 10 + (b[i] - '0');
            }
            if (expNegative) exponent = -exponent;
        }
        if (i != end) throw Texts.cannotParse(type, b, off, len);
        // strip leading zeros that came from the fraction
        int lead = 0;
        while (lead < digits.length() && digits.charAt(lead) == '0') lead++;
        String d = digits.substring(lead);
        long shift = scale + exponent - fraction; // unscaled = d * 10^shift
        if (d.isEmpty()) return BigInteger.ZERO;
        if (shift < 0) {
            long keep = d.length() + shift;
            if (keep <= 0) return BigInteger.ZERO;
            d = d.substring(0, (int) keep);
        } else {
            if (d.length() + shift > precision) throw Texts.outOfRange(type, b, off, len);
            d = d + "0".repeat((int) shift);
        }
        if (d.length() > precision) throw Texts.outOfRange(type, b, off, len);
        BigInteger v = new BigInteger(d);
        return negative ? v.negate() : v;
    }

    private static final long[] LONG_POW10 = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L
    };

    /**
     * The common decimal, {@code [-]digits[.digits]} with at most 18 digits in all and {@code precision <= 18}, as
     * its unscaled long; {@link Long#MIN_VALUE} when the text needs {@link #parseDecimal} (exponent, many digits, or
     * anything unusual, including errors).
     */
    static long parseDecimalFast(byte[] b, int off, int len, int precision, int scale) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && b[i] == '-') {
            negative = true;
            i++;
        }
        long v = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        boolean any = false;
        for (; i < end; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (point) {
                    if (fraction == scale) continue; // truncated beyond the scale
                    fraction++;
                }
                if (v != 0 || c != '0') digits++;
                if (digits > 18) return Long.MIN_VALUE;
                v = v * 10 + (c - '0');
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Long.MIN_VALUE;
            }
        }
        if (!any) return Long.MIN_VALUE;
        int shift = scale - fraction;
        if (digits + shift > precision) return Long.MIN_VALUE;
        v *= LONG_POW10[shift];
        return negative ? -v : v;
    }

    /** {@code v} as {@code width} little-endian two's-complement bytes; false if it does not fit. */
    static boolean toLittleEndian(BigInteger v, int width, boolean signed, byte[] out) {
        if (signed ? v.bitLength() > width * 8 - 1 : (v.signum() < 0 || v.bitLength() > width * 8)) return false;
        byte[] be = v.toByteArray();
        byte fill = (byte) (v.signum() < 0 ? 0xFF : 0);
        for (int k = 0; k < width; k++) {
            int src = be.length - 1 - k;
            out[k] = src >= 0 ? be[src] : fill;
        }
        return true;
    }
}
