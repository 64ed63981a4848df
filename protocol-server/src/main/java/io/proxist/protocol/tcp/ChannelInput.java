package io.proxist.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.io.EndOfInputException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes a native-protocol connection has received, read by its session thread with blocking calls. The event
 * loop {@link #offer offers} each inbound buffer; the session thread reads across buffers and releases them once
 * consumed. Flow control: when more than {@code highWater} bytes wait unread, the channel stops reading (autoRead
 * off) until the reader has drained them below {@code lowWater}, so a fast client cannot fill the heap.
 *
 * <p>Only the session thread calls the read methods; {@link #offer}, {@link #endOfInput} may be called from any
 * thread.
 */
final class ChannelInput implements ByteInput {
    private final Channel channel;
    private final long highWater;
    private final long lowWater;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private boolean released;
    private boolean paused;
    /** The buffer being read: owned by the session thread, not in {@link #queue}. */
    private ByteBuf current;

    ChannelInput(Channel channel, long highWater, long lowWater) {
        this.channel = channel;
        this.highWater = highWater;
        this.lowWater = lowWater;
    }

    /** Takes ownership of {@code buf} (released here, also when the input is already closed). */
    void offer(ByteBuf buf) {
        lock.lock();
        try {
            if (released || ended) {
                buf.release();
                return;
            }
            queue.add(buf);
            queuedBytes += buf.readableBytes();
            if (!paused && queuedBytes > highWater) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more bytes will come (the peer closed, or the channel failed). */
    void endOfInput() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every buffer held; later reads see the end of input. */
    void release() {
        lock.lock();
        try {
            released = true;
            ended = true;
            for (ByteBuf b : queue) b.release();
            queue.clear();
            queuedBytes = 0;
            if (current != null) {
                current.release();
                current = null;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True when at least one unread byte is here now (never blocks). */
    boolean hasBufferedBytes() {
        if (current != null && current.isReadable()) return true;
        lock.lock();
        try {
            return queuedBytes > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next byte if one is here now, without consuming it; -1 when none has arrived yet (never blocks). Lets a
     * session look for Cancel or Ping while a result streams and leave any other packet for after it.
     */
    int peekIfAvailable() {
        if (current != null && current.isReadable()) return current.getUnsignedByte(current.readerIndex());
        lock.lock();
        try {
            for (ByteBuf b : queue) {
                if (b.isReadable()) return b.getUnsignedByte(b.readerIndex());
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@link #current} readable; false at the end of input. Blocks until bytes come or the input ends. */
    private boolean fill() {
        if (current != null) {
            if (current.isReadable()) return true;
            current.release();
            current = null;
        }
        lock.lock();
        try {
            while (true) {
                ByteBuf next = queue.poll();
                if (next != null) {
                    queuedBytes -= next.readableBytes();
                    if (paused && queuedBytes < lowWater) {
                        paused = false;
                        channel.config().setAutoRead(true);
                        channel.read();
                    }
                    if (next.isReadable()) {
                        current = next;
                        return true;
                    }
                    next.release();
                    continue;
                }
                if (ended) return false;
                arrived.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean atEnd() {
        return !fill();
    }

    @Override
    public int readUnsignedByte() {
        if (current == null || !current.isReadable()) {
            if (!fill()) throw new EndOfInputException("of the connection");
        }
        return current.readUnsignedByte();
    }

    @Override
    public void readFully(byte[] dst, int off, int len) {
        while (len > 0) {
            if (current == null || !current.isReadable()) {
                if (!fill()) throw new EndOfInputException("of the connection");
            }
            int n = Math.min(len, current.readableBytes());
            current.readBytes(dst, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public int readIntLE() {
        if (current != null && current.readableBytes() >= Integer.BYTES) return current.readIntLE();
        return ByteInput.super.readIntLE();
    }

    @Override
    public long readLongLE() {
        if (current != null && current.readableBytes() >= Long.BYTES) return current.readLongLE();
        return ByteInput.super.readLongLE();
    }

    /** Skips {@code n} bytes. */
    void skip(long n) {
        while (n > 0) {
            if (current == null || !current.isReadable()) {
                if (!fill()) throw new EndOfInputException("of the connection");
            }
            int k = (int) Math.min(n, current.readableBytes());
            current.skipBytes(k);
            n -= k;
        }
    }
}
