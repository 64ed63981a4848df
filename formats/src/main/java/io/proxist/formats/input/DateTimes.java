package io.proxist.formats.input;

import io.proxist.core.type.DataType;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Dates and times as ClickHouse's basic parser reads them: {@code YYYY-MM-DD} (month and day may have one digit,
 * any non-digit separators, or {@code YYYYMMDD}); {@code YYYY-MM-DD hh:mm:ss} (or with {@code T}); a unix timestamp.
 * Local times convert in the column's zone the way ClickHouse's DateLUT does: in a gap the offset after the change
 * applies, in an overlap the earlier one.
 */
final class DateTimes {
    private DateTimes() {}

    /** Marks "0000-00-00", which ClickHouse reads as the zero value. */
    static final long ZERO = Long.MIN_VALUE;

    /** Days since 1970-01-01 of a proleptic Gregorian date (no validation). */
    static long civilDays(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int digit(byte[] b, int i) {
        int d = b[i] - '0';
        return d >= 0 && d <= 9 ? d : -1;
    }

    private static int twoDigits(byte[] b, int i) {
        int a = digit(b, i);
        int c = digit(b, i + 1);
        return a < 0 || c < 0 ? -1 : a * 10 + c;
    }

    /** Days since the epoch of the whole range as a date, or {@link #ZERO}; bad text is CANNOT_PARSE_DATE. */
    static long parseDate(byte[] b, int off, int len, DataType type) {
        int end = off + len;
        if (len < 8) throw Texts.cannotParse(type, b, off, len);
        int year = 0;
        for (int i = 0; i < 4; i++) {
            int d = digit(b, off + i);
            if (d < 0) throw Texts.cannotParse(type, b, off, len);
            year = year * 10 + d;
        }
        int month;
        int day;
        int i = off + 4;
        if (digit(b, i) >= 0) {
            if (len != 8) throw Texts.cannotParse(type, b, off, len);
            month = twoDigits(b, i);
            day = twoDigits(b, i + 2);
            i += 4;
        } else {
            i++;
            int[] r = new int[1];
            month = oneOrTwo(b, i, end, r);
            i = r[0];
            if (month < 0 || i >= end || digit(b, i) >= 0) throw Texts.cannotParse(type, b, off, len);
            i++;
            day = oneOrTwo(b, i, end, r);
            i = r[0];
        }
        if (month < 0 || day < 0 || i != end) throw Texts.cannotParse(type, b, off, len);
        if (year == 0 && month == 0 && day == 0) return ZERO;
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw Texts.cannotParse(type, b, off, len, "no such date");
        }
        return civilDays(year, month, day);
    }

    private static int oneOrTwo(byte[] b, int i, int end, int[] next) {
        if (i >= end) return -1;
        int v = digit(b, i);
        if (v < 0) return -1;
        i++;
        if (i < end && digit(b, i) >= 0) {
            v = v * 10 + digit(b, i);
            i++;
        }
        next[0] = i;
        return v;
    }

    /**
     * Local seconds since the epoch of {@code YYYY-MM-DD} or {@code YYYY-MM-DD hh:mm:ss} starting at {@code off}
     * and ending exactly at {@code end} or where {@code fractionAllowed} and a '.' follows. Returns the index after
     * the date-time in {@code next[0]} and the local seconds, or {@link #ZERO} for year 0.
     */
    static long parseLocal(byte[] b, int off, int end, int[] next, DataType type) {
        int len = end - off;
        if (len < 10) throw Texts.cannotParse(type, b, off, len);
        int year = 0;
        for (int i = 0; i < 4; i++) {
            int d = digit(b, off + i);
            if (d < 0) throw Texts.cannotParse(type, b, off, len);
            year = year * 10 + d;
        }
        if (digit(b, off + 4) >= 0 || digit(b, off + 7) >= 0) throw Texts.cannotParse(type, b, off, len);
        int month = twoDigits(b, off + 5);
        int day = twoDigits(b, off + 8);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int i = off + 10;
        if (i < end && (b[i] == ' ' || b[i] == 'T')) {
            if (end - i < 9) throw Texts.cannotParse(type, b, off, len);
            hour = twoDigits(b, i + 1);
            minute = twoDigits(b, i + 4);
            second = twoDigits(b, i + 7);
            if (digit(b, i + 3) >= 0 || digit(b, i + 6) >= 0) throw Texts.cannotParse(type, b, off, len);
            i += 9;
        }
        next[0] = i;
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            throw Texts.cannotParse(type, b, off, len);
        }
        if (year == 0) return ZERO;
        if (month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            throw Texts.cannotParse(type, b, off, len, "no such date or time");
        }
        return civilDays(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second;
    }

    /** Converts local seconds in {@code zone} to epoch seconds. */
    static long toEpoch(long local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset())
            return local - rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        List<ZoneOffset> offsets = rules.getValidOffsets(ldt);
        ZoneOffset offset;
        if (offsets.isEmpty()) {
            ZoneOffsetTransition t = rules.getTransition(ldt);
            offset = t.getOffsetAfter();
        } else {
            offset = offsets.get(0);
        }
        return local - offset.getTotalSeconds();
    }

    /** The zone of DateTime('zone') / DateTime64(p, 'zone'), or {@code dflt} when the type names none. */
    static ZoneId zoneOf(DataType type, int literalIndex, ZoneId dflt) {
        if (type.args().size() <= literalIndex) return dflt;
        String lit = type.literal(literalIndex);
        String name = lit.length() >= 2 && lit.startsWith("'") ? lit.substring(1, lit.length() - 1) : lit;
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new io.proxist.core.error.ProxistException(
                    io.proxist.core.error.ErrorCode.BAD_ARGUMENTS, "unknown time zone [type=" + type + "]");
        }
    }
}
