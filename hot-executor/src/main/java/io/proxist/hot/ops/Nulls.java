package io.proxist.hot.ops;

/**
 * The sentinels of the operators, in one place (core has none yet; the hot store has no Nullable columns).
 *
 * <ul>
 *   <li>{@link #NO_ROW}: a position ({@code chunk << 32 | row}) that names no row: no last-by row, no asof match.
 *       Real positions are never negative.
 *   <li>{@link #NO_VALUE}: the value of an aggregate over no rows (min, max, avg, first, last, VWAP with zero
 *       weight) and of a materialised column of an unmatched LEFT asof row. The caller maps it to NULL or to
 *       ClickHouse's type default, as the query asks.
 *   <li>{@link #NO_LONG}: the long-column counterpart of {@link #NO_VALUE}, and the timestamp of an empty state.
 * </ul>
 */
public final class Nulls {
    /** No row / no match. */
    public static final long NO_ROW = -1L;
    /** A double result over no rows. */
    public static final double NO_VALUE = Double.NaN;
    /** A long result (or timestamp) over no rows. */
    public static final long NO_LONG = Long.MIN_VALUE;

    private Nulls() {}

    public static boolean isNoRow(long position) {
        return position < 0;
    }

    public static boolean isNoValue(double v) {
        return Double.isNaN(v);
    }
}
