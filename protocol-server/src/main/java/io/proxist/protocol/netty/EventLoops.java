package io.proxist.protocol.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The event loop groups of Proxist's Netty servers. */
public final class EventLoops implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ConnectionCounts connections = new ConnectionCounts();

    public EventLoops(int workerThreads) {
        this.boss = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("proxist-accept"), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(
                workerThreads, new DefaultThreadFactory("proxist-io"), NioIoHandler.newFactory());
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    /** The connections the servers on these loops accepted, by protocol. */
    public ConnectionCounts connections() {
        return connections;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
