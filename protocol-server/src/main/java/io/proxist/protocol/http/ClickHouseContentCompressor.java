package io.proxist.protocol.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.util.Locale;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Netty's response compressor (gzip, deflate, zstd) plus {@code lz4}, which ClickHouse also serves: the standard
 * LZ4 frame format (not Netty's own LZ4 framing), chosen when the client accepts lz4 but neither zstd nor br.
 */
final class ClickHouseContentCompressor extends HttpContentCompressor {

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        String accept = acceptEncoding.toLowerCase(Locale.ROOT);
        if (accept.contains("lz4") && !accept.contains("zstd") && !accept.contains("br")) {
            return new Result("lz4", new EmbeddedChannel(new Lz4FrameWriter()));
        }
        return super.beginEncode(response, acceptEncoding);
    }

    /** Writes each buffer into one LZ4 frame that ends when the channel closes; releases what it is given. */
    private static final class Lz4FrameWriter extends ChannelOutboundHandlerAdapter {
        private ByteBuf pending;
        private LZ4FrameOutputStream lz4;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws IOException {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (lz4 == null) {
                    pending = ctx.alloc().buffer();
                    lz4 = new LZ4FrameOutputStream(new ByteBufOutputStream(pending));
                }
                in.readBytes(lz4, in.readableBytes());
                lz4.flush();
            } finally {
                in.release();
            }
            emit(ctx, promise);
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws IOException {
            if (lz4 == null) {
                pending = ctx.alloc().buffer();
                lz4 = new LZ4FrameOutputStream(new ByteBufOutputStream(pending));
            }
            lz4.close();
            emit(ctx, ctx.newPromise());
            ctx.flush(); // the frame's end mark: finishing the encoder collects only flushed output
            ctx.close(promise);
        }

        private void emit(ChannelHandlerContext ctx, ChannelPromise promise) {
            ByteBuf out = ctx.alloc().buffer(pending.readableBytes());
            out.writeBytes(pending); // a copy: pending is reused for what the frame writes next
            pending.clear();
            ctx.write(out, promise);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (pending != null) {
                pending.release();
                pending = null;
            }
        }
    }
}
