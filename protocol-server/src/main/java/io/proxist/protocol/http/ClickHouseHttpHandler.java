package io.proxist.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.QueryParameters;
import io.proxist.core.query.QueryResult;
import io.proxist.core.query.ServerIdentity;
import io.proxist.core.query.Statement;
import io.proxist.core.query.StatementKind;
import io.proxist.core.query.StatementScanner;
import io.proxist.protocol.auth.Users;
import io.proxist.protocol.compress.CompressedFrames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The ClickHouse HTTP interface: local endpoints on the event loop; each query on a virtual thread (the
 * channel stops reading until it is answered, so requests on one connection are served in order).
 * Auto-release is off: the worker releases the request when it is done with the body.
 */
final class ClickHouseHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpContext shared;

    ClickHouseHttpHandler(HttpContext shared) {
        super(false);
        this.shared = shared;
    }

    /** What every connection shares. */
    record HttpContext(
            QueryEngine engine, Users users, Sessions sessions, ServerIdentity identity, ExecutorService workers) {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String path;
        boolean bareRoot;
        try {
            if (req.decoderResult().isFailure()) {
                throw new ProxistException(
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "Cannot parse HTTP request: " + req.decoderResult().cause());
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            path = uri.path();
            bareRoot = path.equals("/")
                    && req.method().equals(HttpMethod.GET)
                    && uri.parameters().isEmpty();
        } catch (RuntimeException e) {
            // a malformed request line or URI (a bad %-escape): this handler still owns the request
            req.release();
            ProxistException pe = e instanceof ProxistException p
                    ? p
                    : new ProxistException(ErrorCode.BAD_ARGUMENTS, "Cannot parse URI: " + e.getMessage());
            sendError(ctx, false, null, pe);
            return;
        }
        if (path.equals("/ping") || path.equals("/replicas_status") || bareRoot) {
            req.release();
            FullHttpResponse r = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(OK));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
            send(ctx, r, keepAlive);
            return;
        }
        if (!path.equals("/") && !path.equals("/query")) {
            req.release();
            sendError(
                    ctx,
                    keepAlive,
                    null,
                    new ProxistException(ErrorCode.UNSUPPORTED_METHOD, "There is no handle " + path));
            return;
        }
        ctx.channel().config().setAutoRead(false);
        Runnable work = () -> {
            try {
                serve(ctx, req, keepAlive);
            } finally {
                req.release();
                ctx.channel().config().setAutoRead(true);
                ctx.channel().read();
            }
        };
        try {
            shared.workers().execute(work);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            req.release();
            ctx.close();
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
        String queryId = null;
        Sessions.Session session = null;
        try {
            HttpParams p = new HttpParams(req);
            queryId = p.reserved("query_id");
            if (queryId == null || queryId.isEmpty())
                queryId = UUID.randomUUID().toString();
            shared.users().authenticate(p.user, p.password);
            String sessionId = p.reserved("session_id");
            if (sessionId != null && !sessionId.isEmpty()) {
                session = shared.sessions()
                        .acquire(
                                sessionId,
                                p.user,
                                p.intParam("session_timeout", Sessions.DEFAULT_TIMEOUT_SECONDS),
                                p.flag("session_check"));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            if (session != null) settings.putAll(session.settings);
            for (String name : p.settings.keySet()) {
                if (!shared.engine().knowsSetting(name)) {
                    throw new ProxistException(ErrorCode.UNKNOWN_SETTING, "Unknown setting '" + name + "'");
                }
            }
            settings.putAll(p.settings);
            String database = p.reserved("database");
            if (database == null) database = session != null && session.database != null ? session.database : "default";
            byte[] body = ByteBufUtil.getBytes(req.content());
            if (p.flag("decompress") && body.length > 0) body = CompressedFrames.decompress(body);
            boolean readonly = req.method().equals(HttpMethod.GET);
            StatementWithData sd = statement(p.reserved("query"), body);
            Statement st = sd.statement;
            if (readonly && st.kind() != StatementKind.QUERY && st.kind() != StatementKind.SET) {
                throw new ProxistException(
                        ErrorCode.READONLY,
                        "Cannot execute query in readonly mode. For queries over HTTP, method GET"
                                + " implies readonly. You should use method POST for modifying queries");
            }
            String sql = QueryParameters.substitute(st.sql(), p.queryParameters);
            st = new Statement(st.kind(), sql, st.format(), st.insertTable(), st.insertColumns(), st.inlineData());
            QueryContext qc = new QueryContext(p.user, database, queryId, settings, p.queryParameters, readonly);
            switch (st.kind()) {
                case SET -> {
                    Map<String, String> changes = StatementScanner.setAssignments(st.sql());
                    for (String name : changes.keySet()) {
                        if (!shared.engine().knowsSetting(name)) {
                            throw new ProxistException(ErrorCode.UNKNOWN_SETTING, "Unknown setting '" + name + "'");
                        }
                    }
                    if (session != null) session.settings.putAll(changes);
                    new ResponseStreamer(ctx, shared.identity(), p, queryId, keepAlive).done(0, 0);
                }
                case USE -> {
                    String db = st.sql().substring(3).strip().replace("`", "");
                    if (session != null) session.database = db;
                    new ResponseStreamer(ctx, shared.identity(), p, queryId, keepAlive).done(0, 0);
                }
                default -> {
                    String format = st.format() != null ? st.format() : p.reserved("default_format");
                    ResponseStreamer out = new ResponseStreamer(ctx, shared.identity(), p, queryId, keepAlive);
                    if (st.kind() == StatementKind.QUERY) out.prepareFormat(format, settings);
                    QueryResult r = shared.engine()
                            .execute(
                                    qc, st, st.kind() == StatementKind.INSERT && !st.insertSelect() ? sd.data() : null);
                    switch (r) {
                        case QueryResult.Rows rows -> out.stream(rows.cursor());
                        case QueryResult.Done d -> out.done(d.writtenRows(), d.writtenBytes());
                    }
                }
            }
            if (p.flag("close_session") && sessionId != null) shared.sessions().close(sessionId, p.user);
        } catch (Throwable t) {
            ProxistException e = ErrorResponses.of(t);
            sendError(ctx, keepAlive, queryId, e);
        } finally {
            if (session != null) shared.sessions().release(session);
        }
    }

    private record StatementWithData(Statement statement, byte[] bytes) {
        java.io.InputStream data() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /**
     * The statement and its INSERT data: the {@code query} parameter and the body, as ClickHouse joins them
     * (the parameter, a line break, the body), or the body alone.
     */
    private static StatementWithData statement(String queryParam, byte[] body) {
        if (queryParam != null) {
            Statement st = StatementScanner.scan(queryParam);
            if (st.kind() == StatementKind.INSERT && st.inlineData() != null) {
                byte[] inline = st.inlineData();
                if (inline.length == 0) return new StatementWithData(st, body);
                byte[] joined = new byte[inline.length + 1 + body.length];
                System.arraycopy(inline, 0, joined, 0, inline.length);
                joined[inline.length] = '\n';
                System.arraycopy(body, 0, joined, inline.length + 1, body.length);
                return new StatementWithData(st, joined);
            }
            if (body.length == 0) return new StatementWithData(st, new byte[0]);
            String text = queryParam + "\n" + new String(body, StandardCharsets.UTF_8);
            return new StatementWithData(StatementScanner.scan(text), new byte[0]);
        }
        if (body.length == 0) throw new ProxistException(ErrorCode.SYNTAX_ERROR, "Empty query");
        // scan the body as Latin-1 so offsets are byte offsets: INSERT data after the statement may be binary
        Statement raw = StatementScanner.scan(new String(body, StandardCharsets.ISO_8859_1));
        if (raw.kind() != StatementKind.INSERT || raw.inlineData() == null) {
            return new StatementWithData(StatementScanner.scan(new String(body, StandardCharsets.UTF_8)), new byte[0]);
        }
        // the scanner hands the data back re-encoded: count its characters, one per body byte in Latin-1
        int dataStart = body.length - new String(raw.inlineData(), StandardCharsets.UTF_8).length();
        Statement head = StatementScanner.scan(new String(body, 0, dataStart, StandardCharsets.UTF_8));
        byte[] data = java.util.Arrays.copyOfRange(body, dataStart, body.length);
        return new StatementWithData(head, data);
    }

    private void sendError(ChannelHandlerContext ctx, boolean keepAlive, String queryId, ProxistException e) {
        byte[] text = (e.toClickHouseText(shared.identity().version()) + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(ErrorResponses.status(e)),
                Unpooled.wrappedBuffer(text));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        r.headers().set("X-ClickHouse-Exception-Code", Integer.toString(e.codeNumber()));
        r.headers().set("X-ClickHouse-Server-Display-Name", shared.identity().displayName());
        if (queryId != null) r.headers().set("X-ClickHouse-Query-Id", queryId);
        send(ctx, r, keepAlive);
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
