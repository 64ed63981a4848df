package io.proxist.ingest.recorder;

import io.proxist.core.block.Block;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process recorder API for JVM trading systems: {@link #record} hands an event to its table's bounded queue and
 * returns at once (a critical table whose queue is full waits at most {@link RecorderOptions#criticalWait}), without
 * allocating: the queues are JCTools' lock-free multi-producer arrays, the result an enum. One recorder thread (the
 * single writer of every mapper) drains the queues, samples market data ({@link MarketDataSampler}), maps events to
 * rows (rejecting bad ones whole, counted) and hands batches of up to {@link RecorderOptions#batchRows} rows to the
 * {@link RecorderSink}: the ingest path, where they are acknowledged per the table's durability.
 *
 * <p>Full queues: a best-effort table (market_data, system_events) drops the new event, counted ({@link
 * RecordResult#DROPPED}; "drop oldest" would need a second consumer on the queue); a critical table returns {@link
 * RecordResult#TIMED_OUT} after the bound, counted, and the caller decides. A batch the sink refuses (a critical
 * table past its budget) is kept and offered again, so the queue fills and callers see TIMED_OUT: critical rows are
 * never dropped. {@link #close} stops taking events, drains everything and stops the thread.
 */
public final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final long RETRY_NANOS = 100_000_000L;
    private static final long PRESSURE_NANOS = 10_000_000L;

    /** One table's queue, its mapper, counters and the batch in progress. */
    private static final class Lane {
        final RecorderTable table;
        final boolean critical;
        final MpscArrayQueue<Object> queue;
        final EventMapper<Object> mapper;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        volatile long recorded;
        volatile long sampledOut;
        long batchStarted;
        Block pending; // a batch the sink refused, offered again first
        long refusedAt;

        @SuppressWarnings("unchecked")
        Lane(RecorderTable table, boolean critical, int capacity, EventMapper<?> mapper) {
            this.table = table;
            this.critical = critical;
            this.queue = new MpscArrayQueue<>(capacity);
            this.mapper = (EventMapper<Object>) mapper;
        }
    }

    private final Lane[] lanes;
    private final RecorderSink sink;
    private final RecorderOptions options;
    private final MarketDataSampler sampler;
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean stopped;

    /**
     * @param critical whether a table is critical (never dropped): in the server, the table's ingest policy
     */
    public Recorder(RecorderMappers mappers, Predicate<String> critical, RecorderSink sink, RecorderOptions options) {
        this(mappers, t -> true, critical, sink, options);
    }

    /**
     * @param owned whether a table is recorded here (events of the others are answered {@link
     *     RecordResult#UNKNOWN_EVENT})
     */
    public Recorder(
            RecorderMappers mappers,
            Predicate<String> owned,
            Predicate<String> critical,
            RecorderSink sink,
            RecorderOptions options) {
        this.sink = sink;
        this.options = options;
        this.sampler = new MarketDataSampler(options.minSnapshotInterval().toNanos());
        RecorderTable[] tables = RecorderTable.values();
        lanes = new Lane[tables.length];
        for (RecorderTable t : tables)
            if (owned.test(t.tableName()))
                lanes[t.ordinal()] =
                        new Lane(t, critical.test(t.tableName()), options.queueCapacity(), mappers.mapper(t));
        thread = Thread.ofPlatform().name("proxist-recorder").daemon().unstarted(this::run);
        thread.start();
    }

    /** Records one event; never blocks beyond the critical bound, never throws for a full queue. */
    public RecordResult record(Object event) {
        RecorderTable t = tableOf(event);
        if (t == null) return RecordResult.UNKNOWN_EVENT;
        Lane lane = lanes[t.ordinal()];
        if (lane == null) return RecordResult.UNKNOWN_EVENT;
        if (closing) return RecordResult.CLOSED;
        if (lane.queue.offer(event)) {
            lane.accepted.incrementAndGet();
            return RecordResult.ACCEPTED;
        }
        if (!lane.critical) {
            lane.dropped.incrementAndGet();
            return RecordResult.DROPPED;
        }
        long deadline = System.nanoTime() + options.criticalWait().toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (closing) return RecordResult.CLOSED;
            LockSupport.parkNanos(20_000); // backpressure: the bounded wait the table's policy allows
            if (lane.queue.offer(event)) {
                lane.accepted.incrementAndGet();
                return RecordResult.ACCEPTED;
            }
        }
        lane.timedOut.incrementAndGet();
        return RecordResult.TIMED_OUT;
    }

    private static RecorderTable tableOf(Object e) {
        return switch (e) {
            case MarketSnapshot x -> RecorderTable.MARKET_DATA;
            case PublicTrade x -> RecorderTable.TRADES;
            case OrderEvent x -> RecorderTable.ORDERS;
            case Fill x -> RecorderTable.FILLS;
            case PositionSnapshot x -> RecorderTable.POSITIONS_INTRADAY;
            case AccountSnapshot x -> RecorderTable.ACCOUNT_STATE;
            case RiskDecision x -> RecorderTable.RISK_DECISIONS;
            case GuardrailTransition x -> RecorderTable.GUARDRAIL_TRANSITIONS;
            case SystemEvent x -> RecorderTable.SYSTEM_EVENTS;
            case null, default -> null;
        };
    }

    // ---------------------------------------------------------------- the recorder thread

    private void run() {
        int idle = 0;
        long lastPressure = Long.MIN_VALUE / 2;
        while (true) {
            boolean closingNow = closing;
            int work = 0;
            long now = System.nanoTime();
            for (Lane lane : lanes) if (lane != null) work += drain(lane, now, closingNow);
            if (now - lastPressure >= PRESSURE_NANOS) {
                lastPressure = now;
                Lane md = lanes[RecorderTable.MARKET_DATA.ordinal()];
                if (md != null) {
                    double usage = md.queue.size() / (double) md.queue.capacity();
                    sampler.pressure(Math.max(usage, sink.backlog(RecorderTable.MARKET_DATA.tableName())), now);
                }
            }
            if (closingNow && work == 0 && empty()) break;
            if (work > 0) idle = 0;
            else if (++idle > 100) LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(Math.min(1_000, idle)));
            else Thread.onSpinWait();
        }
        stopped = true;
    }

    private boolean empty() {
        for (Lane l : lanes)
            if (l != null && (!l.queue.isEmpty() || l.mapper.rows() > 0 || l.pending != null)) return false;
        return true;
    }

    /** Moves queued events into the lane's batch and sends it when full, old enough, or closing; returns the work. */
    private int drain(Lane lane, long now, boolean closingNow) {
        if (lane.pending != null) {
            // a refused batch is offered again every RETRY_NANOS; meanwhile the queue fills and callers see it
            if (now - lane.refusedAt < RETRY_NANOS) return 0;
            if (!send(lane, lane.pending)) {
                lane.refusedAt = now;
                return 0;
            }
            lane.pending = null;
        }
        int work = 0;
        Object e;
        while (lane.mapper.rows() < options.batchRows() && (e = lane.queue.poll()) != null) {
            work++;
            if (lane.mapper.rows() == 0) lane.batchStarted = now;
            if (e instanceof MarketSnapshot s && sampler.check(s) != MarketDataSampler.Verdict.KEEP) {
                lane.sampledOut++;
                continue;
            }
            lane.mapper.append(e); // a bad event is rejected whole, counted and logged by the mapper
        }
        int rows = lane.mapper.rows();
        boolean due = rows >= options.batchRows()
                || (rows > 0
                        && (closingNow
                                || lane.queue.isEmpty()
                                || now - lane.batchStarted
                                        >= options.flushInterval().toNanos()));
        if (due) {
            Block b = lane.mapper.build();
            if (!send(lane, b)) {
                lane.pending = b;
                lane.refusedAt = now;
            }
            work++;
        }
        return work;
    }

    private boolean send(Lane lane, Block b) {
        try {
            sink.insert(lane.table.tableName(), b);
            lane.recorded += b.rows();
            return true;
        } catch (RuntimeException ex) {
            if (!lane.critical) {
                LOG.warn("recorder: {} rows of {} not recorded: {}", b.rows(), lane.table.tableName(), ex.toString());
                return true; // best effort: the ingest path counted what it dropped
            }
            LOG.warn("recorder: {} refused {} rows, keeping them: {}", lane.table.tableName(), b.rows(), ex.toString());
            return false;
        }
    }

    /** Stops taking events, records everything queued, and stops the recorder thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- counters

    /** Per table: accepted, dropped at a full queue, timed out, rows recorded, snapshots sampled out, queued now. */
    public Map<String, long[]> counters() {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (Lane l : lanes)
            if (l != null)
                out.put(l.table.tableName(), new long[] {
                    l.accepted.get(), l.dropped.get(), l.timedOut.get(), l.recorded, l.sampledOut, l.queue.size()
                });
        return out;
    }

    /** How full a table's queue is, 0 to 1. */
    public double queueUsage(String table) {
        for (Lane l : lanes)
            if (l != null && l.table.tableName().equals(table)) return l.queue.size() / (double) l.queue.capacity();
        return 0;
    }

    public MarketDataSampler sampler() {
        return sampler;
    }

    public boolean stopped() {
        return stopped;
    }
}
