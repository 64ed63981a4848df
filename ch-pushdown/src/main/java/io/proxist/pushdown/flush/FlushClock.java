package io.proxist.pushdown.flush;

import java.util.concurrent.locks.LockSupport;

/** Time for the flusher: the monotonic clock and the (interruptible) backoff waits, injectable for tests. */
public interface FlushClock {
    long nanoTime();

    /** Waits {@code nanos}; throws when the thread is interrupted (the flusher is closing). */
    void sleep(long nanos) throws InterruptedException;

    FlushClock SYSTEM = new FlushClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) throw new InterruptedException("flusher backoff interrupted");
            }
        }
    };
}
