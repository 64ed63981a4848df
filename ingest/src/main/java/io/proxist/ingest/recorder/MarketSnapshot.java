package io.proxist.ingest.recorder;

import java.util.Arrays;
import java.util.Objects;

/**
 * A quote update of one instrument (table {@code market_data}): top of book, the last trade when the feed carries
 * it (0 when absent), and the L2 depth, best level first, price and size arrays aligned. Top-of-book-only feeds pass
 * empty arrays ({@link #topOfBook}). The arrays are copied in and out, so the event is immutable; the mapper reads
 * them in place.
 *
 * @param ts exchange timestamp, UTC nanoseconds
 * @param recvTs when the recorder (or the producer's receiving thread) saw the update, UTC nanoseconds; 0 = stamp
 *     on record
 */
public record MarketSnapshot(
        String symbol,
        long ts,
        long seq,
        String exchange,
        double bidPx,
        double bidSz,
        double askPx,
        double askSz,
        double lastPx,
        double lastSz,
        double[] bidPxLevels,
        double[] bidSzLevels,
        double[] askPxLevels,
        double[] askSzLevels,
        long recvTs) {

    private static final double[] NONE = new double[0];

    public MarketSnapshot {
        bidPxLevels = copy(bidPxLevels);
        bidSzLevels = copy(bidSzLevels);
        askPxLevels = copy(askPxLevels);
        askSzLevels = copy(askSzLevels);
    }

    /** A snapshot without depth levels and without a last trade. */
    public static MarketSnapshot topOfBook(
            String symbol,
            long ts,
            long seq,
            String exchange,
            double bidPx,
            double bidSz,
            double askPx,
            double askSz,
            long recvTs) {
        return new MarketSnapshot(
                symbol, ts, seq, exchange, bidPx, bidSz, askPx, askSz, 0, 0, NONE, NONE, NONE, NONE, recvTs);
    }

    private static double[] copy(double[] a) {
        return a == null ? null : a.length == 0 ? NONE : a.clone();
    }

    @Override
    public double[] bidPxLevels() {
        return copy(bidPxLevels);
    }

    @Override
    public double[] bidSzLevels() {
        return copy(bidSzLevels);
    }

    @Override
    public double[] askPxLevels() {
        return copy(askPxLevels);
    }

    @Override
    public double[] askSzLevels() {
        return copy(askSzLevels);
    }

    // In-place views for the mapper, which only reads them.
    double[] bidPxView() {
        return bidPxLevels;
    }

    double[] bidSzView() {
        return bidSzLevels;
    }

    double[] askPxView() {
        return askPxLevels;
    }

    double[] askSzView() {
        return askSzLevels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarketSnapshot m
                && Objects.equals(symbol, m.symbol)
                && ts == m.ts
                && seq == m.seq
                && Objects.equals(exchange, m.exchange)
                && Double.compare(bidPx, m.bidPx) == 0
                && Double.compare(bidSz, m.bidSz) == 0
                && Double.compare(askPx, m.askPx) == 0
                && Double.compare(askSz, m.askSz) == 0
                && Double.compare(lastPx, m.lastPx) == 0
                && Double.compare(lastSz, m.lastSz) == 0
                && Arrays.equals(bidPxLevels, m.bidPxLevels)
                && Arrays.equals(bidSzLevels, m.bidSzLevels)
                && Arrays.equals(askPxLevels, m.askPxLevels)
                && Arrays.equals(askSzLevels, m.askSzLevels)
                && recvTs == m.recvTs;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(symbol, ts, seq, exchange, bidPx, bidSz, askPx, askSz, lastPx, lastSz, recvTs);
        h = 31 * h + Arrays.hashCode(bidPxLevels);
        h = 31 * h + Arrays.hashCode(bidSzLevels);
        h = 31 * h + Arrays.hashCode(askPxLevels);
        return 31 * h + Arrays.hashCode(askSzLevels);
    }

    @Override
    public String toString() {
        return "MarketSnapshot[symbol=" + symbol + ", ts=" + ts + ", seq=" + seq + ", exchange=" + exchange
                + ", bid=" + bidSz + "@" + bidPx + ", ask=" + askSz + "@" + askPx + ", last=" + lastSz + "@" + lastPx
                + ", bidLevels=" + Arrays.toString(bidPxLevels) + "/" + Arrays.toString(bidSzLevels)
                + ", askLevels=" + Arrays.toString(askPxLevels) + "/" + Arrays.toString(askSzLevels)
                + ", recvTs=" + recvTs + "]";
    }
}
