package io.proxist.protocol.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a client's request on to the backing ClickHouse's HTTP interface. This is the interim pass-through of
 * the foundation: whole bodies, no re-encoding; the streaming, format-aware pass-through replaces it.
 */
final class UpstreamHttp implements AutoCloseable {
    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers. */
    private static final Set<String> SKIPPED = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "proxy-connection");

    private final URI base;
    private final HttpClient client;

    UpstreamHttp(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    CompletableFuture<HttpResponse<byte[]>> send(
            String method, String pathAndQuery, Iterable<java.util.Map.Entry<String, String>> headers, byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (var h : headers) {
            if (!SKIPPED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                req.header(h.getKey(), h.getValue());
            }
        }
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static boolean isHopByHop(String header) {
        return SKIPPED.contains(header.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        client.close();
    }
}
