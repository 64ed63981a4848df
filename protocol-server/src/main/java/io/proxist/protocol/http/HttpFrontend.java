package io.proxist.protocol.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.ServerIdentity;
import io.proxist.protocol.auth.Users;
import io.proxist.protocol.netty.ConnectionCounts;
import io.proxist.protocol.netty.EventLoops;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The ClickHouse HTTP interface of Proxist: Netty on the HTTP port (and, with a certificate, HTTPS on a second
 * port). Pipeline: codec, response compression (only with {@code enable_http_compression=1}, as ClickHouse),
 * request decompression (Content-Encoding), a bounded aggregator (request size limit), idle timeout, then
 * {@link ClickHouseHttpHandler}.
 */
public final class HttpFrontend implements AutoCloseable {
    private final List<Channel> servers;
    private final ExecutorService workers;

    private HttpFrontend(List<Channel> servers, ExecutorService workers) {
        this.servers = servers;
        this.workers = workers;
    }

    /** Limits and TLS of the HTTP servers. */
    public record Options(
            String host, int port, int tlsPort, SslContext tls, int maxRequestBytes, int idleTimeoutSeconds) {}

    public static HttpFrontend start(
            EventLoops loops, Options options, QueryEngine engine, Users users, ServerIdentity identity) {
        ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("proxist-http-", 0).factory());
        ClickHouseHttpHandler.HttpContext shared =
                new ClickHouseHttpHandler.HttpContext(engine, users, new Sessions(), identity, workers);
        Channel plain = bind(loops, options, options.port(), null, shared);
        if (options.tls() == null) return new HttpFrontend(List.of(plain), workers);
        Channel tls = bind(loops, options, options.tlsPort(), options.tls(), shared);
        return new HttpFrontend(List.of(plain, tls), workers);
    }

    private static Channel bind(
            EventLoops loops, Options o, int port, SslContext tls, ClickHouseHttpHandler.HttpContext shared) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        loops.connections().track(ch, ConnectionCounts.Protocol.HTTP);
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, o.idleTimeoutSeconds(), TimeUnit.SECONDS) {
                                    @Override
                                    protected void channelIdle(
                                            ChannelHandlerContext ctx, io.netty.handler.timeout.IdleStateEvent evt) {
                                        if (ctx.channel().config().isAutoRead()) ctx.close(); // idle, not mid-query
                                    }
                                })
                                .addLast(new HttpServerCodec())
                                .addLast(new CompressionGate())
                                .addLast(new ClickHouseContentCompressor())
                                .addLast(new HttpContentDecompressor(o.maxRequestBytes()))
                                .addLast(new HttpObjectAggregator(o.maxRequestBytes()))
                                .addLast(new ClickHouseHttpHandler(shared));
                    }
                });
        return b.bind(o.host(), port).syncUninterruptibly().channel();
    }

    /** ClickHouse compresses responses by Accept-Encoding only when enable_http_compression=1. */
    private static final class CompressionGate extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                List<String> flag =
                        new QueryStringDecoder(req.uri()).parameters().get("enable_http_compression");
                if (flag == null || !flag.getLast().equals("1")) req.headers().remove(HttpHeaderNames.ACCEPT_ENCODING);
            }
            ctx.fireChannelRead(msg);
        }
    }

    public int port() {
        return ((InetSocketAddress) servers.getFirst().localAddress()).getPort();
    }

    /** The HTTPS port, or -1 without TLS. */
    public int tlsPort() {
        return servers.size() > 1 ? ((InetSocketAddress) servers.get(1).localAddress()).getPort() : -1;
    }

    @Override
    public void close() {
        for (Channel c : servers) c.close().syncUninterruptibly();
        workers.shutdownNow();
    }
}
