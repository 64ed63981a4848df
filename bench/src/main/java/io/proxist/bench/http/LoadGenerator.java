package io.proxist.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Sends one kind of query to one server over HTTP/1.1 with keep-alive, one {@link HttpClient} (hence one
 * connection) per worker thread, each worker with one request in flight.
 *
 * <p>{@link #openLoop}: each worker issues its requests on a fixed schedule, whatever the answers take, and
 * records each latency from the request's <em>intended</em> start, as wrk2 does, so that a stall is charged to
 * every request it delayed (no coordinated omission). The time from the actual send is recorded apart (the
 * service time). {@link #closedLoop}: each worker sends the next request as soon as the previous one is answered;
 * its figure is the throughput.
 */
final class LoadGenerator {
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Parking overshoots by tens of microseconds; the last stretch before a send is spun instead. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private LoadGenerator() {}

    /** What a query sends: the SQL for a request, drawn with the worker's random source. */
    interface Query extends Function<SplittableRandom, String> {}

    /** One phase's figures, the histograms in nanoseconds. */
    record Result(
            Histogram latency,
            Histogram service,
            long requests,
            long errors,
            long warmupErrors,
            double seconds,
            String firstError) {
        double throughput() {
            return requests / seconds;
        }
    }

    static Result openLoop(
            URI base, Query query, int connections, double rate, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        long periodNanos = Math.round(connections * 1e9 / rate);
        long staggerNanos = Math.round(1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long first = start + w * staggerNanos;
            workers.add(new Worker(base, query, seed + w, measureFrom, end) {
                @Override
                long nextIntended(long i) {
                    return first + i * periodNanos;
                }
            });
        }
        return run(workers, duration);
    }

    static Result closedLoop(URI base, Query query, int connections, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            workers.add(new Worker(base, query, seed + w, measureFrom, end) {
                @Override
                long nextIntended(long i) {
                    return System.nanoTime(); // no schedule: as soon as the previous answer is in
                }
            });
        }
        return run(workers, duration);
    }

    private static Result run(List<Worker> workers, Duration duration) throws InterruptedException {
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
        return new Result(latency, service, requests, errors, warmupErrors, duration.toNanos() / 1e9, firstError);
    }

    private abstract static class Worker implements Runnable {
        private final URI base;
        private final Query query;
        private final SplittableRandom random;
        private final long measureFrom;
        private final long end;
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final Histogram service = new Histogram(HIGHEST_NANOS, 3);
        long requests;
        long errors;
        long warmupErrors;
        String firstError;

        Worker(URI base, Query query, long seed, long measureFrom, long end) {
            this.base = base;
            this.query = query;
            this.random = new SplittableRandom(seed);
            this.measureFrom = measureFrom;
            this.end = end;
        }

        /** When request {@code i} of this worker is meant to start. */
        abstract long nextIntended(long i);

        @Override
        public void run() {
            try (HttpClient client = client()) {
                for (long i = 0; ; i++) {
                    long intended = nextIntended(i);
                    if (intended >= end) break;
                    waitUntil(intended);
                    HttpRequest req = request(base, query.apply(random));
                    long sent = System.nanoTime();
                    String error = send(client, req);
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

    /** A client with one connection: HTTP/1.1, kept alive, used by one thread at a time. */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** {@code GET base?query=sql}: a read-only query, as both servers take it. */
    static HttpRequest request(URI base, String sql) {
        return HttpRequest.newBuilder(URI.create(base + "?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
    }

    /** Sends and reads the whole answer; null when it is a non-empty 200, else what went wrong. */
    private static String send(HttpClient client, HttpRequest req) {
        try {
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return "HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).strip();
            }
            return r.body().length == 0 ? "empty answer" : null;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
