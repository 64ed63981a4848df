package io.proxist.ingest;

import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalBudgetExceededException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The owned tables of one Proxist: for each, its {@link IngestTable} (WAL, hot store, watermark) and
 * {@link TablePolicy}, the hand-off of acknowledged rows to the flusher ({@link BatchSink}), confirmations
 * ({@link #confirmed}), the budgets (a table's unpersisted rows, the WAL's size) and what happens past them.
 *
 * <p>{@link #awaitPersisted} is the read barrier queries on owned tables use until the seam planner serves the
 * recent part from memory: it waits until every row acknowledged before the call is confirmed in ClickHouse, so a
 * query passed through afterwards sees it (read-after-write), at the cost of the flush latency.
 */
public final class IngestService {
    /** Where acknowledged rows go to be persisted: the flusher, in the server. */
    public interface BatchSink {
        /**
         * Rows of the WAL record at {@code lsn}, to persist; confirmed later through {@link #confirmed}.
         * {@code recovered}: replayed after a restart, so possibly in ClickHouse already (check before sending).
         */
        void submit(String table, long lsn, Block rows, boolean recovered);
    }

    /** Counters and state of one table, for status and metrics. */
    public record TableStats(
            String table,
            TablePolicy policy,
            long insertedRows,
            long duplicateRows,
            long droppedRows,
            long refusedInserts,
            long pendingRows,
            long watermark,
            long confirmedLsn) {}

    /** Per table: the policy, the unconfirmed records (position, rows) and the counters. */
    private static final class State {
        /** Replaced whole by {@link #updatePolicy}; every insert reads it once. */
        volatile TablePolicy policy;

        final ArrayDeque<long[]> unconfirmed = new ArrayDeque<>();
        long pendingRows;
        long lastAcked;
        final AtomicLong inserted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        /** The smallest time among the rows handed to the flusher since start (Long.MAX_VALUE: none). */
        final AtomicLong minTs = new AtomicLong(Long.MAX_VALUE);

        State(TablePolicy policy) {
            this.policy = policy;
        }
    }

    private final Map<String, IngestTable> tables = new LinkedHashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final BatchSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();

    /**
     * @param schemas every table of the catalogue, in its order: a table's WAL id is its position here, so tables are
     *     only ever appended to the catalogue
     * @param policies the owned tables and their policies; the tables not named are not owned
     * @param stored each owned table's watermark as last stored (absent: a new table)
     */
    public IngestService(
            Wal wal,
            HotStore store,
            Iterable<TableSchema> schemas,
            Map<String, TablePolicy> policies,
            Map<String, WatermarkTracker.Version> stored,
            BatchSink sink) {
        this.sink = sink;
        int id = 0;
        for (TableSchema s : schemas) {
            id++;
            TablePolicy p = policies.get(s.name());
            if (p == null) continue;
            WatermarkTracker.Version v = stored.getOrDefault(s.name(), new WatermarkTracker.Version(Long.MIN_VALUE, 0));
            IngestTable t = new IngestTable(
                    id,
                    store.create(s, HotTableOptions.DEFAULT.withMemoryBudget(p.hotMemoryBytes())),
                    wal,
                    p.durability(),
                    new WatermarkTracker(v.watermark(), v.confirmedLsn()),
                    "ts");
            tables.put(s.name(), t);
            State st = new State(p);
            st.lastAcked = v.confirmedLsn();
            states.put(s.name(), st);
        }
    }

    /** Shorthand: each table in {@code durability} owned with its default policy at that durability, new. */
    public static IngestService withDurability(
            Wal wal,
            HotStore store,
            Iterable<TableSchema> schemas,
            Map<String, Durability> durability,
            BatchSink sink) {
        return new IngestService(wal, store, schemas, withDurability(durability), Map.of(), sink);
    }

    private static Map<String, TablePolicy> withDurability(Map<String, Durability> durability) {
        Map<String, TablePolicy> m = new LinkedHashMap<>();
        durability.forEach((t, d) -> m.put(t, TablePolicy.defaultFor(t).withDurability(d)));
        return m;
    }

    public boolean manages(String table) {
        return tables.containsKey(table);
    }

    /** The owned tables' names, in catalogue order. */
    public Set<String> tableNames() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    public IngestTable table(String name) {
        IngestTable t = tables.get(name);
        if (t == null)
            throw new ProxistException(ErrorCode.UNKNOWN_TABLE, "Table " + name + " is not managed by Proxist");
        return t;
    }

    public TablePolicy policy(String table) {
        table(table);
        return states.get(table).policy;
    }

    /** The policy fields a running table takes at once; the others shape structures built at start. */
    public static final java.util.Set<String> LIVE_POLICY_FIELDS =
            java.util.Set.of("critical", "hot-window-ms", "max-pending-rows");

    /**
     * Applies a table's new policy at once. Only {@link #LIVE_POLICY_FIELDS} may differ: what happens past the budget
     * (read by every insert), the hot window (read by every maintenance pass) and the budget itself.
     *
     * @throws IllegalArgumentException naming the fields that cannot change while the table runs
     */
    public void updatePolicy(String table, TablePolicy next) {
        table(table);
        State s = states.get(table);
        TablePolicy now = s.policy;
        java.util.List<String> fixed = new java.util.ArrayList<>();
        if (now.durability() != next.durability()) fixed.add("durability (the WAL records of the table)");
        if (now.flushRows() != next.flushRows()) fixed.add("flush-rows (the flusher's batch sizes)");
        if (!now.flushInterval().equals(next.flushInterval())) fixed.add("flush-interval-ms (the flusher's)");
        if (now.hotMemoryBytes() != next.hotMemoryBytes()) fixed.add("hot-memory-mb (the hot table's budget)");
        if (!fixed.isEmpty())
            throw new IllegalArgumentException(table + ": " + String.join(", ", fixed)
                    + " cannot change while Proxist runs: set it in the configuration file and restart");
        s.policy = next;
    }

    /** Replays the WAL into every table and hands the unconfirmed records to the flusher again. */
    public void recover(long fromPosition) {
        for (Map.Entry<String, IngestTable> e : tables.entrySet()) {
            String name = e.getKey();
            e.getValue().replay(fromPosition, (lsn, rows) -> {
                noteAcked(name, lsn, rows.rows());
                noteMinTs(e.getValue(), states.get(name), rows);
                sink.submit(name, lsn, rows, true);
            });
        }
    }

    /**
     * One INSERT into an owned table; returns once it is acknowledged (durable per policy, visible). Past the table's
     * budget (unpersisted rows) or the WAL's, a critical table refuses it (LIMIT_EXCEEDED or NOT_ENOUGH_SPACE) and a
     * best-effort table drops its rows, counted, and returns {@code lsn = -1}.
     */
    public IngestTable.Inserted insert(String table, Block rows) {
        IngestTable t = table(table);
        State s = states.get(table);
        long pending;
        lock.lock();
        try {
            pending = s.pendingRows;
        } finally {
            lock.unlock();
        }
        if (pending + rows.rows() > s.policy.maxPendingRows()) {
            return overflow(
                    table,
                    s,
                    rows,
                    new ProxistException(
                            ErrorCode.LIMIT_EXCEEDED,
                            "Table " + table + " holds " + pending + " rows not yet in ClickHouse, its limit is "
                                    + s.policy.maxPendingRows() + " (max-pending-rows): ClickHouse is down or slow;"
                                    + " the INSERT is refused, retry later"));
        }
        // the table's lock (IngestTable#insert's) over the hand-off too: the flusher gets records in WAL order
        synchronized (t) {
            IngestTable.Inserted r;
            try {
                r = t.insert(rows);
            } catch (WalBudgetExceededException e) {
                return overflow(table, s, rows, e);
            } catch (RuntimeException e) {
                s.refused.incrementAndGet();
                throw e;
            }
            s.duplicates.addAndGet(r.duplicates());
            if (r.lsn() >= 0) {
                s.inserted.addAndGet(r.newRows());
                noteAcked(table, r.lsn(), r.newRows());
                long minTs = noteMinTs(t, s, r.rows());
                sink.submit(table, r.lsn(), r.rows(), belowEvictionBound(t, minTs));
            }
            return r;
        }
    }

    /** Records the smallest time among rows handed to the flusher; returns it (Long.MAX_VALUE: no rows). */
    private static long noteMinTs(IngestTable t, State s, Block rows) {
        if (rows == null || rows.rows() == 0) return Long.MAX_VALUE;
        int ts = rows.names()
                .indexOf(t.hot().layout().column(t.hot().layout().tsColumn()).name());
        if (ts < 0) return Long.MAX_VALUE;
        long[] v = ((io.proxist.core.block.LongColumn) rows.column(ts)).values();
        long min = Long.MAX_VALUE;
        for (int i = 0; i < rows.rows(); i++) min = Math.min(min, v[i]);
        s.minTs.accumulateAndGet(min, Math::min);
        return min;
    }

    /**
     * The smallest time among the rows this process handed to ClickHouse (acknowledged or replayed), or
     * Long.MAX_VALUE: with what ClickHouse held at start, a lower bound of what it can hold.
     */
    public long minHandedOffTs(String table) {
        table(table);
        return states.get(table).minTs.get();
    }

    /**
     * Whether rows of an acknowledged INSERT lie below the table's eviction bound (read after the insert, under
     * the table's lock, so it covers every eviction before it). Such a row may be a client's retry of a row that
     * memory no longer holds, so dedup could not see it: the flusher asks ClickHouse for those keys before sending,
     * and a retry is not stored twice.
     */
    private static boolean belowEvictionBound(IngestTable t, long minTs) {
        long bound = t.hot().snapshot().evictedBelow();
        return bound != Long.MIN_VALUE && minTs < bound;
    }

    private IngestTable.Inserted overflow(String table, State s, Block rows, ProxistException why) {
        if (s.policy.critical()) {
            s.refused.incrementAndGet();
            throw why;
        }
        s.dropped.addAndGet(rows.rows());
        return new IngestTable.Inserted(-1, null, 0, 0);
    }

    private void noteAcked(String table, long lsn, int rows) {
        State s = states.get(table);
        lock.lock();
        try {
            s.lastAcked = Math.max(s.lastAcked, lsn);
            s.unconfirmed.addLast(new long[] {lsn, rows});
            s.pendingRows += rows;
        } finally {
            lock.unlock();
        }
    }

    /** The flusher persisted {@code table}'s records up to {@code lsn}. Returns the table's new watermark version. */
    public WatermarkTracker.Version confirmed(String table, long lsn) {
        WatermarkTracker.Version v = table(table).watermark().confirmed(lsn);
        State s = states.get(table);
        lock.lock();
        try {
            while (!s.unconfirmed.isEmpty() && s.unconfirmed.peekFirst()[0] <= lsn) {
                s.pendingRows -= s.unconfirmed.pollFirst()[1];
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        return v;
    }

    /**
     * The WAL position below which no owned table needs a record any more (every record below it is confirmed, or
     * belongs to no table that writes the WAL): what the WAL may delete up to, as far as persistence goes.
     */
    public long walPositionConfirmedBelow(long walEnd) {
        long min = walEnd;
        lock.lock();
        try {
            for (Map.Entry<String, State> e : states.entrySet()) {
                if (tables.get(e.getKey()).durability() == Durability.MEMORY) continue;
                long[] first = e.getValue().unconfirmed.peekFirst();
                if (first != null) min = Math.min(min, first[0]);
            }
        } finally {
            lock.unlock();
        }
        return min;
    }

    public TableStats stats(String table) {
        IngestTable t = table(table);
        State s = states.get(table);
        long pending;
        lock.lock();
        try {
            pending = s.pendingRows;
        } finally {
            lock.unlock();
        }
        WatermarkTracker.Version v = t.watermark().version();
        return new TableStats(
                table,
                s.policy,
                s.inserted.get(),
                s.duplicates.get(),
                s.dropped.get(),
                s.refused.get(),
                pending,
                v.watermark(),
                v.confirmedLsn());
    }

    /**
     * Waits until every row of {@code table} acknowledged before this call is confirmed in ClickHouse.
     *
     * @throws ProxistException TIMEOUT_EXCEEDED when that takes longer than {@code timeout} (ClickHouse down)
     */
    public void awaitPersisted(String table, Duration timeout) {
        State s = states.get(table);
        long target;
        lock.lock();
        try {
            target = s.lastAcked;
        } finally {
            lock.unlock();
        }
        awaitPersisted(table, target, timeout);
    }

    /**
     * Waits until the rows of the table committed at or below WAL position {@code target} are confirmed in
     * ClickHouse (what the seam needs for the rows memory still holds below it).
     *
     * @throws ProxistException TIMEOUT_EXCEEDED when that takes longer than {@code timeout}
     */
    public void awaitPersisted(String table, long target, Duration timeout) {
        IngestTable t = table(table);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (t.watermark().version().confirmedLsn() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProxistException(
                            ErrorCode.TIMEOUT_EXCEEDED,
                            "Rows of " + table + " acknowledged up to position " + target
                                    + " are not yet in ClickHouse after " + timeout.toMillis() + " ms");
                }
                progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxistException(ErrorCode.QUERY_WAS_CANCELLED, "interrupted while waiting for " + table);
        } finally {
            lock.unlock();
        }
    }
}
