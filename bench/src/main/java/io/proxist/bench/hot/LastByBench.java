package io.proxist.bench.hot;

import io.proxist.hot.ops.LastBy;
import io.proxist.hot.ops.LastByAll;
import io.proxist.hot.ops.NumericColumn;
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

/**
 * Last-by over 1,000 symbols x 10,000 rows (10 M rows, one hour): the row in force at a point in time for one
 * symbol ({@link LastBy#lastAtOrBefore}) and for all symbols with px and qty materialised ({@link LastByAll}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class LastByBench {
    private TableSnapshot snap;
    private SeriesSnapshot one;
    private LastByAll all;
    private long t;

    @Setup
    public void setUp() {
        HotStore store = HotOpsBenchData.store();
        HotTable table = HotOpsBenchData.table(store, "md");
        SplittableRandom rnd = new SplittableRandom(42);
        for (int s = 0; s < 1000; s++) HotOpsBenchData.fill(table, "S" + s, 10_000, HotOpsBenchData.HOUR, rnd);
        snap = table.snapshot();
        one = snap.series(snap.findSeries("S500"));
        all = new LastByAll(NumericColumn.of(snap.layout(), "px"), NumericColumn.of(snap.layout(), "qty"));
        t = HotOpsBenchData.T0 + HotOpsBenchData.HOUR / 2;
    }

    @Benchmark
    public long lastByOneSymbol() {
        t += 7; // a moving point in time, within the same minute
        return LastBy.lastAtOrBefore(one, t);
    }

    @Benchmark
    public int lastByAllSymbols() {
        return all.run(snap, LastByAll.Pick.LAST_AT_OR_BEFORE, t);
    }
}
