package io.proxist.bench.http;

import io.proxist.bench.load.LoadResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The HTTP side of {@link io.proxist.bench.load.LoadGenerator}: one kind of query sent to one server over
 * HTTP/1.1 with keep-alive, one {@link HttpClient} (hence one connection) per worker thread.
 */
final class LoadGenerator {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private LoadGenerator() {}

    /** What a query sends: the SQL for a request, drawn with the worker's random source. */
    interface Query extends Function<SplittableRandom, String> {}

    static LoadResult openLoop(
            URI base, Query query, int connections, double rate, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        return io.proxist.bench.load.LoadGenerator.openLoop(
                w -> caller(base, query), connections, rate, warmup, duration, seed);
    }

    static LoadResult closedLoop(URI base, Query query, int connections, Duration warmup, Duration duration, long seed)
            throws InterruptedException {
        return io.proxist.bench.load.LoadGenerator.closedLoop(
                w -> caller(base, query), connections, warmup, duration, seed);
    }

    private static io.proxist.bench.load.LoadGenerator.Caller caller(URI base, Query query) {
        HttpClient client = client();
        return new io.proxist.bench.load.LoadGenerator.Caller() {
            @Override
            public String call(SplittableRandom random) {
                return send(client, request(base, query.apply(random)));
            }

            @Override
            public void close() {
                client.close();
            }
        };
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
