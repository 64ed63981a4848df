package io.proxist.ingest.demo;

/**
 * One quoted instrument of the demo market.
 *
 * @param symbol ticker or futures contract code
 * @param exchange MIC of the listing exchange, also the venue our orders go to
 * @param price the mid price the random walk starts from
 * @param ticksPerUnit price increments per unit of price (100 for a cent tick, 4 for a quarter point); prices are
 *     held as integer ticks and divided by this, so they print as clean decimals
 * @param volatility annualised volatility of the random walk (0.25 = 25 %)
 * @param lot quantity unit: 100 shares for equities, 1 contract for futures
 * @param multiplier contract multiplier for PnL (1 for equities)
 * @param weight relative activity: how often the instrument is picked for a quote, a trade or an order
 */
record Instrument(
        String symbol,
        String exchange,
        double price,
        int ticksPerUnit,
        double volatility,
        double lot,
        double multiplier,
        double weight) {

    boolean future() {
        return multiplier != 1;
    }

    /** The price of {@code ticks} increments, as a clean decimal. */
    double price(long ticks) {
        return ticks / (double) ticksPerUnit;
    }
}
