package io.proxist.protocol.netty;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections of the Netty servers by protocol (for metrics): open now and accepted since start. A frontend calls
 * {@link #track} once per accepted channel; the channel's close takes it off the open count.
 */
public final class ConnectionCounts {
    /** The protocols counted apart. */
    public enum Protocol {
        HTTP,
        NATIVE
    }

    private final AtomicLong[] open = {new AtomicLong(), new AtomicLong()};
    private final AtomicLong[] accepted = {new AtomicLong(), new AtomicLong()};

    /** Counts an accepted connection as open until its channel closes. */
    public void track(Channel channel, Protocol protocol) {
        int i = protocol.ordinal();
        accepted[i].incrementAndGet();
        open[i].incrementAndGet();
        channel.closeFuture().addListener(f -> open[i].decrementAndGet());
    }

    public long open(Protocol protocol) {
        return open[protocol.ordinal()].get();
    }

    public long accepted(Protocol protocol) {
        return accepted[protocol.ordinal()].get();
    }
}
