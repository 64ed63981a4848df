package io.proxist.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a session thread writes to its connection. {@link #flush()} waits while the channel is not writable (its
 * outbound buffer above the high water mark), so a slow reader holds back the producer instead of the heap
 * filling; it throws {@link ConnectionClosed} once the peer is gone.
 */
final class Outbound {
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    Outbound(Channel channel) {
        this.channel = channel;
    }

    /** The peer went away while the session was writing; the session ends quietly. */
    static final class ConnectionClosed extends RuntimeException {
        ConnectionClosed() {
            super("connection closed by the client", null, false, false);
        }
    }

    Channel channel() {
        return channel;
    }

    /** Queues {@code buf} (ownership passes on); see {@link #flush()}. */
    void write(ByteBuf buf) {
        if (!channel.isActive()) {
            buf.release();
            throw new ConnectionClosed();
        }
        channel.write(buf, channel.voidPromise());
    }

    /** Sends what was written and waits until the channel can take more. */
    void flush() {
        channel.flush();
        lock.lock();
        try {
            while (channel.isActive() && !channel.isWritable()) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (!channel.isActive()) throw new ConnectionClosed();
    }

    /** Called by the channel handler when writability or activity changes. */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
