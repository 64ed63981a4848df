package io.proxist.protocol.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.proxist.protocol.netty.EventLoops;
import java.net.InetSocketAddress;

/**
 * A byte-for-byte TCP relay from a Proxist port to a ClickHouse port. It serves the native port until Proxist
 * speaks the native protocol itself: clients then reach the backing server unchanged. Reads are driven by the
 * other side's writability (autoRead off), so a slow peer applies backpressure instead of buffering.
 *
 * <p>Buffers: each inbound {@code ByteBuf} is passed to the other channel's write, which releases it.
 */
public final class TcpRelay implements AutoCloseable {
    private final Channel server;

    private TcpRelay(Channel server) {
        this.server = server;
    }

    public static TcpRelay start(EventLoops loops, String host, int port, InetSocketAddress upstream) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Frontend(upstream));
                    }
                });
        Channel ch = b.bind(host, port).syncUninterruptibly().channel();
        return new TcpRelay(ch);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Relays what one channel reads to its peer; closes the peer when this side closes. */
    private static class Pipe extends ChannelInboundHandlerAdapter {
        Channel peer;

        Pipe(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward(msg, ctx.channel(), peer);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(peer);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnFlush(ctx.channel());
        }
    }

    /** The client side: connects to the upstream when the client connects, then relays like any pipe. */
    private static final class Frontend extends Pipe {
        private final InetSocketAddress upstream;

        Frontend(InetSocketAddress upstream) {
            super(null);
            this.upstream = upstream;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel in = ctx.channel();
            Bootstrap b = new Bootstrap()
                    .group(in.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new Pipe(in));
            b.connect(upstream).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    peer = f.channel();
                    in.read();
                    peer.read();
                } else {
                    in.close();
                }
            });
        }
    }

    /** Writes {@code msg} to {@code to} (which releases it) and reads more from {@code from} once it is written. */
    private static void forward(Object msg, Channel from, Channel to) {
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                from.read();
            } else {
                f.channel().close();
                from.close();
            }
        });
    }

    private static void closeOnFlush(Channel ch) {
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
