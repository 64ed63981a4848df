package io.proxist.pushdown.flush;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.chclient.UpstreamErrors;
import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.error.UpstreamException;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The flusher's HTTP conversation with ClickHouse: Native INSERTs and small TabSeparated probes, each with a
 * timeout, every failure classified ({@link InsertFailure.Kind}) so the flusher knows whether rows may have
 * landed. Unlike the pass-through {@code UpstreamExecutor} it needs a per-request timeout and must tell "never
 * sent" from "sent, no answer". Thread-safe.
 */
final class FlushHttpClient implements AutoCloseable {
    /** ClickHouse errors a retry may cure; anything else the server says about an INSERT rejects the batch. */
    private static final Set<Integer> TRANSIENT = Set.of(
            60, // UNKNOWN_TABLE: the table may be being (re)created by a migration; the rows wait
            81, // UNKNOWN_DATABASE: likewise
            159, // TIMEOUT_EXCEEDED
            164, // READONLY
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            319, // UNKNOWN_STATUS_OF_INSERT
            425, // SYSTEM_ERROR
            1002 // UNKNOWN_EXCEPTION: a body that is not ClickHouse's (a proxy's 502, say)
            );

    private final ClickHouseEndpoint endpoint;
    private final Duration timeout;
    private final HttpClient http;

    FlushHttpClient(ClickHouseEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Sends the block as one {@code INSERT INTO t (cols) FORMAT Native}. */
    void insert(FlushTable table, Block block) throws InsertFailure, InterruptedException {
        StringBuilder sql =
                new StringBuilder("INSERT INTO ").append(table.qualified()).append(" (");
        for (int i = 0; i < block.columnCount(); i++) {
            if (i > 0) sql.append(", ");
            sql.append(SqlText.identifier(block.name(i)));
        }
        sql.append(") FORMAT Native");
        ByteBuf buf = Unpooled.buffer((int) Math.min(Integer.MAX_VALUE - 64, BlockOps.estimateBytes(block) + 256));
        byte[] body;
        try {
            NativeBlockWriter.write(block, 0, buf);
            body = new byte[buf.readableBytes()];
            buf.readBytes(body);
        } finally {
            buf.release();
        }
        send(table.database(), sql.toString(), HttpRequest.BodyPublishers.ofByteArray(body), true);
    }

    /** Runs a query and returns its TabSeparated body; every failure is NOT_SENT, AMBIGUOUS or an error. */
    String query(String database, String sql) throws InsertFailure, InterruptedException {
        return send(database, sql, HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8), false);
    }

    private String send(String database, String sql, HttpRequest.BodyPublisher body, boolean sqlInUrl)
            throws InsertFailure, InterruptedException {
        StringBuilder url = new StringBuilder(endpoint.httpUrl().toString());
        if (url.charAt(url.length() - 1) != '/') url.append('/');
        url.append("?database=").append(URLEncoder.encode(database, StandardCharsets.UTF_8));
        if (sqlInUrl) url.append("&query=").append(URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .header("X-ClickHouse-User", endpoint.user())
                .POST(body);
        if (!endpoint.password().isEmpty())
            req.header("X-ClickHouse-Key", endpoint.password().reveal());
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new InsertFailure(InsertFailure.Kind.NOT_SENT, network("cannot connect", e));
        } catch (HttpTimeoutException e) {
            throw new InsertFailure(InsertFailure.Kind.AMBIGUOUS, network("no answer within " + timeout, e));
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException ce) {
                throw new InsertFailure(InsertFailure.Kind.NOT_SENT, network("cannot connect", ce));
            }
            throw new InsertFailure(InsertFailure.Kind.AMBIGUOUS, network("lost the connection", e));
        }
        String text = new String(resp.body(), StandardCharsets.UTF_8);
        if (resp.statusCode() != 200 || text.startsWith("Code: ")) {
            UpstreamException err = UpstreamErrors.parse(
                    text.isBlank()
                            ? "Code: 1002, e.displayText() = DB::Exception: HTTP status " + resp.statusCode()
                            : text);
            throw new InsertFailure(
                    TRANSIENT.contains(err.codeNumber()) ? InsertFailure.Kind.TRANSIENT : InsertFailure.Kind.REJECTED,
                    err);
        }
        return text;
    }

    private ProxistException network(String what, IOException e) {
        return new ProxistException(
                ErrorCode.NETWORK_ERROR,
                what + " [url=" + endpoint.httpUrl() + "]: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                e);
    }

    @Override
    public void close() {
        http.close();
    }
}
