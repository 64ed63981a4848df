package io.proxist.wal;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: one fsync at a time, shared by everyone waiting. A thread that needs position {@code p} durable
 * either finds it durable, or waits while another thread's fsync runs, or (when none runs) becomes the leader:
 * it notes how far the log is written, fsyncs, and publishes that position. Appenders that wrote while a fsync was
 * running are all covered by the next leader's single fsync. No timed batching window: the running fsync is the
 * window.
 *
 * <p>The fsync slot is also taken exclusively by a segment roll and by close, so the active segment's channel never
 * changes or closes under a running fsync. After a failed fsync the group is <em>failed</em> for good (the kernel
 * may have dropped the dirty pages; a retried fsync could succeed without the data): nothing more becomes durable
 * and every waiter gets a {@link WalIoException}.
 */
final class GroupCommit {
    /** Forces what is written so far and returns the position that is durable afterwards. */
    interface Forcer {
        long force() throws IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean busy;
    private volatile long synced;
    private volatile WalIoException failure;

    GroupCommit(long synced) {
        this.synced = synced;
    }

    long synced() {
        return synced;
    }

    WalIoException failure() {
        return failure;
    }

    /** Throws when failed. */
    void checkHealthy() {
        WalIoException f = failure;
        if (f != null) {
            throw failedError(f);
        }
    }

    /** Returns once {@code target} is durable, fsyncing through {@code forcer} as leader when needed. */
    void awaitSynced(long target, Forcer forcer) {
        if (synced >= target) {
            return;
        }
        lock.lock();
        try {
            while (synced < target) {
                WalIoException f = failure;
                if (f != null) {
                    throw failedError(f);
                }
                if (busy) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                busy = true;
                long upTo = -1;
                Throwable error = null;
                lock.unlock();
                try {
                    upTo = forcer.force();
                } catch (IOException | RuntimeException e) {
                    error = e;
                } finally {
                    lock.lock();
                    busy = false;
                    changed.signalAll();
                }
                if (error != null) {
                    WalIoException e = new WalIoException(
                            "wal fsync failed; the wal accepts nothing more until reopened: " + error.getMessage(),
                            true,
                            error);
                    if (failure == null) {
                        failure = e;
                    }
                    changed.signalAll();
                    throw e;
                }
                if (upTo > synced) {
                    synced = upTo;
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes the fsync slot exclusively, waiting for a running fsync to end. Pair with {@link #release}. */
    void acquire() {
        lock.lock();
        try {
            while (busy) {
                changed.awaitUninterruptibly();
            }
            busy = true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the slot back; {@code durable} is the position the holder made durable, or -1. */
    void release(long durable) {
        lock.lock();
        try {
            busy = false;
            if (failure == null && durable > synced) {
                synced = durable;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the WAL failed (the first failure is kept) and wakes every waiter. */
    void fail(WalIoException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static WalIoException failedError(WalIoException cause) {
        return new WalIoException(
                "wal failed after an earlier I/O error and accepts nothing more until reopened: " + cause.getMessage(),
                cause.isFsync(),
                cause);
    }
}
