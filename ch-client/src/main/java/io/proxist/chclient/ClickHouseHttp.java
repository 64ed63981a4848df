package io.proxist.chclient;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of a ClickHouse HTTP interface for control statements (DDL, migrations, probes, small
 * results as text). Bulk data paths use their own streaming clients. Thread-safe.
 */
public final class ClickHouseHttp {
    private final ClickHouseEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;

    public ClickHouseHttp(ClickHouseEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** Runs one statement in the server's default database and returns the body (TabSeparated by default). */
    public String query(String sql) {
        return query(sql, null);
    }

    /** Runs one statement, in {@code database} when it is not null, and returns the response body. */
    public String query(String sql, String database) {
        StringBuilder url = new StringBuilder(endpoint.httpUrl().toString());
        if (url.charAt(url.length() - 1) != '/') {
            url.append('/');
        }
        if (database != null) {
            url.append("?database=").append(URLEncoder.encode(database, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .header("X-ClickHouse-User", endpoint.user())
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (!endpoint.password().isEmpty()) {
            req.header("X-ClickHouse-Key", endpoint.password().reveal());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProxistException(
                    ErrorCode.NETWORK_ERROR,
                    "cannot reach ClickHouse [url=" + endpoint.httpUrl() + "]: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxistException(ErrorCode.QUERY_WAS_CANCELLED, "interrupted while querying ClickHouse", e);
        }
        if (resp.statusCode() != 200) {
            throw UpstreamErrors.parse(resp.body());
        }
        return resp.body();
    }

    /** True when the server answers {@code /ping} with {@code Ok.}. */
    public boolean ping() {
        HttpRequest req = HttpRequest.newBuilder(endpoint.httpUrl().resolve("/ping"))
                .timeout(timeout)
                .GET()
                .build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 && resp.body().startsWith("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
