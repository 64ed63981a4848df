package io.proxist.bench.hot;

import io.proxist.hot.ops.DoubleList;
import io.proxist.hot.ops.NumericColumn;
import io.proxist.hot.ops.RollingFn;
import io.proxist.hot.ops.RollingWindow;
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

/** Rolling 100-row avg (and max) of px over 10,000 rows of one symbol: gather once, one value per row. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class RollingAvgBench {
    private SeriesSnapshot series;
    private RollingWindow window;
    private final DoubleList out = new DoubleList(16_384);

    @Setup
    public void setUp() {
        HotStore store = HotOpsBenchData.store();
        HotTable md = HotOpsBenchData.table(store, "md");
        HotOpsBenchData.fill(md, "AAPL", 10_000, HotOpsBenchData.HOUR, new SplittableRandom(5));
        TableSnapshot snap = md.snapshot();
        series = snap.series(snap.findSeries("AAPL"));
        window = new RollingWindow(NumericColumn.of(snap.layout(), "px"), NumericColumn.of(snap.layout(), "qty"));
    }

    @Benchmark
    public double rollingAvg100Rows() {
        window.of(series, Long.MIN_VALUE, Long.MAX_VALUE);
        window.rows(100, RollingFn.AVG, out);
        return out.get(out.size() - 1);
    }

    @Benchmark
    public double rollingMax100Rows() {
        window.of(series, Long.MIN_VALUE, Long.MAX_VALUE);
        window.rows(100, RollingFn.MAX, out);
        return out.get(out.size() - 1);
    }
}
