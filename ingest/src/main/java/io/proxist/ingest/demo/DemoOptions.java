package io.proxist.ingest.demo;

import io.proxist.ingest.recorder.RecorderContext;

/**
 * What the {@link DemoFeed} generates and how fast. Validated here, in one place; {@link #defaults()} gives a feed of
 * 50 instruments at 2,000 market events per second.
 *
 * @param seed seeds every random choice: two feeds with one seed, ticked at the same times, emit equal blocks
 * @param symbols instruments quoted, 1 to {@value #MAX_SYMBOLS}: the built-in catalogue first (~55 real tickers and
 *     futures), then synthetic tickers {@code SYN0001}, ...
 * @param eventsPerSecond market events per second, quotes and public trades together, 0 to {@value
 *     #MAX_EVENTS_PER_SECOND}
 * @param tradeFraction share of market events that are public trades (the rest are quotes), 0 to 1
 * @param ordersPerSecond new orders of our own per second (each followed by its ack or reject, fills, cancels,
 *     amends), 0 to {@value #MAX_ORDERS_PER_SECOND}
 * @param lateFraction share of quote and trade rows stamped slightly in the past (before their symbol's latest
 *     timestamp), 0 to 0.5
 * @param maxLatenessNanos how far before its symbol's latest timestamp a late row may lie (1 ns to 1 min)
 * @param tickNanos the feed thread's period: one block per table per tick, 1 ms to 1 s
 * @param depthLevels L2 levels per side in market_data (0 = top of book only), 0 to {@value #MAX_DEPTH_LEVELS}
 * @param positions whether fills update positions_intraday (and open positions are marked once a second)
 * @param source written to every row's {@code source}
 * @param environment written to every row's {@code environment}
 */
public record DemoOptions(
        long seed,
        int symbols,
        long eventsPerSecond,
        double tradeFraction,
        long ordersPerSecond,
        double lateFraction,
        long maxLatenessNanos,
        long tickNanos,
        int depthLevels,
        boolean positions,
        String source,
        String environment) {

    public static final int DEFAULT_SYMBOLS = 50;
    public static final long DEFAULT_EVENTS_PER_SECOND = 2_000;
    public static final double DEFAULT_TRADE_FRACTION = 0.2;
    public static final long DEFAULT_ORDERS_PER_SECOND = 4;
    public static final double DEFAULT_LATE_FRACTION = 0.01;
    public static final long DEFAULT_MAX_LATENESS_NANOS = 200_000_000L;
    public static final long DEFAULT_TICK_NANOS = 50_000_000L;
    public static final int DEFAULT_DEPTH_LEVELS = 5;
    public static final String DEFAULT_SOURCE = "demo-feed";
    public static final String DEFAULT_ENVIRONMENT = "demo";

    public static final int MAX_SYMBOLS = 10_000;
    public static final long MAX_EVENTS_PER_SECOND = 10_000_000L;
    public static final long MAX_ORDERS_PER_SECOND = 10_000L;
    public static final int MAX_DEPTH_LEVELS = 20;

    public DemoOptions {
        check(symbols >= 1 && symbols <= MAX_SYMBOLS, "symbols", symbols, "1.." + MAX_SYMBOLS);
        check(
                eventsPerSecond >= 0 && eventsPerSecond <= MAX_EVENTS_PER_SECOND,
                "eventsPerSecond",
                eventsPerSecond,
                "0.." + MAX_EVENTS_PER_SECOND);
        check(tradeFraction >= 0 && tradeFraction <= 1, "tradeFraction", tradeFraction, "0..1");
        check(
                ordersPerSecond >= 0 && ordersPerSecond <= MAX_ORDERS_PER_SECOND,
                "ordersPerSecond",
                ordersPerSecond,
                "0.." + MAX_ORDERS_PER_SECOND);
        check(lateFraction >= 0 && lateFraction <= 0.5, "lateFraction", lateFraction, "0..0.5");
        check(
                maxLatenessNanos >= 1 && maxLatenessNanos <= 60_000_000_000L,
                "maxLatenessNanos",
                maxLatenessNanos,
                "1..60000000000");
        check(tickNanos >= 1_000_000L && tickNanos <= 1_000_000_000L, "tickNanos", tickNanos, "1000000..1000000000");
        check(
                depthLevels >= 0 && depthLevels <= MAX_DEPTH_LEVELS,
                "depthLevels",
                depthLevels,
                "0.." + MAX_DEPTH_LEVELS);
        // the recorder's own rules for the metadata columns (non-blank, no control characters)
        new RecorderContext(source, environment, 0, () -> 0L);
    }

    /** The defaults, with seed 1. */
    public static DemoOptions defaults() {
        return new DemoOptions(
                1L,
                DEFAULT_SYMBOLS,
                DEFAULT_EVENTS_PER_SECOND,
                DEFAULT_TRADE_FRACTION,
                DEFAULT_ORDERS_PER_SECOND,
                DEFAULT_LATE_FRACTION,
                DEFAULT_MAX_LATENESS_NANOS,
                DEFAULT_TICK_NANOS,
                DEFAULT_DEPTH_LEVELS,
                true,
                DEFAULT_SOURCE,
                DEFAULT_ENVIRONMENT);
    }

    private static void check(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "demo feed option out of range [option=" + name + ", value=" + value + ", expected=" + range + "]");
        }
    }

    public DemoOptions withSeed(long v) {
        return new DemoOptions(
                v,
                symbols,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withSymbols(int v) {
        return new DemoOptions(
                seed,
                v,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withEventsPerSecond(long v) {
        return new DemoOptions(
                seed,
                symbols,
                v,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withTradeFraction(double v) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                v,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withOrdersPerSecond(long v) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                tradeFraction,
                v,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withLateness(double fraction, long maxNanos) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                fraction,
                maxNanos,
                tickNanos,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withTickNanos(long v) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                v,
                depthLevels,
                positions,
                source,
                environment);
    }

    public DemoOptions withDepthLevels(int v) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                v,
                positions,
                source,
                environment);
    }

    public DemoOptions withPositions(boolean v) {
        return new DemoOptions(
                seed,
                symbols,
                eventsPerSecond,
                tradeFraction,
                ordersPerSecond,
                lateFraction,
                maxLatenessNanos,
                tickNanos,
                depthLevels,
                v,
                source,
                environment);
    }
}
