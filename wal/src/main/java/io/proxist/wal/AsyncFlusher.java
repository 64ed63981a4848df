package io.proxist.wal;

import java.util.concurrent.locks.LockSupport;

/**
 * The background thread that makes {@link Durability#ASYNC} appends durable: asleep while nothing asynchronous is
 * pending; woken by the first ASYNC append after a sync, it waits out the flush interval (so more appends share the
 * fsync) and then syncs everything written, through the group commit. A failed fsync fails the WAL and ends it.
 */
final class AsyncFlusher implements Runnable {
    private final Wal wal;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean idle;

    AsyncFlusher(Wal wal, long intervalNanos, String name) {
        this.wal = wal;
        this.intervalNanos = intervalNanos;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Called after an ASYNC append has published its end position. */
    void wake() {
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    /** Stops the thread and waits for it to end. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            if (wal.asyncRequested() <= wal.syncedPosition()) {
                idle = true;
                // Re-check after publishing idle: an appender either sees idle and unparks, or we see its request.
                if (wal.asyncRequested() <= wal.syncedPosition() && running) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            if (intervalNanos > 0) {
                LockSupport.parkNanos(this, intervalNanos);
            }
            if (!running) {
                return; // close() syncs what is left
            }
            try {
                wal.syncAsync();
            } catch (WalException e) {
                return; // the WAL is failed; appends report it
            }
        }
    }
}
