package io.proxist.pushdown.flush;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A flusher's counters at one moment, for /status and /metrics.
 *
 * @param queuedBatches batches submitted and not yet confirmed or rejected
 * @param queuedRows their rows
 * @param targetRows the adaptive rows-per-INSERT target now
 * @param activeParts the table's active parts at the last check
 * @param inserts INSERT requests sent (attempts included)
 * @param rowsInserted rows in INSERTs ClickHouse acknowledged
 * @param failedAttempts INSERT attempts that failed
 * @param ambiguous attempts that failed with the rows possibly landed
 * @param keyChecks idempotency probes run
 * @param rowsFoundLanded rows a probe found already in ClickHouse (not resent)
 * @param confirmed batches confirmed
 * @param rejected batches rejected
 * @param splits coalesced groups split to isolate a rejected batch
 */
public record FlushStats(
        int queuedBatches,
        long queuedRows,
        int targetRows,
        long activeParts,
        long inserts,
        long rowsInserted,
        long failedAttempts,
        long ambiguous,
        long keyChecks,
        long rowsFoundLanded,
        long confirmed,
        long rejected,
        long splits) {

    static final class Counters {
        final AtomicLong inserts = new AtomicLong();
        final AtomicLong rowsInserted = new AtomicLong();
        final AtomicLong failedAttempts = new AtomicLong();
        final AtomicLong ambiguous = new AtomicLong();
        final AtomicLong keyChecks = new AtomicLong();
        final AtomicLong rowsFoundLanded = new AtomicLong();
        final AtomicLong confirmed = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong splits = new AtomicLong();

        FlushStats snapshot(int queuedBatches, long queuedRows, int targetRows, long activeParts) {
            return new FlushStats(
                    queuedBatches,
                    queuedRows,
                    targetRows,
                    activeParts,
                    inserts.get(),
                    rowsInserted.get(),
                    failedAttempts.get(),
                    ambiguous.get(),
                    keyChecks.get(),
                    rowsFoundLanded.get(),
                    confirmed.get(),
                    rejected.get(),
                    splits.get());
        }
    }
}
