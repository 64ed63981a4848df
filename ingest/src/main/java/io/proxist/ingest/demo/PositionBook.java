package io.proxist.ingest.demo;

import io.proxist.ingest.recorder.PositionMapper;
import io.proxist.ingest.recorder.PositionSnapshot;

/**
 * Our positions per account and instrument, moved by every fill (average price of the open quantity, realized PnL of
 * what a fill closes) and snapshotted to positions_intraday on each fill and, for open positions, at each {@link
 * #markAll} with the unrealized PnL at the market's mark.
 */
final class PositionBook {
    private final MarketSim market;
    private final String[] accounts;
    private final PositionMapper mapper;
    private final Stamper times;
    private final double[] quantity;
    private final double[] avgPrice;
    private final double[] realized;

    PositionBook(MarketSim market, String[] accounts, PositionMapper mapper, Stamper times) {
        this.market = market;
        this.accounts = accounts;
        this.mapper = mapper;
        this.times = times;
        int n = accounts.length * market.size();
        this.quantity = new double[n];
        this.avgPrice = new double[n];
        this.realized = new double[n];
    }

    /** Applies a fill of {@code signedQty} (negative when selling) at {@code price}, and snapshots the position. */
    void fill(int account, int symbol, double signedQty, double price, long at) {
        int i = account * market.size() + symbol;
        double q = quantity[i];
        double multiplier = market.instrument(symbol).multiplier();
        if (q == 0 || Math.signum(q) == Math.signum(signedQty)) {
            avgPrice[i] =
                    (avgPrice[i] * Math.abs(q) + price * Math.abs(signedQty)) / (Math.abs(q) + Math.abs(signedQty));
        } else {
            double closed = Math.min(Math.abs(q), Math.abs(signedQty));
            realized[i] = cents(realized[i] + (price - avgPrice[i]) * closed * Math.signum(q) * multiplier);
            double after = q + signedQty;
            if (after == 0) {
                avgPrice[i] = 0;
            } else if (Math.signum(after) != Math.signum(q)) {
                avgPrice[i] = price; // flipped: the rest opened at this price
            }
        }
        quantity[i] = q + signedQty;
        snapshot(account, symbol, at);
    }

    /** Snapshots every open position at {@code at}, marked to the market. */
    void markAll(long at) {
        for (int a = 0; a < accounts.length; a++) {
            for (int s = 0; s < market.size(); s++) {
                if (quantity[a * market.size() + s] != 0) snapshot(a, s, at);
            }
        }
    }

    private void snapshot(int account, int symbol, long at) {
        int i = account * market.size() + symbol;
        Instrument inst = market.instrument(symbol);
        double mark = market.mark(symbol);
        times.stampOnTime(symbol, at);
        mapper.append(new PositionSnapshot(
                accounts[account],
                inst.symbol(),
                times.ts,
                times.seq,
                quantity[i],
                avgPrice[i],
                mark,
                realized[i],
                cents((mark - avgPrice[i]) * quantity[i] * inst.multiplier()),
                "USD",
                times.recvTs));
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
