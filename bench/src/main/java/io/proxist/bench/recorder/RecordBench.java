package io.proxist.bench.recorder;

import io.proxist.ingest.recorder.PublicTrade;
import io.proxist.ingest.recorder.RecordResult;
import io.proxist.ingest.recorder.Recorder;
import io.proxist.ingest.recorder.RecorderContext;
import io.proxist.ingest.recorder.RecorderMappers;
import io.proxist.ingest.recorder.RecorderOptions;
import io.proxist.ingest.recorder.RecorderSink;
import io.proxist.ingest.recorder.RejectCounters;
import io.proxist.ingest.recorder.RejectLog;
import io.proxist.ingest.recorder.Side;
import io.proxist.schemas.SchemaCatalog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Recorder.record(event)} on the caller's thread: latency distribution (sample time, so p50/p99/p999) and,
 * with {@code -prof gc}, bytes allocated per call. The event is built once (what the caller allocates is the
 * caller's); the recorder thread maps every event into rows of trades and hands the batches to a sink that keeps
 * only the row count, so the measured path is the queue hand-off while the consumer runs concurrently. A full queue
 * answers TIMED_OUT at once here (critical wait 0); the counts at tear-down say whether that happened.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
public class RecordBench {
    private Recorder recorder;
    private final AtomicLong rows = new AtomicLong();
    private PublicTrade event;
    private long accepted, full;

    @Setup(Level.Trial)
    public void setUp() {
        SchemaCatalog catalog = SchemaCatalog.builtin();
        RecorderMappers mappers = RecorderMappers.create(
                n -> catalog.table(n).orElseThrow(),
                RecorderContext.of("bench", "bench"),
                new RejectCounters(),
                new RejectLog());
        RecorderSink sink = (table, b) -> rows.addAndGet(b.rows());
        recorder = new Recorder(
                mappers,
                t -> true,
                sink,
                new RecorderOptions(1 << 20, 4_096, Duration.ofMillis(5), Duration.ZERO, Duration.ZERO));
        event = new PublicTrade("AAPL", 1_790_000_000_000_000_000L, 1, "T1", "XNAS", 190.25, 100, Side.BUY, "@", 0);
    }

    @Benchmark
    public RecordResult record() {
        RecordResult r = recorder.record(event);
        if (r == RecordResult.ACCEPTED) accepted++;
        else full++;
        return r;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recorder.close();
        System.out.printf("%n[record] accepted %,d, queue full %,d, rows recorded %,d%n", accepted, full, rows.get());
    }
}
