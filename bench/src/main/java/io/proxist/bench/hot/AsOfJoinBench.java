package io.proxist.bench.hot;

import io.proxist.hot.ops.AsOfJoin;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.SeriesSnapshot;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ASOF join of 100 trades of one symbol (within one minute) with its market data (100,000 quotes over an hour):
 * one binary search, then a merge walk. Inner and LEFT with a 1 s tolerance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class AsOfJoinBench {
    private SeriesSnapshot trades;
    private SeriesSnapshot quotes;
    private final AsOfJoin inner = new AsOfJoin(false, AsOfJoin.NO_TOLERANCE);
    private final AsOfJoin leftTol = new AsOfJoin(true, HotOpsBenchData.SECOND);
    private long from;
    private long to;

    @Setup
    public void setUp() {
        HotStore store = HotOpsBenchData.store();
        HotTable md = HotOpsBenchData.table(store, "md");
        HotTable tr = HotOpsBenchData.table(store, "trades");
        SplittableRandom rnd = new SplittableRandom(7);
        HotOpsBenchData.fill(md, "AAPL", 100_000, HotOpsBenchData.HOUR, rnd);
        HotOpsBenchData.fill(tr, "AAPL", 6_000, HotOpsBenchData.HOUR, rnd); // 100 trades a minute
        quotes = md.snapshot().series(md.snapshot().findSeries("AAPL"));
        trades = tr.snapshot().series(tr.snapshot().findSeries("AAPL"));
        from = HotOpsBenchData.T0 + 30 * HotOpsBenchData.MINUTE;
        to = from + HotOpsBenchData.MINUTE;
    }

    @Benchmark
    public int asofInner100Trades() {
        return inner.run(trades, from, to, quotes);
    }

    @Benchmark
    public int asofLeftTolerance100Trades() {
        return leftTol.run(trades, from, to, quotes);
    }
}
