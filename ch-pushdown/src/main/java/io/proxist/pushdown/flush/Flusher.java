package io.proxist.pushdown.flush;

import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists one table's batches to ClickHouse, in order, exactly once. Batches queue as submitted; one worker
 * thread coalesces queued batches up to the adaptive target ({@link AdaptiveBatchSize}) and the byte ceiling,
 * sorts the rows by the table's key, and sends them as one Native INSERT. A success confirms every batch of the
 * group, in order. A failure is retried with exponential backoff and full jitter ({@link Backoff}), without limit
 * while ClickHouse is unreachable; when the failed attempt may have landed (ambiguous or transient), the retry
 * first asks ClickHouse which keys are there ({@link LandedKeys}) and resends only the missing rows. An error
 * about the batch itself is retried {@code rejectAfterAttempts} times (a coalesced group is first split into its
 * batches, to find the bad one), then reported through {@link FlushListener#onRejected}. Health goes to the
 * backend's {@link HealthTracker}.
 */
public final class Flusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    private final FlushTable table;
    private final FlushConfig config;
    private final HealthTracker health;
    private final FlushListener listener;
    private final FlushHttpClient client;
    private final Backoff backoff;
    private final AdaptiveBatchSize size;
    private final LinkedBlockingDeque<FlushBatch> queue = new LinkedBlockingDeque<>();
    private final AtomicLong queuedRows = new AtomicLong();
    private final AtomicInteger pendingBatches = new AtomicInteger();
    private final FlushStats.Counters counters = new FlushStats.Counters();
    private final Thread worker;
    private final List<InsertObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long lastSubmittedLsn = Long.MIN_VALUE;
    private long nextPartsCheck = Long.MIN_VALUE;
    private volatile boolean closed;

    public Flusher(
            FlushTable table,
            ClickHouseEndpoint endpoint,
            HealthTracker health,
            FlushListener listener,
            FlushConfig config) {
        this.table = table;
        this.config = config;
        this.health = health;
        this.listener = listener;
        this.client = new FlushHttpClient(endpoint, config.insertTimeout());
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), config.random());
        this.size = new AdaptiveBatchSize(
                config.batchRows(), config.maxBatchRows(), config.slowInsert().toNanos(), config.partsThreshold());
        this.worker = Thread.ofPlatform()
                .daemon()
                .name("proxist-flusher-" + table.table())
                .unstarted(this::run);
    }

    public FlushTable table() {
        return table;
    }

    public HealthTracker health() {
        return health;
    }

    /** Starts the worker; batches submitted before are coalesced like any queued batches. */
    public Flusher start() {
        worker.start();
        return this;
    }

    /**
     * Queues a batch. LSN ranges must ascend ({@code fromLsn} above the previous batch's {@code toLsn}); the block
     * must carry the table's key columns, as integers or strings. Never blocks: the WAL budget bounds the queue.
     */
    public synchronized void submit(FlushBatch batch) {
        if (closed) throw new IllegalStateException("flusher closed [table=" + table.table() + "]");
        if (batch.fromLsn() <= lastSubmittedLsn) {
            throw new IllegalArgumentException("batch lsn [from=" + batch.fromLsn() + "] not above the previous [to="
                    + lastSubmittedLsn + ", table=" + table.table() + "]");
        }
        LandedKeys.keyColumns(table, batch.block());
        lastSubmittedLsn = batch.toLsn();
        queuedRows.addAndGet(batch.rows());
        pendingBatches.incrementAndGet();
        queue.add(batch);
    }

    /** Sees each INSERT ClickHouse acknowledged, on the flusher's worker thread (metrics); must not block. */
    public interface InsertObserver {
        void inserted(String table, int rows, long latencyNanos);
    }

    public void addInsertObserver(InsertObserver observer) {
        observers.add(observer);
    }

    /** Counters for status and metrics. */
    public FlushStats stats() {
        return counters.snapshot(pendingBatches.get(), queuedRows.get(), size.target(), size.activeParts());
    }

    private void run() {
        try {
            while (!closed) {
                List<FlushBatch> group = nextGroup();
                persistGroup(group);
                for (FlushBatch b : group) queuedRows.addAndGet(-b.rows());
                pendingBatches.addAndGet(-group.size());
            }
        } catch (InterruptedException e) {
            // closing: unconfirmed batches stay in the WAL and are resubmitted after restart
        } catch (RuntimeException | Error e) {
            LOG.error("flusher stopped [table={}]", table.table(), e);
            throw e;
        }
    }

    /** Takes the head batch and the queued ones that fit the target; lingers once under pressure. */
    private List<FlushBatch> nextGroup() throws InterruptedException {
        List<FlushBatch> group = new ArrayList<>();
        FlushBatch first = queue.take();
        group.add(first);
        long rows = first.rows();
        long bytes = BlockOps.estimateBytes(first.block());
        checkParts();
        boolean lingered = false;
        while (true) {
            FlushBatch next = queue.peek();
            if (next != null) {
                if (!sameShape(first.block(), next.block())) break;
                long b = BlockOps.estimateBytes(next.block());
                if (rows + next.rows() > size.target() || bytes + b > config.maxBatchBytes()) break;
                group.add(queue.poll());
                rows += next.rows();
                bytes += b;
            } else if (size.underPressure() && !lingered) {
                lingered = true;
                config.clock().sleep(config.linger().toNanos());
            } else {
                break;
            }
        }
        return group;
    }

    /** Batches coalesce only when their columns agree in names and types. */
    private static boolean sameShape(Block a, Block b) {
        if (!a.names().equals(b.names())) return false;
        for (int i = 0; i < a.columnCount(); i++) {
            if (!a.column(i).type().equals(b.column(i).type())) return false;
        }
        return true;
    }

    private void persistGroup(List<FlushBatch> group) throws InterruptedException {
        List<Block> blocks = new ArrayList<>(group.size());
        for (FlushBatch b : group) blocks.add(b.block());
        Block sorted = BlockOps.sortBy(BlockOps.concat(blocks), table.sortKey());
        boolean maybeLanded = false;
        for (FlushBatch b : group) maybeLanded |= b.maybeLanded();
        Outcome o = persist(sorted, maybeLanded);
        if (o.error == null) {
            for (FlushBatch b : group) confirm(b);
        } else if (group.size() > 1) {
            // find the bad batch: each alone, in order, each checked for rows the group may have landed
            counters.splits.incrementAndGet();
            for (FlushBatch b : group) {
                Outcome one = persist(BlockOps.sortBy(b.block(), table.sortKey()), true);
                if (one.error == null) confirm(b);
                else reject(b, one.error);
            }
        } else {
            reject(group.getFirst(), o.error);
        }
    }

    private record Outcome(ProxistException error) {}

    /**
     * Sends the rows until they are in ClickHouse (null error) or ClickHouse rejected them
     * {@code rejectAfterAttempts} times. {@code maybeLanded}: check keys before the first send.
     */
    private Outcome persist(Block rows, boolean maybeLanded) throws InterruptedException {
        Block toSend = rows;
        int failedAttempts = 0;
        int rejections = 0;
        while (true) {
            if (maybeLanded) {
                counters.keyChecks.incrementAndGet();
                try {
                    int[] missing = LandedKeys.missing(client, table, toSend, config.keyCheckChunk());
                    counters.rowsFoundLanded.addAndGet(toSend.rows() - missing.length);
                    if (missing.length == 0) return new Outcome(null);
                    if (missing.length < toSend.rows()) toSend = BlockOps.select(toSend, missing);
                    maybeLanded = false;
                } catch (InsertFailure f) {
                    health.failed();
                    config.clock().sleep(backoff.delayNanos(++failedAttempts));
                    continue;
                }
            }
            long t0 = config.clock().nanoTime();
            try {
                counters.inserts.incrementAndGet();
                client.insert(table, toSend);
                long latency = config.clock().nanoTime() - t0;
                counters.rowsInserted.addAndGet(toSend.rows());
                health.answered(latency);
                size.inserted(latency);
                for (InsertObserver o : observers) o.inserted(table.table(), toSend.rows(), latency);
                return new Outcome(null);
            } catch (InsertFailure f) {
                counters.failedAttempts.incrementAndGet();
                LOG.debug("flush attempt failed [table={}, kind={}]: {}", table.table(), f.kind(), f.getMessage());
                switch (f.kind()) {
                    case NOT_SENT -> health.failed();
                    case AMBIGUOUS, TRANSIENT -> {
                        health.failed();
                        counters.ambiguous.incrementAndGet();
                        maybeLanded = true;
                    }
                    case REJECTED -> {
                        health.answered(config.clock().nanoTime() - t0);
                        maybeLanded = true; // an error part-way through may leave some partitions written
                        if (++rejections >= config.rejectAfterAttempts()) return new Outcome(f.error());
                    }
                }
                config.clock().sleep(backoff.delayNanos(++failedAttempts));
            }
        }
    }

    private void checkParts() throws InterruptedException {
        long now = config.clock().nanoTime();
        if (nextPartsCheck != Long.MIN_VALUE && now - nextPartsCheck < 0) return;
        nextPartsCheck = now + config.partsCheckInterval().toNanos();
        try {
            String n = client.query(
                    "system",
                    "SELECT count() FROM system.parts WHERE active AND database = " + SqlText.string(table.database())
                            + " AND table = " + SqlText.string(table.table()));
            size.parts(Long.parseLong(n.strip()));
            health.partPressure(table.table(), size.partsAboveThreshold());
        } catch (InsertFailure | NumberFormatException e) {
            LOG.debug("cannot count active parts [table={}]: {}", table.table(), e.getMessage());
        }
    }

    private void confirm(FlushBatch b) {
        counters.confirmed.incrementAndGet();
        try {
            listener.onConfirmed(table.table(), b.toLsn(), b.block());
        } catch (RuntimeException e) {
            LOG.error("onConfirmed failed [table={}, lsn={}]", table.table(), b.toLsn(), e);
        }
    }

    private void reject(FlushBatch b, ProxistException error) {
        counters.rejected.incrementAndGet();
        try {
            listener.onRejected(table.table(), b, error);
        } catch (RuntimeException e) {
            LOG.error("onRejected failed [table={}, lsn={}]", table.table(), b.toLsn(), e);
        }
    }

    /** Stops the worker (interrupting a backoff or a wait); unconfirmed batches are dropped from memory only. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            if (worker.isAlive()) worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }
}
