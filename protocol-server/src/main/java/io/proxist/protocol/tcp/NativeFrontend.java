package io.proxist.protocol.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.ServerIdentity;
import io.proxist.protocol.auth.Users;
import io.proxist.protocol.netty.ConnectionCounts;
import io.proxist.protocol.netty.EventLoops;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's native TCP protocol on Proxist's native port (and, with a certificate, on a TLS port). Netty owns
 * the sockets; each connection's protocol runs as a {@link NativeSession} on its own virtual thread, reading
 * through {@link ChannelInput} (bounded, with autoRead flow control) and writing through {@link Outbound}
 * (waiting on writability). Queries go to the same {@link QueryEngine} as the HTTP interface.
 */
public final class NativeFrontend implements AutoCloseable {
    /** Bytes a connection may have received and not yet decoded before Proxist stops reading from it. */
    private static final long INPUT_HIGH_WATER = 4L << 20;

    private static final long INPUT_LOW_WATER = 1L << 20;

    private final List<Channel> servers;
    private final ChannelGroup connections;

    private NativeFrontend(List<Channel> servers, ChannelGroup connections) {
        this.servers = servers;
        this.connections = connections;
    }

    /** Ports, TLS and limits of the native servers. */
    public record Options(String host, int port, int tlsPort, SslContext tls, int httpPort, ProtocolLimits limits) {}

    /** What every session of this frontend shares. */
    record Shared(
            QueryEngine engine,
            Users users,
            ServerIdentity identity,
            ProtocolLimits limits,
            int port,
            int httpPortHint) {}

    public static NativeFrontend start(
            EventLoops loops, Options options, QueryEngine engine, Users users, ServerIdentity identity) {
        ChannelGroup connections = new DefaultChannelGroup("proxist-native", GlobalEventExecutor.INSTANCE);
        List<Channel> servers = new ArrayList<>();
        try {
            servers.add(
                    bind(loops, options.host(), options.port(), null, options, engine, users, identity, connections));
            if (options.tls() != null) {
                servers.add(bind(
                        loops,
                        options.host(),
                        options.tlsPort(),
                        options.tls(),
                        options,
                        engine,
                        users,
                        identity,
                        connections));
            }
        } catch (RuntimeException e) {
            for (Channel c : servers) c.close().syncUninterruptibly();
            throw e;
        }
        return new NativeFrontend(servers, connections);
    }

    private static Channel bind(
            EventLoops loops,
            String host,
            int port,
            SslContext tls,
            Options options,
            QueryEngine engine,
            Users users,
            ServerIdentity identity,
            ChannelGroup connections) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // a client that shuts down its sending side still gets the answers to what it sent
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        loops.connections().track(ch, ConnectionCounts.Protocol.NATIVE);
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        int localPort = ch.localAddress().getPort();
                        Shared shared =
                                new Shared(engine, users, identity, options.limits(), localPort, options.httpPort());
                        ch.pipeline().addLast(new Bridge(shared));
                    }
                });
        return b.bind(host, port).syncUninterruptibly().channel();
    }

    /** The port of the plain native server. */
    public int port() {
        return ((InetSocketAddress) servers.get(0).localAddress()).getPort();
    }

    /** The TLS port, or -1 without TLS. */
    public int tlsPort() {
        return servers.size() > 1 ? ((InetSocketAddress) servers.get(1).localAddress()).getPort() : -1;
    }

    @Override
    public void close() {
        for (Channel c : servers) c.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }

    /** Hands inbound bytes to the session's input and writability changes to its output. */
    private static final class Bridge extends ChannelInboundHandlerAdapter {
        private final Shared shared;
        private ChannelInput input;
        private Outbound output;

        Bridge(Shared shared) {
            this.shared = shared;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            input = new ChannelInput(ctx.channel(), INPUT_HIGH_WATER, INPUT_LOW_WATER);
            output = new Outbound(ctx.channel());
            Thread.ofVirtual()
                    .name("proxist-native-" + ctx.channel().id().asShortText())
                    .start(new NativeSession(shared, input, output));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && input != null) {
                input.offer(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && input != null) input.endOfInput();
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (output != null) output.signal();
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (input != null) input.endOfInput();
            if (output != null) output.signal();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
