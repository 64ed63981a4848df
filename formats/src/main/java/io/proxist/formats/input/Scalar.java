package io.proxist.formats.input;

import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.FixedBytesColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One non-composite type: how its text (the whole of a byte range, after the format removed quoting and escaping)
 * and its RowBinary form become a value in a column builder.
 */
abstract class Scalar {
    final DataType type;

    Scalar(DataType type) {
        this.type = type;
    }

    /** Parses the whole of {@code b[off, off + len)} as a value and appends it. */
    abstract void parseText(byte[] b, int off, int len, ColumnBuilder out);

    /** An unquoted token in JSON or Values (a number, true/false, inf/nan): as text unless the type says more. */
    void parseBare(byte[] b, int off, int len, ColumnBuilder out) {
        parseText(b, off, len, out);
    }

    abstract void readBinary(Source src, ColumnBuilder out);

    abstract void skipBinary(Source src);

    /** String and FixedString take any text as it is. */
    boolean isString() {
        return false;
    }

    /** Numbers take JSON true/false as 1/0. */
    boolean isNumber() {
        return false;
    }

    static Scalar of(DataType t, InputSettings s) {
        String f = t.family();
        return switch (f) {
            case "Int8" -> new IntScalar(t, 1, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case "Int16" -> new IntScalar(t, 2, Short.MIN_VALUE, Short.MAX_VALUE);
            case "Int32" -> new IntScalar(t, 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "Int64" -> new IntScalar(t, 8, Long.MIN_VALUE, Long.MAX_VALUE);
            case "UInt8" -> new IntScalar(t, 1, 0, 0xFF);
            case "UInt16" -> new IntScalar(t, 2, 0, 0xFFFF);
            case "UInt32" -> new IntScalar(t, 4, 0, 0xFFFF_FFFFL);
            case "UInt64" -> new IntScalar(t, 8, 0, -1);
            case "Bool" -> new BoolScalar(t);
            case "Float32" -> new FloatScalar(t, true);
            case "Float64" -> new FloatScalar(t, false);
            case "String" -> new StringScalar(t, s.maxStringBytes());
            case "FixedString" -> new FixedStringScalar(t, ColumnKind.width(t));
            case "Date" -> new DateScalar(t, false);
            case "Date32" -> new DateScalar(t, true);
            case "DateTime" -> new DateTimeScalar(t, DateTimes.zoneOf(t, 0, s.serverTimeZone()));
            case "DateTime64" ->
                new DateTime64Scalar(t, Integer.parseInt(t.literal(0)), DateTimes.zoneOf(t, 1, s.serverTimeZone()));
            case "Enum8", "Enum16" -> new EnumScalar(t, f.equals("Enum8") ? 1 : 2);
            case "UUID" -> new UuidScalar(t);
            case "IPv4" -> new Ipv4Scalar(t);
            case "IPv6" -> new Ipv6Scalar(t);
            case "Decimal" -> decimal(t, Integer.parseInt(t.literal(0)), Integer.parseInt(t.literal(1)));
            case "Decimal32" -> decimal(t, 9, Integer.parseInt(t.literal(0)));
            case "Decimal64" -> decimal(t, 18, Integer.parseInt(t.literal(0)));
            case "Decimal128" -> decimal(t, 38, Integer.parseInt(t.literal(0)));
            case "Decimal256" -> decimal(t, 76, Integer.parseInt(t.literal(0)));
            case "Int128", "UInt128", "Int256", "UInt256" ->
                new BigIntScalar(t, ColumnKind.width(t), f.charAt(0) == 'I');
            default -> {
                if (ColumnKind.of(t) == ColumnKind.INT) {
                    int w = ColumnKind.width(t);
                    yield ColumnKind.unsigned(t)
                            ? new IntScalar(t, w, 0, w == 8 ? -1 : (1L << (8 * w)) - 1)
                            : new IntScalar(
                                    t,
                                    w,
                                    w == 8 ? Long.MIN_VALUE : -(1L << (8 * w - 1)),
                                    w == 8 ? Long.MAX_VALUE : (1L << (8 * w - 1)) - 1);
                }
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED, "input formats do not support the type [type=" + t + "]");
            }
        };
    }

    private static Scalar decimal(DataType t, int precision, int scale) {
        int width = ColumnKind.width(t);
        if (scale < 0 || scale > precision) {
            throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed type [type=" + t + "]");
        }
        return new DecimalScalar(t, precision, scale, width);
    }

    /** Types held in a LongColumn: binary form is a little-endian integer of 1, 2, 4 or 8 bytes. */
    abstract static class LongBacked extends Scalar {
        final int width;
        final boolean unsigned;

        LongBacked(DataType type, int width, boolean unsigned) {
            super(type);
            this.width = width;
            this.unsigned = unsigned;
        }

        final long readRaw(Source src) {
            long v = src.readLongLE(width);
            if (!unsigned && width < 8) {
                int shift = 64 - 8 * width;
                v = (v << shift) >> shift;
            }
            return v;
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            ((LongColumnBuilder) out).appendLong(readRaw(src));
        }

        @Override
        void skipBinary(Source src) {
            src.require(width);
            src.pos += width;
        }
    }

    /** Types held as fixed-width wire bytes: the binary form is those bytes. */
    abstract static class FixedBacked extends Scalar {
        final int width;

        FixedBacked(DataType type, int width) {
            super(type);
            this.width = width;
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            src.require(width);
            ((FixedBytesColumnBuilder) out).appendBytes(src.buf, src.pos, width);
            src.pos += width;
        }

        @Override
        void skipBinary(Source src) {
            src.require(width);
            src.pos += width;
        }
    }

    static final class IntScalar extends LongBacked {
        private final long min;
        private final long max;

        IntScalar(DataType type, int width, long min, long max) {
            super(type, width, min == 0);
            this.min = min;
            this.max = max;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            boolean u64 = width == 8 && unsigned;
            ((LongColumnBuilder) out).appendLong(TextNumbers.parseLong(b, off, len, min, max, u64, type));
        }

        @Override
        boolean isNumber() {
            return true;
        }
    }

    static final class BoolScalar extends LongBacked {
        BoolScalar(DataType type) {
            super(type, 1, true);
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            long v;
            if (is(b, off, len, "true", "1", "yes", "on", "t", "y", "enable")) v = 1;
            else if (is(b, off, len, "false", "0", "no", "off", "f", "n", "disable")) v = 0;
            else throw Texts.cannotParse(type, b, off, len);
            ((LongColumnBuilder) out).appendLong(v);
        }

        private static boolean is(byte[] b, int off, int len, String... words) {
            for (String w : words) if (Texts.equalsIgnoreCase(b, off, len, w)) return true;
            return false;
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            ((LongColumnBuilder) out).appendLong(readRaw(src) != 0 ? 1 : 0);
        }

        @Override
        boolean isNumber() {
            return true;
        }
    }

    static final class FloatScalar extends Scalar {
        private final boolean float32;

        FloatScalar(DataType type, boolean float32) {
            super(type);
            this.float32 = float32;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            ((DoubleColumnBuilder) out).appendDouble(TextNumbers.parseDouble(b, off, len, float32, type));
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            double v = float32
                    ? Float.intBitsToFloat((int) src.readLongLE(4))
                    : Double.longBitsToDouble(src.readLongLE(8));
            ((DoubleColumnBuilder) out).appendDouble(v);
        }

        @Override
        void skipBinary(Source src) {
            int w = float32 ? 4 : 8;
            src.require(w);
            src.pos += w;
        }

        @Override
        boolean isNumber() {
            return true;
        }
    }

    static final class DecimalScalar extends Scalar {
        private final int precision;
        private final int scale;
        private final int width;
        private final byte[] wide;

        DecimalScalar(DataType type, int precision, int scale, int width) {
            super(type);
            this.precision = precision;
            this.scale = scale;
            this.width = width;
            this.wide = new byte[width];
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            if (width <= 8) {
                long fast = TextNumbers.parseDecimalFast(b, off, len, precision, scale);
                if (fast != Long.MIN_VALUE) {
                    ((LongColumnBuilder) out).appendLong(fast);
                    return;
                }
            }
            BigInteger v = TextNumbers.parseDecimal(b, off, len, precision, scale, type);
            if (width <= 8) {
                ((LongColumnBuilder) out).appendLong(v.longValue());
            } else {
                if (!TextNumbers.toLittleEndian(v, width, true, wide)) throw Texts.outOfRange(type, b, off, len);
                ((FixedBytesColumnBuilder) out).appendBytes(wide, 0, width);
            }
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            if (width <= 8) {
                long v = src.readLongLE(width);
                if (width == 4) v = (int) v;
                ((LongColumnBuilder) out).appendLong(v);
            } else {
                src.require(width);
                ((FixedBytesColumnBuilder) out).appendBytes(src.buf, src.pos, width);
                src.pos += width;
            }
        }

        @Override
        void skipBinary(Source src) {
            src.require(width);
            src.pos += width;
        }

        @Override
        boolean isNumber() {
            return true;
        }
    }

    static final class BigIntScalar extends FixedBacked {
        private final boolean signed;
        private final byte[] bytes;

        BigIntScalar(DataType type, int width, boolean signed) {
            super(type, width);
            this.signed = signed;
            this.bytes = new byte[width];
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            BigInteger v = TextNumbers.parseBigInteger(b, off, len, type);
            if (!TextNumbers.toLittleEndian(v, width, signed, bytes)) throw Texts.outOfRange(type, b, off, len);
            ((FixedBytesColumnBuilder) out).appendBytes(bytes, 0, width);
        }

        @Override
        boolean isNumber() {
            return true;
        }
    }

    static final class StringScalar extends Scalar {
        private final int maxBytes;

        StringScalar(DataType type, int maxBytes) {
            super(type);
            this.maxBytes = maxBytes;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            if (len > maxBytes) throw tooLong(len);
            ((BytesColumnBuilder) out).appendBytes(b, off, len);
        }

        ProxistException tooLong(long len) {
            return new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    "string length " + Long.toUnsignedString(len) + " is over the limit of " + maxBytes + " bytes");
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            long n = src.readVarUInt();
            if (n < 0 || n > maxBytes) throw tooLong(n);
            src.require((int) n);
            ((BytesColumnBuilder) out).appendBytes(src.buf, src.pos, (int) n);
            src.pos += (int) n;
        }

        @Override
        void skipBinary(Source src) {
            long n = src.readVarUInt();
            if (n < 0 || n > maxBytes) throw tooLong(n);
            src.require((int) n);
            src.pos += (int) n;
        }

        @Override
        boolean isString() {
            return true;
        }
    }

    static final class FixedStringScalar extends FixedBacked {
        FixedStringScalar(DataType type, int n) {
            super(type, n);
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            if (len > width) {
                throw new ProxistException(
                        ErrorCode.TOO_LARGE_STRING_SIZE,
                        "Too large value for " + type + ": " + len + " bytes " + Texts.show(b, off, len));
            }
            ((FixedBytesColumnBuilder) out).appendBytes(b, off, len);
        }

        @Override
        boolean isString() {
            return true;
        }
    }

    static final class DateScalar extends LongBacked {
        private final long min;
        private final long max;

        DateScalar(DataType type, boolean date32) {
            super(type, date32 ? 4 : 2, !date32);
            this.min = date32 ? DateTimes.civilDays(1900, 1, 1) : 0;
            this.max = date32 ? DateTimes.civilDays(2299, 12, 31) : 0xFFFF;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            long days = DateTimes.parseDate(b, off, len, type);
            if (days == DateTimes.ZERO) days = 0;
            // outside the type's range ClickHouse saturates
            ((LongColumnBuilder) out).appendLong(Math.max(min, Math.min(max, days)));
        }

        @Override
        void parseBare(byte[] b, int off, int len, ColumnBuilder out) {
            if (len > 0 && (Texts.isDigit(b[off]) || b[off] == '-') && len < 8) {
                long days = TextNumbers.parseLong(b, off, len, min, max, false, type);
                ((LongColumnBuilder) out).appendLong(days);
            } else {
                parseText(b, off, len, out);
            }
        }
    }

    static final class DateTimeScalar extends LongBacked {
        private final ZoneId zone;
        private final int[] next = new int[1];

        DateTimeScalar(DataType type, ZoneId zone) {
            super(type, 4, true);
            this.zone = zone;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            long v;
            if (allDigits(b, off, len)) {
                v = len > 12 ? Long.MAX_VALUE : TextNumbers.parseLong(b, off, len, 0, Long.MAX_VALUE, false, type);
            } else {
                long local = DateTimes.parseLocal(b, off, off + len, next, type);
                if (next[0] != off + len) throw Texts.cannotParse(type, b, off, len);
                v = local == DateTimes.ZERO ? 0 : DateTimes.toEpoch(local, zone);
            }
            ((LongColumnBuilder) out).appendLong(Math.max(0, Math.min(0xFFFF_FFFFL, v)));
        }
    }

    static boolean allDigits(byte[] b, int off, int len) {
        if (len == 0) return false;
        for (int i = off; i < off + len; i++) if (!Texts.isDigit(b[i])) return false;
        return true;
    }

    static final class DateTime64Scalar extends LongBacked {
        private final int scale;
        private final long multiplier;
        private final ZoneId zone;
        private final int[] next = new int[1];

        DateTime64Scalar(DataType type, int scale, ZoneId zone) {
            super(type, 8, false);
            if (scale < 0 || scale > 9) throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed type " + type);
            this.scale = scale;
            long m = 1;
            for (int i = 0; i < scale; i++) m *= 10;
            this.multiplier = m;
            this.zone = zone;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            int end = off + len;
            long seconds;
            int i;
            boolean negative = false;
            int first = len > 0 && b[off] == '-' ? off + 1 : off;
            int digits = first;
            while (digits < end && Texts.isDigit(b[digits])) digits++;
            boolean dateLike = first == off && digits - first == 4 && digits < end && b[digits] != '.';
            if (!dateLike && digits > first && (digits == end || b[digits] == '.')) {
                negative = first > off;
                if (digits - first > 18) throw Texts.outOfRange(type, b, off, len);
                seconds = TextNumbers.parseLong(b, first, digits - first, 0, Long.MAX_VALUE, false, type);
                i = digits;
                if (i == end && !negative && seconds >= 9_908_870_400L) {
                    // a unix timestamp already scaled to the type's precision
                    ((LongColumnBuilder) out).appendLong(seconds);
                    return;
                }
            } else {
                long local = DateTimes.parseLocal(b, off, end, next, type);
                i = next[0];
                seconds = local == DateTimes.ZERO ? 0 : DateTimes.toEpoch(local, zone);
            }
            long fraction = 0;
            if (i < end && b[i] == '.') {
                i++;
                int taken = 0;
                int start = i;
                while (i < end && Texts.isDigit(b[i])) {
                    if (taken < scale) {
                        fraction = fraction * 10 + (b[i] - '0');
                        taken++;
                    }
                    i++;
                }
                if (i == start) throw Texts.cannotParse(type, b, off, len);
                for (; taken < scale; taken++) fraction *= 10;
            }
            if (i != end) throw Texts.cannotParse(type, b, off, len);
            long ticks;
            try {
                ticks = Math.addExact(Math.multiplyExact(seconds, multiplier), fraction);
            } catch (ArithmeticException e) {
                throw Texts.outOfRange(type, b, off, len);
            }
            ((LongColumnBuilder) out).appendLong(negative ? -ticks : ticks);
        }
    }

    static final class EnumScalar extends LongBacked {
        private final byte[][] names;
        private final int[] codes;
        private final Map<String, Integer> byName;
        private final BitSet valid = new BitSet();

        EnumScalar(DataType type, int width) {
            super(type, width, false);
            List<byte[]> n = new ArrayList<>();
            List<Integer> c = new ArrayList<>();
            for (DataType.Arg a : type.args()) parseEntry(a.toString(), n, c);
            this.names = n.toArray(new byte[0][]);
            this.codes = new int[c.size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = c.get(i);
                valid.set(codes[i] - Short.MIN_VALUE);
            }
            if (names.length > 16) {
                byName = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    byName.put(new String(names[i], StandardCharsets.UTF_8), codes[i]);
                }
            } else {
                byName = null;
            }
        }

        private void parseEntry(String entry, List<byte[]> n, List<Integer> c) {
            byte[] e = entry.getBytes(StandardCharsets.UTF_8);
            Scratch s = new Scratch(Integer.MAX_VALUE - 16);
            int i = Quoted.unescapeQuoted(e, 0, e.length, s);
            while (i < e.length && e[i] == ' ') i++;
            if (i >= e.length || e[i] != '=') {
                throw new ProxistException(ErrorCode.UNKNOWN_TYPE, "malformed enum entry [type=" + type + "]");
            }
            i++;
            while (i < e.length && e[i] == ' ') i++;
            long code = TextNumbers.parseLong(e, i, e.length - i, Short.MIN_VALUE, Short.MAX_VALUE, false, type);
            n.add(java.util.Arrays.copyOf(s.b, s.len));
            c.add((int) code);
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            if (byName == null) {
                for (int i = 0; i < names.length; i++) {
                    if (Texts.equals(b, off, len, names[i])) {
                        ((LongColumnBuilder) out).appendLong(codes[i]);
                        return;
                    }
                }
            } else {
                Integer code = byName.get(new String(b, off, len, StandardCharsets.UTF_8));
                if (code != null) {
                    ((LongColumnBuilder) out).appendLong(code);
                    return;
                }
            }
            parseNumber(b, off, len, out);
        }

        /** A name that is no element: the text may be an element's code (ClickHouse tries it as one). */
        private void parseNumber(byte[] b, int off, int len, ColumnBuilder out) {
            long v = code(b, off, len);
            if (v == Long.MIN_VALUE || !valid.get((int) v - Short.MIN_VALUE)) {
                throw new ProxistException(
                        ErrorCode.UNKNOWN_ELEMENT_OF_ENUM,
                        "Unknown element " + Texts.show(b, off, len) + " for enum " + type);
            }
            ((LongColumnBuilder) out).appendLong(v);
        }

        /** {@code [+-]digits} within Int16, or {@link Long#MIN_VALUE}. */
        private static long code(byte[] b, int off, int len) {
            int i = off;
            int end = off + len;
            boolean negative = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) negative = b[i++] == '-';
            if (i == end || end - i > 5) return Long.MIN_VALUE;
            long v = 0;
            for (; i < end; i++) {
                if (!Texts.isDigit(b[i])) return Long.MIN_VALUE;
                v = v * 10 + (b[i] - '0');
            }
            v = negative ? -v : v;
            return v < Short.MIN_VALUE || v > Short.MAX_VALUE ? Long.MIN_VALUE : v;
        }

        private void checkCode(long v) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE || !valid.get((int) v - Short.MIN_VALUE)) {
                throw new ProxistException(
                        ErrorCode.UNKNOWN_ELEMENT_OF_ENUM, "Unexpected value " + v + " in enum " + type);
            }
        }

        @Override
        void readBinary(Source src, ColumnBuilder out) {
            long v = readRaw(src);
            checkCode(v);
            ((LongColumnBuilder) out).appendLong(v);
        }
    }

    static final class UuidScalar extends FixedBacked {
        UuidScalar(DataType type) {
            super(type, 16);
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            long high;
            long low;
            if (len == 36) {
                if (b[off + 8] != '-' || b[off + 13] != '-' || b[off + 18] != '-' || b[off + 23] != '-') {
                    throw Texts.cannotParse(type, b, off, len);
                }
                high = (hex(b, off, 8, len) << 32) | (hex(b, off + 9, 4, len) << 16) | hex(b, off + 14, 4, len);
                low = (hex(b, off + 19, 4, len) << 48) | hex(b, off + 24, 12, len);
            } else if (len == 32) {
                high = hex(b, off, 16, len);
                low = hex(b, off + 16, 16, len);
            } else {
                throw Texts.cannotParse(type, b, off, len);
            }
            ((FixedBytesColumnBuilder) out).appendLongPair(high, low);
        }

        private long hex(byte[] b, int at, int n, int len) {
            long v = 0;
            for (int i = at; i < at + n; i++) {
                int d = Character.digit(b[i], 16);
                if (d < 0) throw Texts.cannotParse(type, b, at, Math.min(len, 36));
                v = (v << 4) | d;
            }
            return v;
        }
    }

    static final class Ipv4Scalar extends LongBacked {
        Ipv4Scalar(DataType type) {
            super(type, 4, true);
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            long v = Ipv6Scalar.parseIpv4(b, off, off + len);
            if (v < 0) throw Texts.cannotParse(type, b, off, len);
            ((LongColumnBuilder) out).appendLong(v);
        }
    }

    static final class Ipv6Scalar extends FixedBacked {
        private final byte[] addr = new byte[16];

        Ipv6Scalar(DataType type) {
            super(type, 16);
        }

        /** a.b.c.d as an unsigned 32-bit value, or -1. */
        static long parseIpv4(byte[] b, int off, int end) {
            long v = 0;
            int parts = 0;
            int i = off;
            while (parts < 4) {
                int start = i;
                int part = 0;
                while (i < end && Texts.isDigit(b[i]) && i - start < 3) part = part * 10 + (b[i++] - '0');
                if (i == start || part > 255) return -1;
                v = (v << 8) | part;
                parts++;
                if (parts < 4) {
                    if (i >= end || b[i] != '.') return -1;
                    i++;
                }
            }
            return i == end ? v : -1;
        }

        @Override
        void parseText(byte[] b, int off, int len, ColumnBuilder out) {
            if (!parse(b, off, off + len)) throw Texts.cannotParse(type, b, off, len);
            ((FixedBytesColumnBuilder) out).appendBytes(addr, 0, 16);
        }

        private boolean parse(byte[] b, int off, int end) {
            java.util.Arrays.fill(addr, (byte) 0);
            long v4 = parseIpv4(b, off, end);
            if (v4 >= 0) {
                addr[10] = (byte) 0xFF;
                addr[11] = (byte) 0xFF;
                for (int k = 0; k < 4; k++) addr[12 + k] = (byte) (v4 >>> (24 - 8 * k));
                return true;
            }
            int[] groups = new int[8];
            int n = 0;
            int gap = -1;
            int i = off;
            if (end - off >= 2 && b[i] == ':' && b[i + 1] == ':') {
                gap = 0;
                i += 2;
            }
            boolean ipv4Tail = false;
            while (i < end && n < 8) {
                int start = i;
                int g = 0;
                while (i < end && Character.digit(b[i], 16) >= 0 && i - start < 4)
                    g = (g << 4) | Character.digit(b[i++], 16);
                if (i < end && b[i] == '.' && n <= 6) {
                    long tail = parseIpv4(b, start, end);
                    if (tail < 0) return false;
                    groups[n++] = (int) (tail >>> 16);
                    groups[n++] = (int) (tail & 0xFFFF);
                    i = end;
                    ipv4Tail = true;
                    break;
                }
                if (i == start) return false;
                groups[n++] = g;
                if (i == end) break;
                if (b[i] != ':') return false;
                i++;
                if (i < end && b[i] == ':') {
                    if (gap >= 0) return false;
                    gap = n;
                    i++;
                } else if (i == end) {
                    return false;
                }
            }
            if (i != end || (ipv4Tail && n > 8)) return false;
            if (gap < 0 && n != 8) return false;
            if (gap >= 0 && n > 7) return false;
            int[] full = new int[8];
            if (gap < 0) {
                System.arraycopy(groups, 0, full, 0, 8);
            } else {
                System.arraycopy(groups, 0, full, 0, gap);
                int tail = n - gap;
                System.arraycopy(groups, gap, full, 8 - tail, tail);
            }
            for (int k = 0; k < 8; k++) {
                addr[2 * k] = (byte) (full[k] >>> 8);
                addr[2 * k + 1] = (byte) full[k];
            }
            return true;
        }
    }
}
