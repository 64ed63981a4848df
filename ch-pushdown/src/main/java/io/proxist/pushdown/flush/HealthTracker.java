package io.proxist.pushdown.flush;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The health of one ClickHouse backend, fed by the inserts of every flusher that writes to it. Thread-safe.
 *
 * <pre>
 *   state = DOWN      if failures &gt;= downAfterFailures
 *           DEGRADED  if failures &gt; 0, or the last insert took longer than slowInsert,
 *                     or some table is above its active-part threshold
 *           HEALTHY   otherwise
 * </pre>
 *
 * {@code failures} counts consecutive attempts that got no usable answer: connection refused, reset, timeout, or
 * a transient server error (too many parts, memory limit, ...). Any answered insert resets it (a success, or an
 * error for a bad batch: the server is up, the batch is wrong). So HEALTHY → DEGRADED on the first failure or a
 * slow insert, → DOWN on the {@code downAfterFailures}-th failure in a row; DOWN → HEALTHY (or DEGRADED if slow)
 * on the first answered insert.
 */
public final class HealthTracker {
    private final String backend;
    private final int downAfterFailures;
    private final long slowInsertNanos;
    private final List<BiConsumer<BackendHealth, BackendHealth>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> tablesUnderPartPressure = new HashSet<>();
    private int failures;
    private boolean lastSlow;
    private long failuresTotal;
    private long transitions;
    private BackendHealth state = BackendHealth.HEALTHY;

    public HealthTracker(String backend, int downAfterFailures, long slowInsertNanos) {
        if (downAfterFailures < 1) throw new IllegalArgumentException("downAfterFailures: " + downAfterFailures);
        this.backend = backend;
        this.downAfterFailures = downAfterFailures;
        this.slowInsertNanos = slowInsertNanos;
    }

    public String backend() {
        return backend;
    }

    public synchronized BackendHealth state() {
        return state;
    }

    /** Consecutive failed attempts now. */
    public synchronized int consecutiveFailures() {
        return failures;
    }

    /** Failed attempts since start, for metrics. */
    public synchronized long failuresTotal() {
        return failuresTotal;
    }

    /** State changes since start, for metrics. */
    public synchronized long transitions() {
        return transitions;
    }

    /** Called with (old, new) on every change, outside the tracker's lock. */
    public void addListener(BiConsumer<BackendHealth, BackendHealth> listener) {
        listeners.add(listener);
    }

    void answered(long latencyNanos) {
        update(() -> {
            failures = 0;
            lastSlow = latencyNanos > slowInsertNanos;
        });
    }

    void failed() {
        update(() -> {
            failures++;
            failuresTotal++;
        });
    }

    void partPressure(String table, boolean above) {
        update(() -> {
            if (above) tablesUnderPartPressure.add(table);
            else tablesUnderPartPressure.remove(table);
        });
    }

    private void update(Runnable change) {
        BackendHealth before;
        BackendHealth after;
        synchronized (this) {
            before = state;
            change.run();
            if (failures >= downAfterFailures) state = BackendHealth.DOWN;
            else if (failures > 0 || lastSlow || !tablesUnderPartPressure.isEmpty()) state = BackendHealth.DEGRADED;
            else state = BackendHealth.HEALTHY;
            after = state;
            if (before != after) transitions++;
        }
        if (before != after) {
            for (BiConsumer<BackendHealth, BackendHealth> l : listeners) l.accept(before, after);
        }
    }
}
