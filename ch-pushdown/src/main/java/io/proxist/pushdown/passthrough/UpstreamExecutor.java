package io.proxist.pushdown.passthrough;

import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.chclient.UpstreamErrors;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.type.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs statements that touch no Proxist table on the backing ClickHouse over HTTP, as Proxist's own user:
 * results come back in Native and stream as blocks; settings pass through {@link SettingsPolicy}; errors come
 * back as {@link io.proxist.core.error.UpstreamException}s with ClickHouse's own codes.
 */
public final class UpstreamExecutor implements AutoCloseable {
    private final ClickHouseEndpoint endpoint;
    private final SettingsPolicy settings;
    private final HttpClient http;
    private volatile ZoneId serverZone;

    private static final String NATIVE = "Native";
    private static final String WITH_TOTALS = "TabSeparatedWithNamesAndTypes";

    public UpstreamExecutor(ClickHouseEndpoint endpoint, SettingsPolicy settings) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public SettingsPolicy settingsPolicy() {
        return settings;
    }

    /** Runs a statement that returns rows; the cursor streams them. */
    public BlockCursor query(QueryContext ctx, String sql) {
        InputStream body = send(ctx, sql, HttpRequest.BodyPublishers.noBody(), NATIVE);
        UpstreamCursor c = UpstreamCursor.open(body, () -> describe(ctx, sql));
        if (!ZoneRestoringCursor.needed(c.header())) return c;
        // an old server's Native over HTTP drops DateTime's time zone; DESCRIBE still has it
        try {
            return new ZoneRestoringCursor(c, describe(ctx, sql));
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs a statement whose result has totals ({@code WITH TOTALS}: {@code totals}) or extremes (setting {@code
     * extremes=1}: {@code extremes}), which the old server's Native does not carry: the result comes as
     * TabSeparatedWithNamesAndTypes ({@link UpstreamTextCursor}), its rows still streamed, and the cursor has the
     * totals and extremes once the rows are read.
     */
    public BlockCursor queryWithTotals(QueryContext ctx, String sql, boolean totals, boolean extremes) {
        ZoneId zone = serverZone(ctx);
        InputStream body = send(ctx, sql, HttpRequest.BodyPublishers.noBody(), WITH_TOTALS);
        return UpstreamTextCursor.open(body, totals, extremes, zone, () -> describe(ctx, sql));
    }

    /** The backend's time zone (the zone of its DateTime text), asked once. */
    private ZoneId serverZone(QueryContext ctx) {
        ZoneId z = serverZone;
        if (z == null) {
            QueryContext plain = new QueryContext(
                    ctx.user(), ctx.database(), ctx.queryId() + "-timezone", Map.of(), Map.of(), false);
            try (InputStream in =
                    send(plain, "SELECT timezone()", HttpRequest.BodyPublishers.noBody(), "TabSeparated")) {
                String text = new String(in.readNBytes(256), StandardCharsets.UTF_8);
                z = ZoneId.of(text.lines().findFirst().orElse("").strip());
            } catch (IOException | java.time.DateTimeException e) {
                throw new ProxistException(
                        ErrorCode.NETWORK_ERROR,
                        "cannot read the backing ClickHouse's time zone: " + e.getMessage(),
                        e);
            }
            serverZone = z;
        }
        return z;
    }

    /** Runs a statement with no result (DDL, INSERT ... SELECT, SET on the server side). */
    public void execute(QueryContext ctx, String sql) {
        drain(send(ctx, sql, HttpRequest.BodyPublishers.noBody(), null));
    }

    /**
     * Sends an INSERT whose data is in a format the backing server reads: {@code head} is the statement up to and
     * including {@code FORMAT X}, {@code data} its bytes.
     */
    public void insert(QueryContext ctx, String head, InputStream data) {
        drain(send(ctx, head, HttpRequest.BodyPublishers.ofInputStream(() -> data), null));
    }

    /** Names and types of a query's result, for an empty result (the old server's Native sends nothing then). */
    public Block describe(QueryContext ctx, String sql) {
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        try (BlockCursor c = UpstreamCursor.open(
                send(ctx, "DESCRIBE TABLE (" + sql + ")", HttpRequest.BodyPublishers.noBody(), NATIVE),
                () -> Block.header(List.of(), List.of()))) {
            for (Block b = c.next(); b != null; b = c.next()) {
                var n = (io.proxist.core.block.BytesColumn) b.column(0);
                var t = (io.proxist.core.block.BytesColumn) b.column(1);
                for (int i = 0; i < b.rows(); i++) {
                    names.add(n.getString(i));
                    cols.add(Columns.empty(DataType.parse(t.getString(i))));
                }
            }
        } catch (ProxistException notDescribable) {
            // SHOW and other statements DESCRIBE cannot wrap: an empty result without columns
        }
        return Block.header(names, cols);
    }

    /**
     * Sends a statement; {@code resultFormat} asks for rows in that format (default_format, so the SQL stays as
     * given), null for a statement without rows.
     */
    private InputStream send(QueryContext ctx, String sql, HttpRequest.BodyPublisher data, String resultFormat) {
        StringBuilder url = new StringBuilder(endpoint.httpUrl().toString());
        if (url.charAt(url.length() - 1) != '/') url.append('/');
        url.append("?database=")
                .append(enc(ctx.database()))
                .append("&query_id=")
                .append(enc(ctx.queryId()));
        if (resultFormat != null) url.append("&default_format=").append(resultFormat);
        if (ctx.readonly() && !ctx.settings().containsKey("readonly")) url.append("&readonly=2"); // GET, as ClickHouse
        for (Map.Entry<String, String> s : settings.forUpstream(ctx.settings()).entrySet()) {
            url.append('&').append(enc(s.getKey())).append('=').append(enc(s.getValue()));
        }
        HttpRequest.BodyPublisher body = data;
        boolean hasData = !(data.contentLength() == 0);
        if (hasData) {
            url.append("&query=").append(enc(sql));
        } else {
            body = HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString()))
                .header("X-ClickHouse-User", endpoint.user())
                .POST(body);
        if (!endpoint.password().isEmpty())
            req.header("X-ClickHouse-Key", endpoint.password().reveal());
        HttpResponse<InputStream> resp;
        try {
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException stale) {
                // a pooled connection the server closed while idle: nothing was read, so a query without data
                // (its text is the body, and it returns rows) is sent again once, on a new connection
                if (hasData
                        || resultFormat == null
                        || !String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            }
        } catch (IOException e) {
            throw new ProxistException(
                    ErrorCode.NETWORK_ERROR,
                    "cannot reach the backing ClickHouse [url=" + endpoint.httpUrl() + "]: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxistException(ErrorCode.QUERY_WAS_CANCELLED, "Query was cancelled", e);
        }
        if (resp.statusCode() != 200) {
            String text;
            try (InputStream in = resp.body()) {
                text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "Code: 1002, e.displayText() = DB::Exception: upstream status " + resp.statusCode();
            }
            throw UpstreamErrors.parse(text);
        }
        return resp.body();
    }

    private static void drain(InputStream in) {
        try (in) {
            byte[] rest = in.readNBytes(1 << 20);
            String text = new String(rest, StandardCharsets.UTF_8);
            if (text.startsWith("Code: ")) throw UpstreamErrors.parse(text);
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.NETWORK_ERROR, "lost the upstream response: " + e.getMessage(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
