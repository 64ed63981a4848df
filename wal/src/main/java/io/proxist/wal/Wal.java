package io.proxist.wal;

import static io.proxist.wal.WalDescriptor.RECORD_HEADER_LENGTH;
import static io.proxist.wal.WalDescriptor.SEGMENT_HEADER_LENGTH;

import io.proxist.core.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The write-ahead log: segmented, append-only, checksummed (format in {@link WalDescriptor} and wal/README.md).
 *
 * <p>Appends are serialised by one lock and written straight to the active segment by a {@link RecordWriter}
 * (one {@code pwrite} per record, from a reused direct buffer); durability is chosen per append
 * ({@link Durability}). SYNC appends wait for a shared fsync ({@link GroupCommit}); ASYNC appends are fsynced by a
 * background {@link AsyncFlusher}. Every file operation goes through {@link WalOptions#files()}.
 *
 * <p>Thread-safe. {@link #replay} and {@link #deleteUpTo} may run while others append.
 */
public final class Wal implements AutoCloseable {
    private final Path dir;
    private final WalOptions options;
    private final WalFiles files;
    private final long logId;
    private final WalRecoveryReport recoveryReport;

    private final ReentrantLock appendLock = new ReentrantLock();
    /** Held shared by replay and exclusively by deleteUpTo, so a replay never loses a file under it. */
    private final ReentrantReadWriteLock retentionLock = new ReentrantReadWriteLock();

    private final GroupCommit groupCommit;
    private final GroupCommit.Forcer forcer = this::forceActive;
    private final AsyncFlusher flusher;

    // Guarded by appendLock; the volatile ones are also read without it.
    private final RecordWriter writer;
    private final ByteBuffer headerBuf;
    private volatile Segment[] segments;
    private volatile Segment active;
    private volatile long writtenPosition;
    private volatile long totalBytes;
    private volatile long asyncRequested;
    private volatile boolean closed;

    private Wal(Path dir, WalOptions options, WalRecovery.Result recovered) {
        this.dir = dir;
        this.options = options;
        this.files = options.files();
        this.logId = recovered.logId();
        this.recoveryReport = recovered.report();
        this.segments = recovered.segments().toArray(new Segment[0]);
        this.active = segments[segments.length - 1];
        this.writtenPosition = active.end;
        long total = 0;
        for (Segment s : segments) {
            total += s.size();
        }
        this.totalBytes = total;
        this.asyncRequested = writtenPosition;
        this.groupCommit = new GroupCommit(writtenPosition);
        this.writer = new RecordWriter(options.writeBufferSize());
        this.headerBuf = ByteBuffer.allocateDirect(SEGMENT_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        this.flusher = new AsyncFlusher(
                this, options.asyncFlushInterval().toNanos(), "proxist-wal-flusher-" + dir.getFileName());
    }

    /**
     * Opens the WAL in {@code dir}, creating it when empty, and recovers it: every segment is checked, a torn or
     * corrupt tail of the last segment is cut off (see {@link #recoveryReport()}), damage anywhere else throws
     * {@link WalCorruptionException}.
     */
    public static Wal open(Path dir, WalOptions options) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        WalRecovery.Result recovered;
        try {
            recovered = new WalRecovery(dir, options.files()).recover();
        } catch (IOException e) {
            throw new WalIoException("cannot open wal [dir=" + dir + "]: " + e.getMessage(), false, e);
        }
        Wal wal = new Wal(dir, options, recovered);
        wal.flusher.start();
        return wal;
    }

    /** Appends a {@link WalDescriptor#TYPE_DATA} record with the default durability. */
    public long append(int tableId, ByteBuffer payload) {
        return append(WalDescriptor.TYPE_DATA, tableId, payload, options.defaultDurability());
    }

    /** Appends a {@link WalDescriptor#TYPE_DATA} record. */
    public long append(int tableId, ByteBuffer payload, Durability durability) {
        return append(WalDescriptor.TYPE_DATA, tableId, payload, durability);
    }

    /**
     * Appends one record holding {@code payload}'s remaining bytes (its position is left unchanged) and returns the
     * record's position once {@code durability} is met. A record is atomic: after a crash it is replayed whole or
     * not at all.
     *
     * @throws WalBudgetExceededException when the record would take the WAL past its size budget (nothing written)
     * @throws WalIoException when a write or fsync failed (not acknowledged; see the class doc of the exception)
     * @throws IllegalArgumentException for a type outside 1..127 or a payload over {@link WalOptions#maxPayloadSize}
     */
    public long append(int type, int tableId, ByteBuffer payload, Durability durability) {
        if (!WalDescriptor.isUserType(type)) {
            throw new IllegalArgumentException(
                    "wal record type: " + type + " (expected: 1.." + WalDescriptor.MAX_USER_TYPE + ")");
        }
        int payloadLength = payload.remaining();
        if (payloadLength > options.maxPayloadSize()) {
            throw new IllegalArgumentException(
                    "wal record payload: " + payloadLength + " bytes (expected: <= " + options.maxPayloadSize() + ")");
        }
        Objects.requireNonNull(durability, "durability");
        int recordLength = RECORD_HEADER_LENGTH + payloadLength;
        long position;
        long end;
        appendLock.lock();
        try {
            ensureOpen();
            groupCommit.checkHealthy();
            Segment seg = active;
            long used = writtenPosition - seg.base;
            boolean roll = used > SEGMENT_HEADER_LENGTH && used + recordLength > options.segmentSize();
            long need = recordLength + (roll ? SEGMENT_HEADER_LENGTH : 0);
            if (totalBytes + need > options.maxTotalSize()) {
                throw new WalBudgetExceededException(totalBytes, need, options.maxTotalSize());
            }
            if (roll) {
                seg = roll(seg);
            }
            position = writtenPosition;
            writeRecord(seg, position, type, tableId, payload);
            end = position + recordLength;
            seg.lastRecordPosition = position;
            seg.end = end;
            totalBytes += recordLength;
            writtenPosition = end;
            if (durability == Durability.ASYNC) {
                asyncRequested = end;
            }
        } finally {
            appendLock.unlock();
        }
        switch (durability) {
            case SYNC -> groupCommit.awaitSynced(end, forcer);
            case ASYNC -> flusher.wake();
            case MEMORY -> {}
        }
        return position;
    }

    private void writeRecord(Segment seg, long position, int type, int tableId, ByteBuffer payload) {
        long off = position - seg.base;
        try {
            writer.write(seg.channel, off, position, type, tableId, payload);
        } catch (IOException e) {
            // Cut the partial record off so the file ends at the last complete record again; if even that fails
            // the file's tail is unknown and the WAL fails (recovery on the next open cuts the torn tail).
            try {
                seg.channel.truncate(off);
            } catch (IOException | RuntimeException t) {
                e.addSuppressed(t);
                WalIoException failed = new WalIoException(
                        "wal write failed and the partial record could not be removed; the wal accepts nothing more"
                                + " until reopened [file=" + seg.path + ", offset=" + off + ", position=" + position
                                + "]: " + e.getMessage(),
                        false,
                        e);
                groupCommit.fail(failed);
                throw failed;
            }
            throw new WalIoException(
                    "wal write failed; record not appended [file=" + seg.path + ", offset=" + off + ", position="
                            + position + "]: " + e.getMessage(),
                    false,
                    e);
        }
    }

    /**
     * Seals {@code old} (fsynced, so only the last segment ever holds unsynced bytes) and starts the next segment.
     * Holds the fsync slot throughout so no fsync runs on a channel being closed.
     */
    private Segment roll(Segment old) {
        groupCommit.acquire();
        long durable = -1;
        try {
            try {
                old.channel.force();
            } catch (IOException | RuntimeException e) {
                WalIoException failed = new WalIoException(
                        "wal fsync failed while sealing a segment; the wal accepts nothing more until reopened [file="
                                + old.path + "]: " + e.getMessage(),
                        true,
                        e);
                groupCommit.fail(failed);
                throw failed;
            }
            durable = writtenPosition;
            Segment next;
            try {
                next = WalRecovery.create(dir, files, writtenPosition, logId, headerBuf);
            } catch (IOException | RuntimeException e) {
                WalIoException failed = new WalIoException(
                        "wal cannot start a new segment; the wal accepts nothing more until reopened [dir=" + dir
                                + ", base=" + writtenPosition + "]: " + e.getMessage(),
                        false,
                        e);
                groupCommit.fail(failed);
                throw failed;
            }
            try {
                old.channel.close();
            } catch (IOException ignored) {
                // everything in it is durable; a failed close loses nothing
            }
            old.channel = null;
            Segment[] s = Arrays.copyOf(segments, segments.length + 1);
            s[s.length - 1] = next;
            segments = s;
            active = next;
            totalBytes += SEGMENT_HEADER_LENGTH;
            writtenPosition = next.end;
            durable = next.end;
            return next;
        } finally {
            groupCommit.release(durable);
        }
    }

    /** The group commit leader's fsync: the active segment (older ones were fsynced when sealed). */
    private long forceActive() throws IOException {
        Segment seg = active; // stable: a roll needs the fsync slot, which the caller holds
        long upTo = writtenPosition;
        if (seg.channel == null) {
            throw new IOException("wal is closed");
        }
        seg.channel.force();
        return upTo;
    }

    /** Called by the flusher: makes everything written so far durable. */
    void syncAsync() {
        groupCommit.awaitSynced(asyncRequested, forcer);
    }

    long asyncRequested() {
        return asyncRequested;
    }

    /** Makes every record appended so far durable, whatever its durability (sharing fsyncs like SYNC appends). */
    public void sync() {
        ensureOpen();
        groupCommit.checkHealthy();
        groupCommit.awaitSynced(writtenPosition, forcer);
    }

    /**
     * Calls {@code consumer} with every record whose position is at least {@code fromPosition}, in order, up to the
     * end of the log as it stands when the call starts; checksums are verified again on the way. Returns the
     * position after the last record (where a later replay may continue).
     *
     * @param fromPosition a record position, {@link #endPosition()}, or anything in between: records starting
     *     below it are skipped. Must be within {@code [firstPosition(), endPosition()]}.
     * @throws WalCorruptionException when a record read back is damaged
     */
    public long replay(long fromPosition, WalRecordConsumer consumer) {
        Objects.requireNonNull(consumer, "consumer");
        retentionLock.readLock().lock();
        try {
            Segment[] segs;
            long end;
            appendLock.lock();
            try {
                ensureOpen();
                segs = segments;
                end = writtenPosition;
            } finally {
                appendLock.unlock();
            }
            if (fromPosition < segs[0].base) {
                throw new WalException(
                        ErrorCode.LOGICAL_ERROR,
                        "wal replay from a deleted position [from=" + fromPosition + ", first=" + segs[0].base + "]");
            }
            if (fromPosition > end) {
                throw new WalException(
                        ErrorCode.LOGICAL_ERROR,
                        "wal replay from beyond the end [from=" + fromPosition + ", end=" + end + "]");
            }
            int first = segs.length - 1;
            while (segs[first].base > fromPosition) {
                first--;
            }
            for (int i = first; i < segs.length; i++) {
                long segEnd = i == segs.length - 1 ? end : segs[i].end;
                new WalReplayer(files, segs[i], segEnd).replay(fromPosition, consumer);
            }
            return end;
        } catch (IOException e) {
            throw new WalIoException("wal replay failed [dir=" + dir + "]: " + e.getMessage(), false, e);
        } finally {
            retentionLock.readLock().unlock();
        }
    }

    /**
     * Deletes whole segments, oldest first, while every record in the segment is below {@code position}; the
     * active segment is never deleted. Pass min(persisted position, snapshot position). Returns how many segments
     * were deleted. Each deletion is made durable before the next, so a crash never leaves a gap.
     */
    public int deleteUpTo(long position) {
        retentionLock.writeLock().lock();
        try {
            int deleted = 0;
            while (true) {
                Segment first;
                appendLock.lock();
                try {
                    ensureOpen();
                    first = segments[0];
                    if (first == active || first.lastRecordPosition >= position) {
                        return deleted;
                    }
                } finally {
                    appendLock.unlock();
                }
                try {
                    files.delete(first.path);
                    files.syncDirectory(dir);
                } catch (IOException e) {
                    throw new WalIoException(
                            "wal cannot delete a segment [file=" + first.path + "]: " + e.getMessage(), false, e);
                }
                appendLock.lock();
                try {
                    segments = Arrays.copyOfRange(segments, 1, segments.length);
                    totalBytes -= first.size();
                } finally {
                    appendLock.unlock();
                }
                deleted++;
            }
        } finally {
            retentionLock.writeLock().unlock();
        }
    }

    /** Where the next record goes: one past the last record written. */
    public long endPosition() {
        return writtenPosition;
    }

    /** Every record below this position is on disk (fsynced). */
    public long syncedPosition() {
        return groupCommit.synced();
    }

    /** The first position still in the log (the oldest segment's base). */
    public long firstPosition() {
        return segments[0].base;
    }

    /** The sum of all segment files' lengths: what {@link WalOptions#maxTotalSize()} limits. */
    public long totalSize() {
        return totalBytes;
    }

    public int segmentCount() {
        return segments.length;
    }

    /** A random id chosen when the log was created, stored in every segment header. */
    public long logId() {
        return logId;
    }

    public Path directory() {
        return dir;
    }

    public WalOptions options() {
        return options;
    }

    public WalRecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** Whether an I/O failure has stopped the WAL (appends throw {@link WalIoException} until reopened). */
    public boolean isFailed() {
        return groupCommit.failure() != null;
    }

    /**
     * Stops the flusher, fsyncs everything written (unless the WAL has failed) and closes the files. Appends after
     * close throw.
     *
     * @throws WalIoException when the final fsync fails
     */
    @Override
    public void close() {
        shutdown(true);
    }

    /** Closes without any fsync, as a killed process would leave the files (for crash tests). */
    void closeAbruptly() {
        shutdown(false);
    }

    private void shutdown(boolean syncFirst) {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            appendLock.unlock();
        }
        flusher.stop();
        groupCommit.acquire();
        long durable = -1;
        WalIoException error = null;
        Segment seg = active;
        try {
            if (syncFirst && groupCommit.failure() == null && groupCommit.synced() < writtenPosition) {
                try {
                    seg.channel.force();
                    durable = writtenPosition;
                } catch (IOException e) {
                    error = new WalIoException("wal fsync failed at close [file=" + seg.path + "]", true, e);
                    groupCommit.fail(error);
                }
            }
        } finally {
            try {
                seg.channel.close();
            } catch (IOException e) {
                if (error == null) {
                    error = new WalIoException("wal close failed [file=" + seg.path + "]", false, e);
                } else {
                    error.addSuppressed(e);
                }
            }
            seg.channel = null;
            groupCommit.release(durable);
        }
        if (error != null) {
            throw error;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new WalException(ErrorCode.LOGICAL_ERROR, "wal is closed [dir=" + dir + "]");
        }
    }

    @Override
    public String toString() {
        return "Wal[" + dir + ", first=" + firstPosition() + ", end=" + writtenPosition + ", synced=" + syncedPosition()
                + ", segments=" + segments.length + "]";
    }
}
