package io.proxist.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Wal} behaves; validated here, in one place. Start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * @param segmentSize a segment rolls when the next record would take it past this many bytes (a record larger than
 *     a whole segment gets a segment of its own); default 64 MiB
 * @param maxPayloadSize the largest payload {@link Wal#append} accepts; default 64 MiB
 * @param maxTotalSize the budget: the sum of all segment files' lengths never exceeds it, an append that would
 *     throws {@link WalBudgetExceededException}; default 8 GiB
 * @param asyncFlushInterval the longest an {@link Durability#ASYNC} append waits for its fsync to start; default 10
 *     ms
 * @param defaultDurability the durability of {@link Wal#append(int, java.nio.ByteBuffer)}; default SYNC
 * @param writeBufferSize the reusable direct buffer a record is assembled in; larger records are written in two
 *     parts; default 1 MiB
 * @param files the file-I/O facade; default the real file system
 */
public record WalOptions(
        long segmentSize,
        int maxPayloadSize,
        long maxTotalSize,
        Duration asyncFlushInterval,
        Durability defaultDurability,
        int writeBufferSize,
        WalFiles files) {
    public static final long DEFAULT_SEGMENT_SIZE = 64L << 20;
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 64 << 20;
    public static final long DEFAULT_MAX_TOTAL_SIZE = 8L << 30;
    public static final Duration DEFAULT_ASYNC_FLUSH_INTERVAL = Duration.ofMillis(10);
    public static final int DEFAULT_WRITE_BUFFER_SIZE = 1 << 20;

    /** The smallest segment: a header and one empty record. Useful in tests, to roll often. */
    public static final long MIN_SEGMENT_SIZE =
            WalDescriptor.SEGMENT_HEADER_LENGTH + WalDescriptor.RECORD_HEADER_LENGTH;

    public WalOptions {
        if (segmentSize < MIN_SEGMENT_SIZE) {
            throw new IllegalArgumentException(
                    "wal segment size: " + segmentSize + " (expected: >= " + MIN_SEGMENT_SIZE + ")");
        }
        if (maxPayloadSize < 0 || maxPayloadSize > WalDescriptor.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("wal max payload size: " + maxPayloadSize + " (expected: 0.."
                    + WalDescriptor.MAX_PAYLOAD_LENGTH + ")");
        }
        if (maxTotalSize < segmentSize) {
            throw new IllegalArgumentException(
                    "wal max total size: " + maxTotalSize + " (expected: >= segment size " + segmentSize + ")");
        }
        Objects.requireNonNull(asyncFlushInterval, "asyncFlushInterval");
        if (asyncFlushInterval.isNegative() || asyncFlushInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "wal async flush interval: " + asyncFlushInterval + " (expected: 0s..1m)");
        }
        Objects.requireNonNull(defaultDurability, "defaultDurability");
        if (writeBufferSize < WalDescriptor.RECORD_HEADER_LENGTH) {
            throw new IllegalArgumentException("wal write buffer size: " + writeBufferSize + " (expected: >= "
                    + WalDescriptor.RECORD_HEADER_LENGTH + ")");
        }
        Objects.requireNonNull(files, "files");
    }

    public static WalOptions defaults() {
        return new WalOptions(
                DEFAULT_SEGMENT_SIZE,
                DEFAULT_MAX_PAYLOAD_SIZE,
                DEFAULT_MAX_TOTAL_SIZE,
                DEFAULT_ASYNC_FLUSH_INTERVAL,
                Durability.SYNC,
                DEFAULT_WRITE_BUFFER_SIZE,
                WalFiles.real());
    }

    public WalOptions withSegmentSize(long v) {
        return new WalOptions(
                v, maxPayloadSize, maxTotalSize, asyncFlushInterval, defaultDurability, writeBufferSize, files);
    }

    public WalOptions withMaxPayloadSize(int v) {
        return new WalOptions(
                segmentSize, v, maxTotalSize, asyncFlushInterval, defaultDurability, writeBufferSize, files);
    }

    public WalOptions withMaxTotalSize(long v) {
        return new WalOptions(
                segmentSize, maxPayloadSize, v, asyncFlushInterval, defaultDurability, writeBufferSize, files);
    }

    public WalOptions withAsyncFlushInterval(Duration v) {
        return new WalOptions(segmentSize, maxPayloadSize, maxTotalSize, v, defaultDurability, writeBufferSize, files);
    }

    public WalOptions withDefaultDurability(Durability v) {
        return new WalOptions(segmentSize, maxPayloadSize, maxTotalSize, asyncFlushInterval, v, writeBufferSize, files);
    }

    public WalOptions withWriteBufferSize(int v) {
        return new WalOptions(
                segmentSize, maxPayloadSize, maxTotalSize, asyncFlushInterval, defaultDurability, v, files);
    }

    public WalOptions withFiles(WalFiles v) {
        return new WalOptions(
                segmentSize, maxPayloadSize, maxTotalSize, asyncFlushInterval, defaultDurability, writeBufferSize, v);
    }
}
