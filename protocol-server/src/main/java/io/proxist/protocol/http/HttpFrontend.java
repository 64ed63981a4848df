package io.proxist.protocol.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.proxist.protocol.netty.EventLoops;
import java.net.InetSocketAddress;
import java.net.URI;

/** The ClickHouse HTTP interface of Proxist: a Netty server on the HTTP port. */
public final class HttpFrontend implements AutoCloseable {
    private final Channel server;
    private final UpstreamHttp upstream;

    private HttpFrontend(Channel server, UpstreamHttp upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /**
     * Binds {@code host:port} and answers there.
     *
     * @param upstreamUrl the backing ClickHouse's HTTP interface, where requests Proxist does not answer go
     * @param maxRequestBytes the largest request body accepted
     */
    public static HttpFrontend start(EventLoops loops, String host, int port, URI upstreamUrl, int maxRequestBytes) {
        UpstreamHttp upstream = new UpstreamHttp(upstreamUrl);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(maxRequestBytes))
                                .addLast(new HttpRequestHandler(upstream));
                    }
                });
        Channel ch = b.bind(host, port).syncUninterruptibly().channel();
        return new HttpFrontend(ch, upstream);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        upstream.close();
    }
}
