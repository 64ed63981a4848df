package io.proxist.ingest.demo;

import io.proxist.ingest.recorder.MarketDataMapper;
import io.proxist.ingest.recorder.MarketSnapshot;
import io.proxist.ingest.recorder.PublicTrade;
import io.proxist.ingest.recorder.Side;
import io.proxist.ingest.recorder.TradeMapper;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The public market: per instrument a mid price on a geometric random walk (its annualised volatility over the time
 * since its last quote), quoted on its tick grid with a spread of one to three ticks and L2 depth behind it, and
 * public trades at the touch. Appends quotes to market_data and prints to trades; our orders read the touch here.
 */
final class MarketSim {
    /** A trading year: 252 days of 6.5 hours. */
    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    private final Instrument[] instruments;
    private final double[] cumulativeWeight;
    private final double[] mid;
    private final long[] midTs;
    private final long[] bid; // ticks
    private final long[] ask; // ticks
    private final double[] lastPx;
    private final double[] lastSz;
    private final double[] bidPx;
    private final double[] bidSz;
    private final double[] askPx;
    private final double[] askSz;
    private final double tradeFraction;
    private final SplittableRandom random;
    private final MarketDataMapper quotes;
    private final TradeMapper trades;
    private final Stamper quoteTimes;
    private final Stamper tradeTimes;
    private long nextTradeId = 1;

    MarketSim(
            List<Instrument> instruments,
            DemoOptions options,
            SplittableRandom random,
            MarketDataMapper quotes,
            TradeMapper trades) {
        int n = instruments.size();
        this.instruments = instruments.toArray(new Instrument[0]);
        this.cumulativeWeight = new double[n];
        this.mid = new double[n];
        this.midTs = new long[n];
        this.bid = new long[n];
        this.ask = new long[n];
        this.lastPx = new double[n];
        this.lastSz = new double[n];
        this.bidPx = new double[options.depthLevels()];
        this.bidSz = new double[options.depthLevels()];
        this.askPx = new double[options.depthLevels()];
        this.askSz = new double[options.depthLevels()];
        this.tradeFraction = options.tradeFraction();
        this.random = random;
        this.quotes = quotes;
        this.trades = trades;
        this.quoteTimes = new Stamper(n, options.lateFraction(), options.maxLatenessNanos(), random);
        this.tradeTimes = new Stamper(n, options.lateFraction(), options.maxLatenessNanos(), random);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Instrument s = this.instruments[i];
            sum += s.weight();
            cumulativeWeight[i] = sum;
            mid[i] = s.price();
            requote(i, 1);
        }
    }

    /**
     * {@code n} quotes and trades over {@code (from, from + span]}: the stretch cut into {@code n} equal slots, one event
     * at a random time in each, so times increase and do not fall on a grid.
     */
    void emit(long from, long span, int n) {
        long slot = Math.max(1, span / Math.max(1, n));
        for (int i = 0; i < n; i++) {
            long at = from + span * i / n + 1 + random.nextLong(slot);
            int s = pick();
            if (random.nextDouble() < tradeFraction) {
                trade(s, at);
            } else {
                quote(s, at);
            }
        }
    }

    /** An instrument drawn by activity weight. */
    int pick() {
        double r = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int i = Arrays.binarySearch(cumulativeWeight, r);
        return Math.min(i < 0 ? -i - 1 : i + 1, cumulativeWeight.length - 1);
    }

    private void quote(int s, long at) {
        Instrument inst = instruments[s];
        if (midTs[s] != 0 && at > midTs[s]) {
            double sigma = inst.volatility() * Math.sqrt((at - midTs[s]) / 1e9 / SECONDS_PER_YEAR);
            mid[s] *= Math.exp(sigma * random.nextGaussian() - 0.5 * sigma * sigma);
        }
        midTs[s] = Math.max(midTs[s], at);
        requote(s, random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2));
        int lots = inst.future() ? 100 : 20;
        double topBid = inst.lot() * (1 + random.nextInt(lots));
        double topAsk = inst.lot() * (1 + random.nextInt(lots));
        for (int k = 0; k < bidPx.length; k++) {
            bidPx[k] = inst.price(bid[s] - k);
            askPx[k] = inst.price(ask[s] + k);
            bidSz[k] = k == 0 ? topBid : inst.lot() * (1 + random.nextInt(lots * (k + 1)));
            askSz[k] = k == 0 ? topAsk : inst.lot() * (1 + random.nextInt(lots * (k + 1)));
        }
        quoteTimes.stamp(s, at);
        quotes.append(new MarketSnapshot(
                inst.symbol(),
                quoteTimes.ts,
                quoteTimes.seq,
                inst.exchange(),
                inst.price(bid[s]),
                topBid,
                inst.price(ask[s]),
                topAsk,
                lastPx[s],
                lastSz[s],
                bidPx,
                bidSz,
                askPx,
                askSz,
                quoteTimes.recvTs));
    }

    /** Bid and ask around the mid, {@code spread} ticks apart, the bid at least as deep as the book. */
    private void requote(int s, int spread) {
        Instrument inst = instruments[s];
        long b = (long) Math.floor(mid[s] * inst.ticksPerUnit() - spread / 2.0);
        bid[s] = Math.max(b, bidPx.length + 1L);
        ask[s] = bid[s] + spread;
    }

    private void trade(int s, long at) {
        Instrument inst = instruments[s];
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        double price = inst.price(side == Side.BUY ? ask[s] : bid[s]);
        double size;
        String conditions;
        if (inst.future()) {
            size = 1 + random.nextInt(random.nextDouble() < 0.9 ? 10 : 200);
            conditions = "";
        } else if (random.nextDouble() < 0.15) {
            size = 1 + random.nextInt(99);
            conditions = "@ I"; // odd lot
        } else {
            size = inst.lot() * (1 + random.nextInt(random.nextDouble() < 0.95 ? 5 : 50));
            conditions = random.nextDouble() < 0.1 ? "@ F" : "@"; // intermarket sweep, regular
        }
        lastPx[s] = price;
        lastSz[s] = size;
        tradeTimes.stamp(s, at);
        trades.append(new PublicTrade(
                inst.symbol(),
                tradeTimes.ts,
                tradeTimes.seq,
                Long.toString(nextTradeId++),
                inst.exchange(),
                price,
                size,
                side,
                conditions,
                tradeTimes.recvTs));
    }

    Instrument instrument(int s) {
        return instruments[s];
    }

    int size() {
        return instruments.length;
    }

    /** Best bid of {@code s}, in ticks. */
    long bidTicks(int s) {
        return bid[s];
    }

    /** Best ask of {@code s}, in ticks. */
    long askTicks(int s) {
        return ask[s];
    }

    /** The mark for PnL: the middle of the quoted touch. */
    double mark(int s) {
        return (bid[s] + ask[s]) / (2.0 * instruments[s].ticksPerUnit());
    }

    long lateQuotes() {
        return quoteTimes.lateRows();
    }

    long lateTrades() {
        return tradeTimes.lateRows();
    }
}
