package io.proxist.formats.output;

import java.math.BigDecimal;

/**
 * Float32 and Float64 as ClickHouse prints them (writeFloatText): integers that a float holds exactly are printed
 * as integers; any other value gets its shortest round-trip digits (dragonbox), in fixed notation when the decimal
 * exponent is within [-6, 20] and as {@code d.ddde-X} otherwise; {@code inf}, {@code -inf}, {@code nan}; a negative
 * zero is {@code -0}. Float32 is printed from the float, so {@code toFloat32(0.1)} is {@code 0.1}.
 */
final class FloatText {
    private FloatText() {}

    static String float64(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        long bits = Double.doubleToRawLongBits(x);
        if (bits == 0) {
            return "0";
        }
        int exp = (int) ((bits >>> 52) & 0x7FF) - 1023;
        long mantissa = bits & ((1L << 52) - 1);
        if (exp >= 0 && exp <= 52 && (mantissa & ((1L << (52 - exp)) - 1)) == 0) {
            return Long.toString((long) x);
        }
        if (x == 0) {
            return "-0";
        }
        return format(x < 0, shortest(Double.toString(Math.abs(x)), Math.abs(x), false));
    }

    static String float32(float x) {
        if (Float.isNaN(x)) {
            return "nan";
        }
        if (Float.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        int bits = Float.floatToRawIntBits(x);
        if (bits == 0) {
            return "0";
        }
        int exp = ((bits >>> 23) & 0xFF) - 127;
        int mantissa = bits & ((1 << 23) - 1);
        if (exp >= 0 && exp <= 23 && (mantissa & ((1 << (23 - exp)) - 1)) == 0) {
            return Integer.toString((int) x);
        }
        if (x == 0) {
            return "-0";
        }
        float a = Math.abs(x);
        return format(x < 0, shortest(Float.toString(a), a, true));
    }

    /** Decimal digits (no leading or trailing zeros) and the exponent of the last digit. */
    private record Digits(String digits, int exponent) {}

    /**
     * Java's shortest representation, corrected to dragonbox's choice: Java may pick a two-digit decimal when a
     * one-digit one also round-trips (it only happens for subnormals), dragonbox always takes the shortest.
     */
    private static Digits shortest(String javaText, double value, boolean isFloat) {
        Digits d = parse(javaText);
        if (d.digits.length() == 2) {
            BigDecimal exact = new BigDecimal(value);
            Digits best = null;
            BigDecimal bestDistance = null;
            long two = Long.parseLong(d.digits);
            for (long one : new long[] {two / 10, two / 10 + 1}) {
                Digits c = one == 10 ? new Digits("1", d.exponent + 2) : new Digits(Long.toString(one), d.exponent + 1);
                if (one == 0) {
                    continue;
                }
                String text = c.digits + "E" + c.exponent;
                boolean roundTrips =
                        isFloat ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value;
                if (roundTrips) {
                    BigDecimal distance = new BigDecimal(text).subtract(exact).abs();
                    if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
                        best = c;
                        bestDistance = distance;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return d;
    }

    private static Digits parse(String s) {
        int e = s.indexOf('E');
        int exponent = 0;
        String mantissa = s;
        if (e >= 0) {
            exponent = Integer.parseInt(s.substring(e + 1));
            mantissa = s.substring(0, e);
        }
        int dot = mantissa.indexOf('.');
        String digits;
        if (dot >= 0) {
            digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            exponent -= mantissa.length() - dot - 1;
        } else {
            digits = mantissa;
        }
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') start++;
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
            exponent++;
        }
        return new Digits(digits.substring(start, end), exponent);
    }

    /** Fixed notation for a scientific exponent in [-6, 20], otherwise {@code d[.ddd]e[-]X}. */
    private static String format(boolean negative, Digits d) {
        String digits = d.digits;
        int n = digits.length();
        int sci = d.exponent + n - 1;
        StringBuilder sb = new StringBuilder(n + 26);
        if (negative) {
            sb.append('-');
        }
        if (sci >= -6 && sci <= 20) {
            if (sci < 0) {
                sb.append("0.");
                sb.repeat('0', -sci - 1);
                sb.append(digits);
            } else if (sci + 1 >= n) {
                sb.append(digits);
                sb.repeat('0', sci + 1 - n);
            } else {
                sb.append(digits, 0, sci + 1).append('.').append(digits, sci + 1, n);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            sb.append('e').append(sci);
        }
        return sb.toString();
    }
}
