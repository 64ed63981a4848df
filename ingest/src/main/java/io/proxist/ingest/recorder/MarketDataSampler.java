package io.proxist.ingest.recorder;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market-data sampling on the recorder thread (single-threaded): a snapshot whose best bid and ask (prices and sizes)
 * equal the last recorded one of its symbol is dropped ({@code unchanged}); with a minimum interval, a snapshot
 * closer than it to the symbol's last recorded one is dropped ({@code rate}); at sampling level k > 0 only every
 * 2^k-th snapshot of a symbol that passed the other two is kept ({@code sampled}). The level rises by one when the
 * pressure (queue or backlog usage) passes {@value #HIGH} and falls by one when it is below {@value #LOW}, at most once
 * per {@link #STEP_NANOS}, each change logged at WARN. Per-symbol state is allocated once per symbol.
 */
public final class MarketDataSampler {
    private static final Logger LOG = LoggerFactory.getLogger(MarketDataSampler.class);
    static final double HIGH = 0.5;
    static final double LOW = 0.2;
    static final int MAX_LEVEL = 6;
    static final long STEP_NANOS = 100_000_000L;

    /** Why a snapshot was not recorded. */
    public enum Verdict {
        KEEP,
        UNCHANGED,
        RATE,
        SAMPLED
    }

    private static final class State {
        double bidPx = Double.NaN, bidSz = Double.NaN, askPx = Double.NaN, askSz = Double.NaN;
        long lastTs = Long.MIN_VALUE;
        long passed;
    }

    private final Map<String, State> symbols = new HashMap<>();
    private final long minIntervalNanos;
    private volatile int level;
    private long lastStep = Long.MIN_VALUE;
    private long unchanged, rate, sampled;

    public MarketDataSampler(long minIntervalNanos) {
        this.minIntervalNanos = minIntervalNanos;
    }

    public Verdict check(MarketSnapshot s) {
        State st = symbols.get(s.symbol());
        if (st == null) symbols.put(s.symbol(), st = new State());
        if (same(st.bidPx, s.bidPx())
                && same(st.bidSz, s.bidSz())
                && same(st.askPx, s.askPx())
                && same(st.askSz, s.askSz())) {
            unchanged++;
            return Verdict.UNCHANGED;
        }
        if (minIntervalNanos > 0 && st.lastTs != Long.MIN_VALUE && s.ts() - st.lastTs < minIntervalNanos) {
            rate++;
            return Verdict.RATE;
        }
        int lv = level;
        if (lv > 0 && (st.passed++ & ((1L << lv) - 1)) != 0) {
            sampled++;
            return Verdict.SAMPLED;
        }
        st.bidPx = s.bidPx();
        st.bidSz = s.bidSz();
        st.askPx = s.askPx();
        st.askSz = s.askSz();
        st.lastTs = s.ts();
        return Verdict.KEEP;
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** Adjusts the level to the pressure (0..1) seen at {@code nowNanos}; returns the level. */
    public int pressure(double usage, long nowNanos) {
        if (lastStep != Long.MIN_VALUE && nowNanos - lastStep < STEP_NANOS) return level;
        int lv = level;
        int next = usage > HIGH ? Math.min(MAX_LEVEL, lv + 1) : usage < LOW ? Math.max(0, lv - 1) : lv;
        if (next != lv) {
            lastStep = nowNanos;
            level = next;
            if (next > lv)
                LOG.warn(
                        "market data under pressure ({}% full): sampling level {} (1 in {} snapshots per symbol)",
                        Math.round(usage * 100), next, 1 << next);
            else LOG.warn("market data pressure easing: sampling level {} (1 in {})", next, 1 << next);
        }
        return next;
    }

    public int level() {
        return level;
    }

    public long unchanged() {
        return unchanged;
    }

    public long rateLimited() {
        return rate;
    }

    public long sampled() {
        return sampled;
    }
}
