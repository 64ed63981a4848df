package io.proxist.protocol.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers one HTTP request: {@code /ping}, {@code /replicas_status} and a bare {@code GET /} locally with
 * {@code Ok.}, everything else through the backing ClickHouse. {@link SimpleChannelInboundHandler} releases the
 * request; its content is copied out before the handler returns.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);

    private final UpstreamHttp upstream;

    HttpRequestHandler(UpstreamHttp upstream) {
        this.upstream = upstream;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        boolean bareRoot = path.equals("/")
                && req.method().equals(HttpMethod.GET)
                && uri.parameters().isEmpty();
        if (path.equals("/ping") || path.equals("/replicas_status") || bareRoot) {
            respond(ctx, keepAlive, HttpResponseStatus.OK, "text/html; charset=UTF-8", OK);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        upstream.send(req.method().name(), req.uri(), req.headers(), body).whenComplete((resp, err) -> {
            if (err != null) {
                byte[] msg = ("Code: 210. DB::Exception: cannot reach the backing ClickHouse: " + err.getMessage()
                                + ". (NETWORK_ERROR)\n")
                        .getBytes(StandardCharsets.UTF_8);
                respond(ctx, keepAlive, HttpResponseStatus.BAD_GATEWAY, "text/plain; charset=UTF-8", msg);
                return;
            }
            FullHttpResponse out = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(resp.statusCode()),
                    Unpooled.wrappedBuffer(resp.body()));
            resp.headers().map().forEach((name, values) -> {
                if (!UpstreamHttp.isHopByHop(name) && !name.startsWith(":")) {
                    out.headers().add(name, values);
                }
            });
            send(ctx, keepAlive, out);
        });
    }

    private static void respond(
            ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type, byte[] body) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        send(ctx, keepAlive, out);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse out) {
        HttpUtil.setContentLength(out, out.content().readableBytes());
        HttpUtil.setKeepAlive(out, keepAlive);
        var f = ctx.writeAndFlush(out);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
