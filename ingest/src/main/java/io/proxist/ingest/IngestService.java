package io.proxist.ingest;

import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The managed tables of one Proxist: for each, its {@link IngestTable} (WAL, hot store, watermark), and the hand-off
 * of acknowledged rows to the flusher ({@link BatchSink}); confirmations come back through {@link #confirmed}.
 *
 * <p>{@link #awaitPersisted} is the read barrier queries on managed tables use until the seam planner serves the
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

    private final Map<String, IngestTable> tables = new LinkedHashMap<>();
    private final Map<String, Long> lastAcked = new LinkedHashMap<>();
    private final BatchSink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();

    /**
     * @param durability each managed table's policy, by name; the tables not named are not managed
     * @param tsColumn each table's time column (ts)
     */
    public IngestService(
            Wal wal,
            HotStore store,
            Iterable<TableSchema> schemas,
            Map<String, Durability> durability,
            Map<String, String> tsColumn,
            BatchSink sink) {
        this.sink = sink;
        int id = 1;
        for (TableSchema s : schemas) {
            Durability d = durability.get(s.name());
            if (d == null) continue;
            IngestTable t = new IngestTable(
                    id++,
                    store.create(s, HotTableOptions.DEFAULT),
                    wal,
                    d,
                    new WatermarkTracker(Long.MIN_VALUE, 0),
                    tsColumn.getOrDefault(s.name(), "ts"));
            tables.put(s.name(), t);
            lastAcked.put(s.name(), 0L);
        }
    }

    public boolean manages(String table) {
        return tables.containsKey(table);
    }

    public IngestTable table(String name) {
        IngestTable t = tables.get(name);
        if (t == null)
            throw new ProxistException(ErrorCode.UNKNOWN_TABLE, "Table " + name + " is not managed by Proxist");
        return t;
    }

    /** Replays the WAL into every table and hands the unconfirmed records to the flusher again. */
    public void recover(long fromPosition) {
        for (Map.Entry<String, IngestTable> e : tables.entrySet()) {
            String name = e.getKey();
            e.getValue().replay(fromPosition, (lsn, rows) -> {
                noteAcked(name, lsn);
                sink.submit(name, lsn, rows, true);
            });
        }
    }

    /** One INSERT into a managed table; returns once it is acknowledged (durable per policy, visible). */
    public IngestTable.Inserted insert(String table, Block rows) {
        IngestTable t = table(table);
        IngestTable.Inserted r = t.insert(rows);
        if (r.lsn() >= 0) {
            noteAcked(table, r.lsn());
            sink.submit(table, r.lsn(), r.rows(), false);
        }
        return r;
    }

    private void noteAcked(String table, long lsn) {
        lock.lock();
        try {
            lastAcked.merge(table, lsn, Math::max);
        } finally {
            lock.unlock();
        }
    }

    /** The flusher persisted {@code table}'s records up to {@code lsn}. */
    public void confirmed(String table, long lsn) {
        table(table).watermark().confirmed(lsn);
        lock.lock();
        try {
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every row of {@code table} acknowledged before this call is confirmed in ClickHouse.
     *
     * @throws ProxistException TIMEOUT_EXCEEDED when that takes longer than {@code timeout} (ClickHouse down)
     */
    public void awaitPersisted(String table, Duration timeout) {
        IngestTable t = table(table);
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = lastAcked.get(table);
            while (t.watermark().version().confirmedLsn() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProxistException(
                            ErrorCode.TIMEOUT_EXCEEDED,
                            "Rows of " + table + " acknowledged up to WAL position " + target
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
