package io.proxist.formats.output;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one column in every textual and binary form ClickHouse writes them (its ISerialization methods):
 * {@link #text} (serializeText: Pretty, Vertical, the *Strings JSON formats), {@link #escaped} (TSV),
 * {@link #raw} (TSVRaw), {@link #quoted} (Values and inside arrays, tuples and maps), {@link #csv}, {@link #json},
 * {@link #jsonPretty} (the JSON format's nested values) and {@link #binary} (RowBinary). One instance per column
 * and block; {@link #of} picks the implementation from the column's physical class and its type.
 */
abstract class ColumnText {
    static final byte[] PRETTY_NULL = "ᴺᵁᴸᴸ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ESCAPED_NULL = {'\\', 'N'};
    private static final byte[] QUOTED_NULL = {'N', 'U', 'L', 'L'};
    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    /** What the renderings depend on besides the value. */
    record Env(FormatSettings settings, boolean validateUtf8) {
        boolean escapeSlash() {
            return settings.json().escapeForwardSlashes();
        }

        char prettyIndent() {
            return '\t';
        }
    }

    final Env env;

    ColumnText(Env env) {
        this.env = env;
    }

    abstract void text(int row, ByteSink out);

    void escaped(int row, ByteSink out) {
        text(row, out);
    }

    void raw(int row, ByteSink out) {
        text(row, out);
    }

    void quoted(int row, ByteSink out) {
        text(row, out);
    }

    void csv(int row, ByteSink out) {
        text(row, out);
    }

    abstract void json(int row, ByteSink out);

    void jsonPretty(int row, ByteSink out, int indent) {
        json(row, out);
    }

    abstract void binary(int row, ByteSink out);

    boolean isNull(int row) {
        return false;
    }

    /** IDataType::shouldAlignRightInPrettyFormats. */
    boolean alignRight() {
        return false;
    }

    /** isNumber(removeNullable(type)): the Pretty and Vertical formats add a readable tip to large numbers. */
    boolean isNumber() {
        return false;
    }

    /** IColumn::getFloat64, for the readable number tip. */
    double toDouble(int row) {
        return 0;
    }

    /** The text of one value as a new array. */
    byte[] textBytes(int row) {
        ByteSink s = new ByteSink(32);
        text(row, s);
        return s.toByteArray();
    }

    static ColumnText of(Column c, Env env) {
        return switch (c) {
            case LongColumn l -> new IntText(l, env);
            case DoubleColumn d -> new FloatColumnText(d, env);
            case BytesColumn b -> new StringText(b, env);
            case FixedBytesColumn f -> fixed(f, env);
            case NullableColumn n -> new NullableText(n, env);
            case ArrayColumn a -> a.type().is("Map") ? new MapText(a, env) : new ArrayText(a, env);
            case TupleColumn t -> new TupleText(t, env);
        };
    }

    private static ColumnText fixed(FixedBytesColumn f, Env env) {
        return switch (f.type().family()) {
            case "FixedString" -> new FixedStringText(f, env);
            case "UUID" -> new UuidText(f, env);
            case "IPv6" -> new Ipv6Text(f, env);
            case "Int128", "Int256" -> new BigIntText(f, env, true, -1);
            case "UInt128", "UInt256" -> new BigIntText(f, env, false, -1);
            case "Decimal", "Decimal128", "Decimal256" -> new BigIntText(f, env, true, decimalScale(f.type()));
            default -> throw unsupported(f.type());
        };
    }

    static ProxistException unsupported(DataType t) {
        return new ProxistException(
                ErrorCode.NOT_IMPLEMENTED, "type not supported by the output formats [type=" + t + "]");
    }

    static int decimalScale(DataType t) {
        return Integer.parseInt(t.is("Decimal") ? t.literal(1) : t.literal(0));
    }

    // ---- shared helpers ----

    final void jsonString(byte[] d, int off, int len, ByteSink out) {
        TextEscaping.json(d, off, len, env.escapeSlash(), env.validateUtf8(), out);
    }

    final void jsonString(byte[] d, ByteSink out) {
        jsonString(d, 0, d.length, out);
    }

    /** Text wrapped in quotes: how dates, UUIDs and IPs appear in quoted, CSV and JSON forms. */
    final void wrapped(int row, byte quote, ByteSink out) {
        out.write(quote);
        text(row, out);
        out.write(quote);
    }

    /** A value's text written as one CSV string (arrays, maps, whole tuples). */
    final void csvOfText(int row, ByteSink out) {
        ByteSink s = new ByteSink(64);
        text(row, s);
        TextEscaping.csv(s.array(), 0, s.size(), out);
    }

    final void indent(ByteSink out, int level) {
        out.repeat(env.prettyIndent(), level);
    }

    static void writeVarUInt(long v, ByteSink out) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A ClickHouse single-quoted string literal's value (as in type arguments: Enum names, zone names). */
    static byte[] unquote(String literal) {
        String s = literal.strip();
        if (s.length() < 2 || s.charAt(0) != '\'' || s.charAt(s.length() - 1) != '\'') {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = s.substring(1, s.length() - 1).getBytes(StandardCharsets.UTF_8);
        ByteSink out = new ByteSink(b.length);
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < b.length) {
                byte e = b[++i];
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case '0' -> out.write(0);
                    case 'a' -> out.write(7);
                    case 'v' -> out.write(11);
                    case 'e' -> out.write(27);
                    case 'x' -> {
                        if (i + 2 < b.length) {
                            out.write(Integer.parseInt(new String(b, i + 1, 2, StandardCharsets.US_ASCII), 16));
                            i += 2;
                        } else {
                            out.write(e);
                        }
                    }
                    default -> out.write(e);
                }
            } else if (c == '\'' && i + 1 < b.length && b[i + 1] == '\'') {
                out.write('\'');
                i++;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static ZoneId zoneOf(DataType t, int literalIndex, ZoneId fallback) {
        if (t.args().size() <= literalIndex) {
            return fallback;
        }
        return ZoneId.of(new String(unquote(t.literal(literalIndex)), StandardCharsets.UTF_8));
    }

    static void date(LocalDate d, ByteSink out) {
        int y = d.getYear();
        two(y / 100, out);
        two(y % 100, out);
        out.write('-');
        two(d.getMonthValue(), out);
        out.write('-');
        two(d.getDayOfMonth(), out);
    }

    static void dateTime(LocalDateTime t, ByteSink out) {
        date(t.toLocalDate(), out);
        out.write(' ');
        two(t.getHour(), out);
        out.write(':');
        two(t.getMinute(), out);
        out.write(':');
        two(t.getSecond(), out);
    }

    private static void two(int v, ByteSink out) {
        out.write('0' + v / 10).write('0' + v % 10);
    }

    /** A Decimal's text (writeText(Decimal, scale, trailing_zeros)). */
    static void decimal(BigInteger unscaled, int scale, boolean trailingZeros, ByteSink out) {
        if (scale == 0) {
            out.ascii(unscaled.toString());
            return;
        }
        BigInteger[] qr = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
        if (unscaled.signum() < 0 && qr[0].signum() == 0) {
            out.write('-');
        }
        out.ascii(qr[0].toString());
        BigInteger frac = qr[1].abs();
        if (frac.signum() == 0 && !trailingZeros) {
            return;
        }
        String digits = frac.toString();
        StringBuilder sb = new StringBuilder(scale);
        sb.repeat('0', scale - digits.length()).append(digits);
        int len = scale;
        if (!trailingZeros) {
            while (len > 0 && sb.charAt(len - 1) == '0') len--;
        }
        out.write('.');
        out.ascii(sb.substring(0, len));
    }

    static void decimal(long unscaled, int scale, boolean trailingZeros, ByteSink out) {
        if (scale == 0) {
            out.decimal(unscaled);
            return;
        }
        if (scale > 18) {
            decimal(BigInteger.valueOf(unscaled), scale, trailingZeros, out);
            return;
        }
        long pow = POW10[scale];
        long whole = unscaled / pow;
        long frac = Math.abs(unscaled % pow);
        if (unscaled < 0 && whole == 0) {
            out.write('-');
        }
        out.decimal(whole);
        if (frac == 0 && !trailingZeros) {
            return;
        }
        int len = scale;
        if (!trailingZeros) {
            long f = frac;
            while (f % 10 == 0) {
                f /= 10;
                len--;
            }
        }
        out.write('.');
        String digits = Long.toString(frac);
        int zeros = scale - digits.length();
        for (int i = 0; i < len; i++) out.write(i < zeros ? '0' : digits.charAt(i - zeros));
    }

    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    // ---- integer-like columns ----

    /** Int*, UInt*, Bool, Date, Date32, DateTime, DateTime64, Enum*, Decimal32/64, IPv4, Interval*. */
    static final class IntText extends ColumnText {
        enum Kind {
            SIGNED,
            UNSIGNED,
            BOOL,
            DATE,
            DATE32,
            DATETIME,
            DATETIME64,
            ENUM,
            DECIMAL,
            IPV4,
            NOTHING
        }

        private final long[] v;
        private final Kind kind;
        private final int width;
        private final boolean wide;
        private final int scale;
        private final ZoneId zone;
        private final Map<Long, byte[]> enumNames;

        IntText(LongColumn c, Env env) {
            super(env);
            this.v = c.values();
            DataType t = c.type();
            this.width = ColumnKind.width(t);
            int sc = 0;
            ZoneId z = env.settings().serverTimeZone();
            Map<Long, byte[]> names = Map.of();
            this.kind = switch (t.family()) {
                case "Int8", "Int16", "Int32", "Int64" -> Kind.SIGNED;
                case "UInt8", "UInt16", "UInt32", "UInt64" -> Kind.UNSIGNED;
                case "Bool" -> Kind.BOOL;
                case "Date" -> Kind.DATE;
                case "Date32" -> Kind.DATE32;
                case "DateTime" -> {
                    z = zoneOf(t, 0, z);
                    yield Kind.DATETIME;
                }
                case "DateTime64" -> {
                    sc = Integer.parseInt(t.literal(0));
                    z = zoneOf(t, 1, z);
                    yield Kind.DATETIME64;
                }
                case "Enum8", "Enum16" -> {
                    names = enumNames(t);
                    yield Kind.ENUM;
                }
                case "Decimal", "Decimal32", "Decimal64" -> {
                    sc = decimalScale(t);
                    yield Kind.DECIMAL;
                }
                case "IPv4" -> Kind.IPV4;
                case "Nothing" -> Kind.NOTHING;
                default -> {
                    if (t.family().startsWith("Interval")) {
                        yield Kind.SIGNED;
                    }
                    throw unsupported(t);
                }
            };
            this.wide = width == 8;
            this.scale = sc;
            this.zone = z;
            this.enumNames = names;
        }

        private static Map<Long, byte[]> enumNames(DataType t) {
            Map<Long, byte[]> names = new HashMap<>();
            for (DataType.Arg a : t.args()) {
                String s = a.toString();
                int eq = s.lastIndexOf('=');
                names.put(Long.parseLong(s.substring(eq + 1).strip()), unquote(s.substring(0, eq)));
            }
            return names;
        }

        private byte[] enumName(int row) {
            byte[] n = enumNames.get(v[row]);
            if (n == null) {
                throw new ProxistException(
                        ErrorCode.TYPE_MISMATCH,
                        "unexpected value " + v[row] + " of an Enum [values=" + enumNames.keySet() + "]");
            }
            return n;
        }

        @Override
        void text(int row, ByteSink out) {
            long x = v[row];
            switch (kind) {
                case SIGNED -> out.decimal(x);
                case UNSIGNED -> out.ascii(Long.toUnsignedString(x));
                case BOOL -> out.ascii(x != 0 ? "true" : "false");
                case DATE -> date(LocalDate.ofEpochDay(x & 0xFFFF), out);
                case DATE32 -> date(LocalDate.ofEpochDay((int) x), out);
                case DATETIME -> dateTime(LocalDateTime.ofInstant(Instant.ofEpochSecond(x & 0xFFFFFFFFL), zone), out);
                case DATETIME64 -> {
                    long p = POW10[scale];
                    long sec = Math.floorDiv(x, p);
                    long frac = Math.floorMod(x, p);
                    dateTime(LocalDateTime.ofInstant(Instant.ofEpochSecond(sec), zone), out);
                    if (scale > 0) {
                        out.write('.');
                        String digits = Long.toString(frac);
                        out.repeat('0', scale - digits.length()).ascii(digits);
                    }
                }
                case ENUM -> out.write(enumName(row));
                case DECIMAL -> decimal(x, scale, env.settings().text().decimalTrailingZeros(), out);
                case IPV4 ->
                    out.ascii(((x >>> 24) & 0xFF) + "." + ((x >>> 16) & 0xFF) + "." + ((x >>> 8) & 0xFF) + "."
                            + (x & 0xFF));
                case NOTHING -> {}
            }
        }

        private boolean quotedKind() {
            return kind == Kind.DATE
                    || kind == Kind.DATE32
                    || kind == Kind.DATETIME
                    || kind == Kind.DATETIME64
                    || kind == Kind.IPV4;
        }

        @Override
        void escaped(int row, ByteSink out) {
            if (kind == Kind.ENUM) {
                byte[] n = enumName(row);
                TextEscaping.escaped(n, 0, n.length, (byte) '\'', out);
            } else {
                text(row, out);
            }
        }

        @Override
        void quoted(int row, ByteSink out) {
            if (kind == Kind.ENUM) {
                byte[] n = enumName(row);
                TextEscaping.quoted(n, 0, n.length, out);
            } else if (quotedKind()) {
                wrapped(row, (byte) '\'', out);
            } else {
                text(row, out);
            }
        }

        @Override
        void csv(int row, ByteSink out) {
            if (kind == Kind.ENUM) {
                byte[] n = enumName(row);
                TextEscaping.csv(n, 0, n.length, out);
            } else if (quotedKind()) {
                wrapped(row, (byte) '"', out);
            } else {
                text(row, out);
            }
        }

        @Override
        void json(int row, ByteSink out) {
            switch (kind) {
                case SIGNED, UNSIGNED -> {
                    boolean quote = wide && env.settings().quote64BitIntegers();
                    if (quote) {
                        out.write('"');
                    }
                    text(row, out);
                    if (quote) {
                        out.write('"');
                    }
                }
                case DECIMAL -> {
                    boolean quote = env.settings().json().quoteDecimals();
                    if (quote) {
                        out.write('"');
                    }
                    text(row, out);
                    if (quote) {
                        out.write('"');
                    }
                }
                case BOOL, NOTHING -> text(row, out);
                case ENUM -> jsonString(enumName(row), out);
                default -> wrapped(row, (byte) '"', out);
            }
        }

        @Override
        void binary(int row, ByteSink out) {
            long x = v[row];
            for (int i = 0; i < width; i++) out.write((int) (x >>> (8 * i)));
        }

        /** The types built on DataTypeNumberBase or DataTypeDecimalBase: numbers, Bool, dates and times. */
        @Override
        boolean alignRight() {
            return kind != Kind.ENUM && kind != Kind.IPV4 && kind != Kind.NOTHING;
        }

        @Override
        boolean isNumber() {
            return kind == Kind.SIGNED || kind == Kind.UNSIGNED || kind == Kind.BOOL || kind == Kind.DECIMAL;
        }

        @Override
        double toDouble(int row) {
            long x = v[row];
            return switch (kind) {
                case UNSIGNED -> x >= 0 ? x : (x >>> 1) * 2.0 + (x & 1);
                case DECIMAL -> x / Math.pow(10, scale);
                default -> x;
            };
        }
    }

    /** Float32 and Float64. */
    static final class FloatColumnText extends ColumnText {
        private final double[] v;
        private final boolean is32;

        FloatColumnText(DoubleColumn c, Env env) {
            super(env);
            this.v = c.values();
            this.is32 = c.type().is("Float32");
        }

        @Override
        void text(int row, ByteSink out) {
            out.ascii(is32 ? FloatText.float32((float) v[row]) : FloatText.float64(v[row]));
        }

        @Override
        void json(int row, ByteSink out) {
            double x = v[row];
            boolean finite = Double.isFinite(x);
            boolean quoteDenormals = env.settings().quoteDenormals();
            boolean quote = (quoteDenormals && !finite)
                    || (!is32 && env.settings().json().quote64BitFloats());
            if (quote) {
                out.write('"');
            }
            if (finite) {
                text(row, out);
            } else if (!quoteDenormals) {
                out.write(JSON_NULL);
            } else {
                boolean negative = (Double.doubleToRawLongBits(x) < 0);
                if (is32) {
                    negative = Float.floatToRawIntBits((float) x) < 0;
                }
                out.ascii((negative ? "-" : "") + (Double.isNaN(x) ? "nan" : "inf"));
            }
            if (quote) {
                out.write('"');
            }
        }

        @Override
        void binary(int row, ByteSink out) {
            long bits = is32 ? Float.floatToRawIntBits((float) v[row]) : Double.doubleToRawLongBits(v[row]);
            for (int i = 0; i < (is32 ? 4 : 8); i++) out.write((int) (bits >>> (8 * i)));
        }

        @Override
        boolean alignRight() {
            return true;
        }

        @Override
        boolean isNumber() {
            return true;
        }

        @Override
        double toDouble(int row) {
            return is32 ? (float) v[row] : v[row];
        }
    }

    /** String, and FixedString held as variable-length bytes (padded with zeros to N). */
    static final class StringText extends ColumnText {
        private final BytesColumn c;
        private final int fixed;

        StringText(BytesColumn c, Env env) {
            super(env);
            this.c = c;
            this.fixed = c.type().is("FixedString") ? Integer.parseInt(c.type().literal(0)) : -1;
        }

        private byte[] data(int row) {
            if (fixed < 0) {
                return c.data();
            }
            byte[] b = new byte[fixed];
            System.arraycopy(c.data(), c.start(row), b, 0, Math.min(fixed, c.length(row)));
            return b;
        }

        private int off(int row) {
            return fixed < 0 ? c.start(row) : 0;
        }

        private int len(int row) {
            return fixed < 0 ? c.length(row) : fixed;
        }

        @Override
        void text(int row, ByteSink out) {
            out.write(data(row), off(row), len(row));
        }

        @Override
        void escaped(int row, ByteSink out) {
            TextEscaping.escaped(data(row), off(row), len(row), (byte) '\'', out);
        }

        @Override
        void quoted(int row, ByteSink out) {
            TextEscaping.quoted(data(row), off(row), len(row), out);
        }

        @Override
        void csv(int row, ByteSink out) {
            TextEscaping.csv(data(row), off(row), len(row), out);
        }

        @Override
        void json(int row, ByteSink out) {
            jsonString(data(row), off(row), len(row), out);
        }

        @Override
        void binary(int row, ByteSink out) {
            if (fixed < 0) {
                writeVarUInt(len(row), out);
            }
            out.write(data(row), off(row), len(row));
        }
    }

    /** Values of a FixedBytesColumn: {@code width} bytes each. */
    abstract static class FixedText extends ColumnText {
        final byte[] d;
        final int width;

        FixedText(FixedBytesColumn c, Env env) {
            super(env);
            this.d = c.data();
            this.width = c.width();
        }

        @Override
        void binary(int row, ByteSink out) {
            out.write(d, row * width, width);
        }

        long longLE(int pos) {
            long x = 0;
            for (int i = 7; i >= 0; i--) x = (x << 8) | (d[pos + i] & 0xFF);
            return x;
        }
    }

    static final class FixedStringText extends FixedText {
        FixedStringText(FixedBytesColumn c, Env env) {
            super(c, env);
        }

        @Override
        void text(int row, ByteSink out) {
            out.write(d, row * width, width);
        }

        @Override
        void escaped(int row, ByteSink out) {
            TextEscaping.escaped(d, row * width, width, (byte) '\'', out);
        }

        @Override
        void quoted(int row, ByteSink out) {
            TextEscaping.quoted(d, row * width, width, out);
        }

        @Override
        void csv(int row, ByteSink out) {
            TextEscaping.csv(d, row * width, width, out);
        }

        @Override
        void json(int row, ByteSink out) {
            jsonString(d, row * width, width, out);
        }
    }

    /** Values written as text in quotes everywhere but the plain and escaped forms (UUID, IPv6). */
    abstract static class QuotedFixedText extends FixedText {
        QuotedFixedText(FixedBytesColumn c, Env env) {
            super(c, env);
        }

        @Override
        void quoted(int row, ByteSink out) {
            wrapped(row, (byte) '\'', out);
        }

        @Override
        void csv(int row, ByteSink out) {
            wrapped(row, (byte) '"', out);
        }

        @Override
        void json(int row, ByteSink out) {
            wrapped(row, (byte) '"', out);
        }
    }

    /** UUID: two UInt64 little-endian, the high half first; text 8-4-4-4-12 lowercase hex. */
    static final class UuidText extends QuotedFixedText {
        UuidText(FixedBytesColumn c, Env env) {
            super(c, env);
        }

        @Override
        void text(int row, ByteSink out) {
            String hex = hex16(longLE(row * 16)) + hex16(longLE(row * 16 + 8));
            out.ascii(hex.substring(0, 8))
                    .write('-')
                    .ascii(hex.substring(8, 12))
                    .write('-')
                    .ascii(hex.substring(12, 16))
                    .write('-')
                    .ascii(hex.substring(16, 20))
                    .write('-')
                    .ascii(hex.substring(20));
        }

        private static String hex16(long v) {
            String s = Long.toHexString(v);
            return "0".repeat(16 - s.length()) + s;
        }
    }

    /** IPv6: 16 bytes in network order; text as ClickHouse's formatIPv6. */
    static final class Ipv6Text extends QuotedFixedText {
        Ipv6Text(FixedBytesColumn c, Env env) {
            super(c, env);
        }

        @Override
        void text(int row, ByteSink out) {
            int base = row * 16;
            int[] words = new int[8];
            for (int i = 0; i < 8; i++) words[i] = ((d[base + 2 * i] & 0xFF) << 8) | (d[base + 2 * i + 1] & 0xFF);
            int bestBase = -1;
            int bestLen = 0;
            int curBase = -1;
            int curLen = 0;
            for (int i = 0; i < 8; i++) {
                if (words[i] == 0) {
                    if (curBase == -1) {
                        curBase = i;
                        curLen = 1;
                    } else {
                        curLen++;
                    }
                } else if (curBase != -1) {
                    if (bestBase == -1 || curLen > bestLen) {
                        bestBase = curBase;
                        bestLen = curLen;
                    }
                    curBase = -1;
                }
            }
            if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
                bestBase = curBase;
                bestLen = curLen;
            }
            if (bestBase != -1 && bestLen < 2) {
                bestBase = -1;
            }
            for (int i = 0; i < 8; i++) {
                if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                    if (i == bestBase) {
                        out.write(':');
                    }
                    continue;
                }
                if (i != 0) {
                    out.write(':');
                }
                if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                    out.ascii((d[base + 12] & 0xFF) + "." + (d[base + 13] & 0xFF) + "." + (d[base + 14] & 0xFF) + "."
                            + (d[base + 15] & 0xFF));
                    return;
                }
                out.ascii(Integer.toHexString(words[i]));
            }
            if (bestBase != -1 && bestBase + bestLen == 8) {
                out.write(':');
            }
        }
    }

    /** Int128, UInt128, Int256, UInt256 (scale -1) and the wide Decimals (scale >= 0), little-endian. */
    static final class BigIntText extends FixedText {
        private final boolean signed;
        private final int scale;
        private final boolean wideQuoted;

        BigIntText(FixedBytesColumn c, Env env, boolean signed, int scale) {
            super(c, env);
            this.signed = signed;
            this.scale = scale;
            this.wideQuoted = scale < 0;
        }

        BigInteger value(int row) {
            byte[] be = new byte[width];
            for (int i = 0; i < width; i++) be[i] = d[row * width + width - 1 - i];
            return signed ? new BigInteger(be) : new BigInteger(1, be);
        }

        @Override
        void text(int row, ByteSink out) {
            if (scale < 0) {
                out.ascii(value(row).toString());
            } else {
                decimal(value(row), scale, env.settings().text().decimalTrailingZeros(), out);
            }
        }

        @Override
        void json(int row, ByteSink out) {
            boolean quote = wideQuoted
                    ? env.settings().quote64BitIntegers()
                    : env.settings().json().quoteDecimals();
            if (quote) {
                out.write('"');
            }
            text(row, out);
            if (quote) {
                out.write('"');
            }
        }

        @Override
        boolean alignRight() {
            return true;
        }

        @Override
        boolean isNumber() {
            return true;
        }

        @Override
        double toDouble(int row) {
            double x = value(row).doubleValue();
            return scale < 0 ? x : x / Math.pow(10, scale);
        }
    }

    /** Nullable(T). */
    static final class NullableText extends ColumnText {
        private final NullableColumn c;
        private final ColumnText inner;

        NullableText(NullableColumn c, Env env) {
            super(env);
            this.c = c;
            this.inner = of(c.inner(), env);
        }

        @Override
        boolean isNull(int row) {
            return c.isNull(row);
        }

        @Override
        void text(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(PRETTY_NULL);
            } else {
                inner.text(row, out);
            }
        }

        @Override
        void escaped(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(ESCAPED_NULL);
            } else {
                inner.escaped(row, out);
            }
        }

        @Override
        void raw(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(ESCAPED_NULL);
            } else {
                inner.raw(row, out);
            }
        }

        @Override
        void quoted(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(QUOTED_NULL);
            } else {
                inner.quoted(row, out);
            }
        }

        @Override
        void csv(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(ESCAPED_NULL);
            } else {
                inner.csv(row, out);
            }
        }

        @Override
        void json(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(JSON_NULL);
            } else {
                inner.json(row, out);
            }
        }

        @Override
        void jsonPretty(int row, ByteSink out, int indent) {
            if (c.isNull(row)) {
                out.write(JSON_NULL);
            } else {
                inner.jsonPretty(row, out, indent);
            }
        }

        @Override
        void binary(int row, ByteSink out) {
            if (c.isNull(row)) {
                out.write(1);
            } else {
                out.write(0);
                inner.binary(row, out);
            }
        }

        @Override
        boolean alignRight() {
            return inner.alignRight();
        }

        @Override
        boolean isNumber() {
            return inner.isNumber();
        }

        @Override
        double toDouble(int row) {
            return inner.toDouble(row);
        }
    }

    /** Array(T). */
    static final class ArrayText extends ColumnText {
        private final ArrayColumn c;
        private final ColumnText elements;

        ArrayText(ArrayColumn c, Env env) {
            super(env);
            this.c = c;
            this.elements = of(c.elements(), env);
        }

        @Override
        void text(int row, ByteSink out) {
            out.write('[');
            for (int i = c.start(row), end = c.end(row); i < end; i++) {
                if (i != c.start(row)) {
                    out.write(',');
                }
                elements.quoted(i, out);
            }
            out.write(']');
        }

        @Override
        void csv(int row, ByteSink out) {
            csvOfText(row, out);
        }

        @Override
        void json(int row, ByteSink out) {
            out.write('[');
            for (int i = c.start(row), end = c.end(row); i < end; i++) {
                if (i != c.start(row)) {
                    out.write(',');
                }
                elements.json(i, out);
            }
            out.write(']');
        }

        @Override
        void jsonPretty(int row, ByteSink out, int indent) {
            int start = c.start(row);
            int end = c.end(row);
            if (start == end) {
                out.write('[').write(']');
                return;
            }
            out.write('[').write('\n');
            for (int i = start; i < end; i++) {
                if (i != start) {
                    out.write(',').write('\n');
                }
                indent(out, indent + 1);
                elements.jsonPretty(i, out, indent + 1);
            }
            out.write('\n');
            indent(out, indent);
            out.write(']');
        }

        @Override
        void binary(int row, ByteSink out) {
            writeVarUInt(c.end(row) - c.start(row), out);
            for (int i = c.start(row), end = c.end(row); i < end; i++) elements.binary(i, out);
        }
    }

    /** Map(K, V): an array of (key, value) tuples. */
    static final class MapText extends ColumnText {
        private final ArrayColumn c;
        private final ColumnText keys;
        private final ColumnText values;

        MapText(ArrayColumn c, Env env) {
            super(env);
            this.c = c;
            TupleColumn kv = (TupleColumn) c.elements();
            this.keys = of(kv.elements().get(0), env);
            this.values = of(kv.elements().get(1), env);
        }

        @Override
        void text(int row, ByteSink out) {
            out.write('{');
            for (int i = c.start(row), end = c.end(row); i < end; i++) {
                if (i != c.start(row)) {
                    out.write(',');
                }
                keys.quoted(i, out);
                out.write(':');
                values.quoted(i, out);
            }
            out.write('}');
        }

        @Override
        void csv(int row, ByteSink out) {
            csvOfText(row, out);
        }

        private void key(int i, ByteSink out) {
            ByteSink k = new ByteSink(32);
            keys.text(i, k);
            jsonString(k.array(), 0, k.size(), out);
        }

        @Override
        void json(int row, ByteSink out) {
            out.write('{');
            for (int i = c.start(row), end = c.end(row); i < end; i++) {
                if (i != c.start(row)) {
                    out.write(',');
                }
                key(i, out);
                out.write(':');
                values.json(i, out);
            }
            out.write('}');
        }

        @Override
        void jsonPretty(int row, ByteSink out, int indent) {
            int start = c.start(row);
            int end = c.end(row);
            if (start == end) {
                out.write('{').write('}');
                return;
            }
            out.write('{').write('\n');
            for (int i = start; i < end; i++) {
                if (i != start) {
                    out.write(',').write('\n');
                }
                indent(out, indent + 1);
                key(i, out);
                out.write(':').write(' ');
                values.jsonPretty(i, out, indent + 1);
            }
            out.write('\n');
            indent(out, indent);
            out.write('}');
        }

        @Override
        void binary(int row, ByteSink out) {
            writeVarUInt(c.end(row) - c.start(row), out);
            for (int i = c.start(row), end = c.end(row); i < end; i++) {
                keys.binary(i, out);
                values.binary(i, out);
            }
        }
    }

    /** Tuple(T1, ..., Tn), named or not. */
    static final class TupleText extends ColumnText {
        private final List<ColumnText> elements = new ArrayList<>();
        private final List<byte[]> names;

        TupleText(TupleColumn c, Env env) {
            super(env);
            for (Column e : c.elements()) elements.add(of(e, env));
            this.names = elementNames(c.type());
        }

        /** The element names of a named tuple, or null. */
        private static List<byte[]> elementNames(DataType t) {
            List<byte[]> names = new ArrayList<>();
            for (DataType.Arg a : t.args()) {
                if (a instanceof DataType.LiteralArg l
                        && l.text().indexOf(' ') > 0
                        && !l.text().startsWith("'")) {
                    names.add(l.text().substring(0, l.text().indexOf(' ')).getBytes(StandardCharsets.UTF_8));
                } else {
                    return null;
                }
            }
            return names;
        }

        private boolean asObject() {
            return names != null && env.settings().json().namedTuplesAsObjects();
        }

        @Override
        void text(int row, ByteSink out) {
            out.write('(');
            for (int i = 0; i < elements.size(); i++) {
                if (i != 0) {
                    out.write(',');
                }
                elements.get(i).quoted(row, out);
            }
            out.write(')');
        }

        @Override
        void csv(int row, ByteSink out) {
            if (!env.settings().text().csvTupleIntoSeparateColumns()) {
                csvOfText(row, out);
                return;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (i != 0) {
                    out.write(env.settings().text().csvDelimiter());
                }
                elements.get(i).csv(row, out);
            }
        }

        @Override
        void json(int row, ByteSink out) {
            boolean object = asObject();
            out.write(object ? '{' : '[');
            for (int i = 0; i < elements.size(); i++) {
                if (i != 0) {
                    out.write(',');
                }
                if (object) {
                    jsonString(names.get(i), out);
                    out.write(':');
                }
                elements.get(i).json(row, out);
            }
            out.write(object ? '}' : ']');
        }

        @Override
        void jsonPretty(int row, ByteSink out, int indent) {
            boolean object = asObject();
            out.write(object ? '{' : '[').write('\n');
            for (int i = 0; i < elements.size(); i++) {
                if (i != 0) {
                    out.write(',').write('\n');
                }
                indent(out, indent + 1);
                if (object) {
                    jsonString(names.get(i), out);
                    out.write(':').write(' ');
                }
                elements.get(i).jsonPretty(row, out, indent + 1);
            }
            out.write('\n');
            if (!object || indent > 1) {
                indent(out, indent);
            }
            out.write(object ? '}' : ']');
        }

        @Override
        void binary(int row, ByteSink out) {
            for (ColumnText e : elements) e.binary(row, out);
        }
    }
}
