package io.proxist.planner.expr;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text and interval constants of time, folded at plan time (UTC). */
public final class TimeLiterals {
    private TimeLiterals() {}

    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?)?Z?");

    /** {@code 'YYYY-MM-DD[ hh:mm:ss[.fraction]]'} as UTC nanoseconds. */
    public static long parse(String text) {
        Matcher m = DATE_TIME.matcher(text.trim());
        if (!m.matches())
            throw new ProxistException(ErrorCode.CANNOT_PARSE_DATETIME, "Cannot parse DateTime64 from String: " + text);
        long days = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .toEpochDay();
        long secs = days * 86_400L;
        if (m.group(4) != null)
            secs += Integer.parseInt(m.group(4)) * 3600L
                    + Integer.parseInt(m.group(5)) * 60L
                    + Integer.parseInt(m.group(6));
        long nanos = 0;
        if (m.group(7) != null) {
            String f = (m.group(7) + "000000000").substring(0, 9);
            nanos = Long.parseLong(f);
        }
        return Math.addExact(Math.multiplyExact(secs, 1_000_000_000L), nanos);
    }

    /** The length of one {@code unit} in nanoseconds; months and years have none. */
    public static long unitNanos(String unit) {
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "NANOSECOND" -> 1L;
            case "MICROSECOND" -> 1_000L;
            case "MILLISECOND" -> 1_000_000L;
            case "SECOND" -> 1_000_000_000L;
            case "MINUTE" -> 60_000_000_000L;
            case "HOUR" -> 3_600_000_000_000L;
            case "DAY" -> TimeFunc.DAY;
            case "WEEK" -> 7 * TimeFunc.DAY;
            default ->
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "INTERVAL " + unit + " has no fixed length; only NANOSECOND to WEEK intervals are supported"
                                + " on Proxist tables");
        };
    }

    /** ClickHouse's name for an interval: {@code toIntervalMinute(5)}. */
    public static String intervalName(String unit, String count) {
        String u = unit.toLowerCase(Locale.ROOT);
        return "toInterval" + Character.toUpperCase(u.charAt(0)) + u.substring(1) + "(" + count + ")";
    }

    static String utc(long ns) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L))
                .atOffset(ZoneOffset.UTC)
                .toString();
    }
}
