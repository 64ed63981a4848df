package io.proxist.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends requests to one server from a few worker threads, each with a connection of its own (a {@link Caller})
 * and one request in flight; the protocol lives in the caller, so HTTP and the native protocol share the
 * schedule and the bookkeeping.
 *
 * <p>{@link #openLoop}: each worker issues its requests on a fixed schedule, whatever the answers take, and
 * records each latency from the request's <em>intended</em> start, as wrk2 does, so that a stall is charged to
 * every request it delayed (no coordinated omission). The time from the actual send is recorded apart (the
 * service time). {@link #closedLoop}: each worker sends the next request as soon as the previous one is answered;
 * its figure is the throughput.
 */
public final class LoadGenerator {
    public static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Parking overshoots by tens of microseconds; the last stretch before a send is spun instead. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private LoadGenerator() {}

    /** One worker's connection, used by that worker's thread only. */
    public interface Caller extends AutoCloseable {
        /**
         * Sends one request (drawn with the worker's random source) and reads the whole answer; returns null when
         * it succeeded, else what went wrong. A caller whose connection broke reconnects on its next call.
         */
        String call(SplittableRandom random);

        @Override
        void close();
    }

    /** Opens worker {@code worker}'s caller, on the worker's thread. */
    public interface Connector {
        Caller open(int worker) throws Exception;
    }

    public static LoadResult openLoop(
            Connector connector, int connections, double rate, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        long periodNanos = Math.round(connections * 1e9 / rate);
        long staggerNanos = Math.round(1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long first = start + w * staggerNanos;
            workers.add(new Worker(connector, w, seed + w, measureFrom, end) {
                @Override
                long nextIntended(long i) {
                    return first + i * periodNanos;
                }
            });
        }
        return run(workers, duration);
    }

    public static LoadResult closedLoop(
            Connector connector, int connections, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            workers.add(new Worker(connector, w, seed + w, measureFrom, end) {
                @Override
                long nextIntended(long i) {
                    return System.nanoTime(); // no schedule: as soon as the previous answer is in
                }
            });
        }
        return run(workers, duration);
    }

    private static LoadResult run(List<Worker> workers, Duration duration) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            threads.add(Thread.ofPlatform().name("load-" + i).start(workers.get(i)));
        }
        for (Thread t : threads) t.join();
        Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        Histogram service = new Histogram(HIGHEST_NANOS, 3);
        long requests = 0;
        long errors = 0;
        long warmupErrors = 0;
        String firstError = null;
        for (Worker w : workers) {
            latency.add(w.latency);
            service.add(w.service);
            requests += w.requests;
            errors += w.errors;
            warmupErrors += w.warmupErrors;
            if (firstError == null) firstError = w.firstError;
        }
        return new LoadResult(latency, service, requests, errors, warmupErrors, duration.toNanos() / 1e9, firstError);
    }

    private abstract static class Worker implements Runnable {
        private final Connector connector;
        private final int index;
        private final SplittableRandom random;
        private final long measureFrom;
        private final long end;
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final Histogram service = new Histogram(HIGHEST_NANOS, 3);
        long requests;
        long errors;
        long warmupErrors;
        String firstError;

        Worker(Connector connector, int index, long seed, long measureFrom, long end) {
            this.connector = connector;
            this.index = index;
            this.random = new SplittableRandom(seed);
            this.measureFrom = measureFrom;
            this.end = end;
        }

        /** When request {@code i} of this worker is meant to start. */
        abstract long nextIntended(long i);

        @Override
        public void run() {
            Caller caller;
            try {
                caller = connector.open(index);
            } catch (Exception e) {
                errors++;
                firstError = "connect: " + e;
                return;
            }
            try (caller) {
                for (long i = 0; ; i++) {
                    long intended = nextIntended(i);
                    if (intended >= end) break;
                    waitUntil(intended);
                    long sent = System.nanoTime();
                    String error = caller.call(random);
                    long done = System.nanoTime();
                    if (intended < measureFrom) {
                        if (error != null) {
                            warmupErrors++;
                            if (firstError == null) firstError = "(warm-up) " + error;
                        }
                    } else if (error != null) {
                        errors++;
                        if (firstError == null) firstError = error;
                    } else {
                        requests++;
                        latency.recordValue(Math.min(HIGHEST_NANOS, done - intended));
                        service.recordValue(Math.min(HIGHEST_NANOS, done - sent));
                    }
                }
            }
        }

        private static void waitUntil(long deadline) {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                if (left > SPIN_NANOS) {
                    LockSupport.parkNanos(left - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
