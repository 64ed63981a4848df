package io.proxist.bench.hot;

import io.proxist.hot.ops.NumericColumn;
import io.proxist.hot.ops.TumblingWindow;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableSnapshot;
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

/** 1-minute VWAP buckets over one hour of one symbol's trades (36,000 rows: 10 a second). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class TumblingVwapBench {
    private SeriesSnapshot series;
    private TumblingWindow window;

    @Setup
    public void setUp() {
        HotStore store = HotOpsBenchData.store();
        HotTable tr = HotOpsBenchData.table(store, "trades");
        HotOpsBenchData.fill(tr, "AAPL", 36_000, HotOpsBenchData.HOUR, new SplittableRandom(3));
        TableSnapshot snap = tr.snapshot();
        series = snap.series(snap.findSeries("AAPL"));
        window = new TumblingWindow(
                HotOpsBenchData.MINUTE,
                NumericColumn.of(snap.layout(), "px"),
                NumericColumn.of(snap.layout(), "qty"),
                snap.layout().seqBias());
    }

    @Benchmark
    public double vwap1MinuteOverAnHour() {
        int n = window.run(series, HotOpsBenchData.T0, HotOpsBenchData.T0 + HotOpsBenchData.HOUR);
        return window.bucket(n - 1).vwap();
    }
}
