package io.proxist.ingest.demo;

import io.proxist.core.block.Block;
import io.proxist.core.schema.TableSchema;
import io.proxist.ingest.recorder.EventMapper;
import io.proxist.ingest.recorder.RecorderContext;
import io.proxist.ingest.recorder.RecorderMappers;
import io.proxist.ingest.recorder.RecorderTable;
import io.proxist.ingest.recorder.RejectCounters;
import io.proxist.ingest.recorder.RejectLog;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic market feed for demos and load: quotes and public trades of {@link DemoOptions#symbols()} instruments
 * at {@link DemoOptions#eventsPerSecond()}, our own orders with their acks, fills, amends and cancels at {@link
 * DemoOptions#ordersPerSecond()}, and the positions the fills move; recorded through the recorder's mappers (so
 * every row passes its validation) and handed to a {@link DemoSink} as one block per table per tick.
 *
 * <p>Two ways to drive it. {@link #start()} runs it on its own thread, ticking every {@link DemoOptions#tickNanos()}
 * on a schedule of {@link System#nanoTime()} (parked between ticks, never slept) with the UTC clock's time, until
 * {@link #close()}. Or, without a thread, call {@link #tick(long)} with the times you choose: a feed is then a
 * deterministic function of its seed and those times.
 *
 * <p>A tick at {@code now} covers {@code (previous tick, now]} (at most {@value #MAX_CATCH_UP_NANOS} ns of it, so a
 * stalled feed does not burst): it emits the events due in that stretch at the configured rates, with fractions
 * carried over, stamped at times spread over it. A block the sink refuses (it threw) is counted and logged at a
 * rate-limited WARN, and the feed goes on; those rows are lost, so later fills may refer to orders whose rows were
 * refused.
 */
public final class DemoFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    /** The longest stretch one tick covers: 1 s. */
    public static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    /** The tables the feed writes, in the order of each tick's blocks. */
    public static final List<RecorderTable> TABLES = List.of(
            RecorderTable.MARKET_DATA,
            RecorderTable.TRADES,
            RecorderTable.ORDERS,
            RecorderTable.FILLS,
            RecorderTable.POSITIONS_INTRADAY);

    private static final long NONE = Long.MIN_VALUE;

    private final DemoOptions options;
    private final DemoSink sink;
    private final LongSupplier utcClock;
    private final RecorderMappers mappers;
    private final MarketSim market;
    private final OrderSim orders;
    private final RateBudget marketBudget;
    private final DemoCounters counters = new DemoCounters();
    private final FailureLog failures;
    private final List<String> symbols;
    private long lastNow = NONE;

    private final Object lifecycle = new Object();
    private volatile Thread thread;
    private volatile boolean running;
    private boolean closed;
    private volatile Throwable failure;

    /** A feed on the system's UTC clock. */
    public DemoFeed(DemoOptions options, Function<String, TableSchema> schemas, DemoSink sink) {
        this(options, schemas, sink, RecorderContext.systemClock());
    }

    /**
     * @param schemas the logical schema of a table by name (e.g. {@code n ->
     *     SchemaCatalog.builtin().table(n).orElseThrow()}); the mappers bind to it and fail here if it does not fit
     * @param sink receives every block, on the feed's thread (or the caller's, for {@link #tick})
     * @param utcClock UTC nanoseconds now, read once per tick by the feed's thread
     */
    public DemoFeed(DemoOptions options, Function<String, TableSchema> schemas, DemoSink sink, LongSupplier utcClock) {
        this.options = options;
        this.sink = sink;
        this.utcClock = utcClock;
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Instrument> instruments = Instruments.first(options.symbols(), random.split());
        this.mappers = RecorderMappers.create(
                schemas,
                new RecorderContext(
                        options.source(),
                        options.environment(),
                        RecorderContext.DEFAULT_SKEW_TOLERANCE_NANOS,
                        utcClock),
                new RejectCounters(),
                new RejectLog());
        this.market = new MarketSim(instruments, options, random.split(), mappers.marketData(), mappers.trades());
        this.orders =
                new OrderSim(market, options, random.split(), mappers.orders(), mappers.fills(), mappers.positions());
        this.marketBudget = new RateBudget(options.eventsPerSecond());
        this.failures = new FailureLog(FailureLog.DEFAULT_INTERVAL_NANOS, System::nanoTime);
        List<String> names = new ArrayList<>();
        for (Instrument i : instruments) names.add(i.symbol());
        this.symbols = List.copyOf(names);
    }

    /**
     * Emits what is due up to {@code nowUtcNanos} and hands one block per table with rows to the sink. The first tick
     * covers one tick period; a time not after the previous tick's emits nothing. Only for a feed not {@linkplain
     * #start() started} (its thread calls this itself).
     */
    public void tick(long nowUtcNanos) {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            throw new IllegalStateException("the demo feed runs on its own thread: tick() is for a feed not started");
        }
        if (nowUtcNanos < EventMapper.MIN_TIMESTAMP || nowUtcNanos >= EventMapper.MAX_TIMESTAMP) {
            throw new IllegalArgumentException("tick time out of range [nowUtcNanos=" + nowUtcNanos + "]");
        }
        if (lastNow == NONE) lastNow = nowUtcNanos - options.tickNanos();
        long elapsed = nowUtcNanos - lastNow;
        if (elapsed <= 0) return;
        lastNow = nowUtcNanos;
        long span = Math.min(elapsed, MAX_CATCH_UP_NANOS);
        long from = nowUtcNanos - span;
        market.emit(from, span, marketBudget.take(span));
        orders.tick(from, span);
        counters.late(RecorderTable.MARKET_DATA, market.lateQuotes());
        counters.late(RecorderTable.TRADES, market.lateTrades());
        publish();
    }

    private void publish() {
        for (RecorderTable t : TABLES) {
            EventMapper<?> m = mappers.mapper(t);
            if (m.rows() == 0) continue;
            Block b = m.build();
            counters.emitted(t, b.rows());
            try {
                sink.insert(t.tableName(), b);
            } catch (RuntimeException e) {
                counters.refused(b.rows());
                failures.refused(t.tableName(), b.rows(), e);
            }
        }
    }

    /** Starts the feed's thread. A feed starts once. */
    public void start() {
        synchronized (lifecycle) {
            if (closed) throw new IllegalStateException("demo feed closed");
            if (thread != null) throw new IllegalStateException("demo feed already started");
            running = true;
            Thread t = Thread.ofPlatform().name("proxist-demo-feed").daemon().unstarted(this::run);
            thread = t;
            t.start();
        }
        LOG.info(
                "demo feed started [symbols={}, eventsPerSecond={}, ordersPerSecond={}, tickNanos={}, seed={}]",
                options.symbols(),
                options.eventsPerSecond(),
                options.ordersPerSecond(),
                options.tickNanos(),
                options.seed());
    }

    private void run() {
        long period = options.tickNanos();
        long next = System.nanoTime();
        try {
            while (running) {
                next += period;
                for (long wait = next - System.nanoTime(); running && wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(this, wait);
                }
                if (!running) break;
                tick(utcClock.getAsLong());
                long behind = System.nanoTime() - next;
                if (behind > period) next += behind - behind % period; // skip missed ticks: the next covers them
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("demo feed stopped by an unexpected failure", e);
        }
    }

    /**
     * Stops the feed's thread and waits for it to end (after the block it may be handing to the sink). Idempotent;
     * a closed feed does not start again.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            running = false;
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) return;
        LockSupport.unpark(t);
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        LOG.info("demo feed stopped [rows={}, sinkFailures={}]", counters.rows(), counters.sinkFailures());
    }

    /** Whether the feed's thread is alive. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** What stopped the feed's thread other than {@link #close()}, or null. */
    public Throwable failure() {
        return failure;
    }

    public DemoOptions options() {
        return options;
    }

    public DemoCounters counters() {
        return counters;
    }

    /** Events the recorder's mappers rejected (none, unless the feed has a bug). */
    public RejectCounters rejects() {
        return mappers.counters();
    }

    /** The quoted instruments' symbols. */
    public List<String> symbols() {
        return symbols;
    }
}
