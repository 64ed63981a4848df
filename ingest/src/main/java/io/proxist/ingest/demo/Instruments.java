package io.proxist.ingest.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The demo market's instruments: US equities, ETFs and CME-group futures with plausible price levels, tick sizes,
 * volatilities and activity; beyond the catalogue, synthetic tickers {@code SYN0057}, ... with random levels.
 */
final class Instruments {
    private Instruments() {}

    private static Instrument stock(String symbol, String exchange, double price, double vol, double weight) {
        return new Instrument(symbol, exchange, price, 100, vol, 100, 1, weight);
    }

    private static Instrument future(
            String symbol, String exchange, double price, int ticksPerUnit, double vol, double mult, double weight) {
        return new Instrument(symbol, exchange, price, ticksPerUnit, vol, 1, mult, weight);
    }

    /** In order of use: the default 50 cover the most active stocks, every ETF and every future. */
    static final List<Instrument> CATALOGUE = List.of(
            stock("AAPL", "XNAS", 230.00, 0.25, 8),
            stock("MSFT", "XNAS", 420.00, 0.22, 6),
            stock("NVDA", "XNAS", 140.00, 0.50, 8),
            stock("AMZN", "XNAS", 190.00, 0.30, 5),
            stock("GOOGL", "XNAS", 170.00, 0.28, 4),
            stock("META", "XNAS", 580.00, 0.35, 4),
            stock("TSLA", "XNAS", 250.00, 0.60, 7),
            stock("AVGO", "XNAS", 175.00, 0.45, 3),
            stock("AMD", "XNAS", 150.00, 0.50, 4),
            stock("NFLX", "XNAS", 720.00, 0.35, 2),
            stock("JPM", "XNYS", 220.00, 0.22, 3),
            stock("BAC", "XNYS", 42.00, 0.25, 3),
            stock("GS", "XNYS", 520.00, 0.25, 2),
            stock("V", "XNYS", 285.00, 0.18, 2),
            stock("XOM", "XNYS", 118.00, 0.22, 2),
            stock("JNJ", "XNYS", 158.00, 0.15, 1),
            stock("WMT", "XNYS", 82.00, 0.18, 2),
            stock("KO", "XNYS", 68.00, 0.14, 1),
            stock("UNH", "XNYS", 560.00, 0.25, 2),
            stock("BA", "XNYS", 160.00, 0.40, 2),
            stock("SPY", "ARCX", 580.00, 0.14, 10),
            stock("QQQ", "ARCX", 500.00, 0.18, 8),
            stock("IWM", "ARCX", 225.00, 0.22, 4),
            stock("TLT", "ARCX", 92.00, 0.15, 2),
            stock("GLD", "ARCX", 250.00, 0.14, 2),
            stock("XLF", "ARCX", 47.00, 0.18, 2),
            future("ESZ6", "XCME", 6100.00, 4, 0.16, 50, 10),
            future("NQZ6", "XCME", 22000.00, 4, 0.22, 20, 8),
            future("RTYZ6", "XCME", 2300.0, 10, 0.22, 50, 3),
            future("YMZ6", "XCBT", 44000, 1, 0.14, 5, 3),
            future("CLF7", "XNYM", 68.50, 100, 0.35, 1000, 6),
            future("NGF7", "XNYM", 3.400, 1000, 0.60, 10_000, 3),
            future("GCZ6", "XCEC", 2700.0, 10, 0.16, 100, 5),
            future("SIZ6", "XCEC", 32.000, 200, 0.28, 5000, 2),
            future("HGZ6", "XCEC", 4.5000, 2000, 0.22, 25_000, 2),
            future("ZNZ6", "XCBT", 111.0, 64, 0.06, 1000, 5),
            future("ZBZ6", "XCBT", 117.0, 32, 0.12, 1000, 3),
            future("6EZ6", "XCME", 1.0850, 20_000, 0.08, 125_000, 4),
            future("6JZ6", "XCME", 0.006650, 2_000_000, 0.10, 12_500_000, 2),
            future("ZCZ6", "XCBT", 430.00, 4, 0.22, 50, 2),
            future("ZSF7", "XCBT", 1020.00, 4, 0.18, 50, 2),
            stock("INTC", "XNAS", 23.00, 0.45, 3),
            stock("CSCO", "XNAS", 55.00, 0.20, 2),
            stock("QCOM", "XNAS", 165.00, 0.35, 2),
            stock("ADBE", "XNAS", 480.00, 0.30, 1),
            stock("PEP", "XNAS", 160.00, 0.15, 1),
            stock("COST", "XNAS", 900.00, 0.20, 1),
            stock("MS", "XNYS", 115.00, 0.25, 2),
            stock("MA", "XNYS", 510.00, 0.18, 1),
            stock("CVX", "XNYS", 152.00, 0.22, 2),
            stock("PFE", "XNYS", 28.00, 0.22, 2),
            stock("DIS", "XNYS", 98.00, 0.28, 2),
            stock("CAT", "XNYS", 370.00, 0.28, 1),
            stock("IBM", "XNYS", 215.00, 0.22, 1),
            stock("NKE", "XNYS", 78.00, 0.30, 1),
            stock("T", "XNYS", 22.00, 0.20, 1));

    /** The first {@code n} instruments: the catalogue, then synthetic ones drawn from {@code random}. */
    static List<Instrument> first(int n, SplittableRandom random) {
        List<Instrument> out = new ArrayList<>(CATALOGUE.subList(0, Math.min(n, CATALOGUE.size())));
        for (int i = out.size(); i < n; i++) {
            double price = (1_000 + random.nextInt(49_000)) / 100.0;
            double vol = 0.15 + random.nextInt(45) / 100.0;
            out.add(stock(String.format(Locale.ROOT, "SYN%04d", i + 1), "XNAS", price, vol, 1));
        }
        return out;
    }
}
