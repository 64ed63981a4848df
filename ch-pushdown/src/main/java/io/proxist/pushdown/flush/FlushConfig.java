package io.proxist.pushdown.flush;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A flusher's knobs, validated here. Defaults suit market data on ClickHouse 18.16 (whose
 * {@code parts_to_delay_insert} is 150 and {@code parts_to_throw_insert} 300).
 *
 * @param batchRows rows per INSERT the flusher aims for when ClickHouse is comfortable (queued batches are
 *     coalesced up to it); default 5,000
 * @param maxBatchRows the ceiling the adaptive size may grow to under pressure; default 200,000
 * @param maxBatchBytes the ceiling on an INSERT's estimated Native size; default 64 MiB
 * @param slowInsert an INSERT slower than this is pressure (and makes the backend DEGRADED); default 1 s
 * @param partsThreshold active parts of the table above which is pressure; default 100
 * @param partsCheckInterval how often {@code system.parts} is asked; default 5 s
 * @param linger under pressure, how long a group smaller than the target waits for more batches; default 200 ms
 * @param insertTimeout an INSERT or probe without an answer after this is an ambiguous failure; default 30 s
 * @param backoffBase first retry's backoff ceiling; default 50 ms
 * @param backoffCap largest backoff ceiling; default 10 s
 * @param keyCheckChunk keys per idempotency probe; default 1,000
 * @param rejectAfterAttempts attempts before a batch ClickHouse keeps refusing is rejected; default 2
 * @param downAfterFailures consecutive failed attempts that make the backend DOWN; default 3
 * @param random the jitter source
 * @param clock time and backoff waits
 */
public record FlushConfig(
        int batchRows,
        int maxBatchRows,
        long maxBatchBytes,
        Duration slowInsert,
        int partsThreshold,
        Duration partsCheckInterval,
        Duration linger,
        Duration insertTimeout,
        Duration backoffBase,
        Duration backoffCap,
        int keyCheckChunk,
        int rejectAfterAttempts,
        int downAfterFailures,
        RandomGenerator random,
        FlushClock clock) {
    public FlushConfig {
        if (batchRows < 1 || maxBatchRows < batchRows) {
            throw new IllegalArgumentException("batch rows [batchRows=" + batchRows + ", max=" + maxBatchRows + "]");
        }
        if (maxBatchBytes < 1) throw new IllegalArgumentException("maxBatchBytes: " + maxBatchBytes);
        if (partsThreshold < 1) throw new IllegalArgumentException("partsThreshold: " + partsThreshold);
        if (keyCheckChunk < 1) throw new IllegalArgumentException("keyCheckChunk: " + keyCheckChunk);
        if (rejectAfterAttempts < 1) throw new IllegalArgumentException("rejectAfterAttempts: " + rejectAfterAttempts);
        if (downAfterFailures < 1) throw new IllegalArgumentException("downAfterFailures: " + downAfterFailures);
        for (Duration d :
                new Duration[] {slowInsert, partsCheckInterval, linger, insertTimeout, backoffBase, backoffCap}) {
            if (Objects.requireNonNull(d, "duration").isNegative())
                throw new IllegalArgumentException("negative: " + d);
        }
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
    }

    public static FlushConfig defaults() {
        return new FlushConfig(
                5_000,
                200_000,
                64L << 20,
                Duration.ofSeconds(1),
                100,
                Duration.ofSeconds(5),
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofMillis(50),
                Duration.ofSeconds(10),
                1_000,
                2,
                3,
                RandomGenerator.getDefault(),
                FlushClock.SYSTEM);
    }

    public FlushConfig withBatchRows(int rows, int maxRows) {
        return new FlushConfig(
                rows,
                maxRows,
                maxBatchBytes,
                slowInsert,
                partsThreshold,
                partsCheckInterval,
                linger,
                insertTimeout,
                backoffBase,
                backoffCap,
                keyCheckChunk,
                rejectAfterAttempts,
                downAfterFailures,
                random,
                clock);
    }

    public FlushConfig withPressure(Duration slow, int parts, Duration checkEvery, Duration lingerUnderPressure) {
        return new FlushConfig(
                batchRows,
                maxBatchRows,
                maxBatchBytes,
                slow,
                parts,
                checkEvery,
                lingerUnderPressure,
                insertTimeout,
                backoffBase,
                backoffCap,
                keyCheckChunk,
                rejectAfterAttempts,
                downAfterFailures,
                random,
                clock);
    }

    public FlushConfig withRetries(Duration base, Duration cap, int rejectAfter, int downAfter) {
        return new FlushConfig(
                batchRows,
                maxBatchRows,
                maxBatchBytes,
                slowInsert,
                partsThreshold,
                partsCheckInterval,
                linger,
                insertTimeout,
                base,
                cap,
                keyCheckChunk,
                rejectAfter,
                downAfter,
                random,
                clock);
    }

    public FlushConfig withKeyCheckChunk(int chunk) {
        return new FlushConfig(
                batchRows,
                maxBatchRows,
                maxBatchBytes,
                slowInsert,
                partsThreshold,
                partsCheckInterval,
                linger,
                insertTimeout,
                backoffBase,
                backoffCap,
                chunk,
                rejectAfterAttempts,
                downAfterFailures,
                random,
                clock);
    }

    public FlushConfig withTime(RandomGenerator jitter, FlushClock time, Duration timeout) {
        return new FlushConfig(
                batchRows,
                maxBatchRows,
                maxBatchBytes,
                slowInsert,
                partsThreshold,
                partsCheckInterval,
                linger,
                timeout,
                backoffBase,
                backoffCap,
                keyCheckChunk,
                rejectAfterAttempts,
                downAfterFailures,
                jitter,
                time);
    }
}
