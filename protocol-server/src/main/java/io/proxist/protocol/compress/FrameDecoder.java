package io.proxist.protocol.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.List;
import java.util.Objects;

/**
 * Turns a byte stream of ClickHouse compressed frames into one decompressed {@link ByteBuf} per frame.
 *
 * <p>Hostile input: the 25-byte prefix (checksum and header) is read first and its sizes are checked against
 * {@link FrameLimits} before the decoder waits for, buffers or allocates anything for the frame; the checksum
 * is verified and the payload checked against the declared size before the output is allocated; the payload is
 * decompressed into exactly the declared size.
 *
 * <p>Errors: the first failure (a {@link ProxistException} with its ClickHouse code) moves the decoder to
 * {@link State#DISCARD}, which drops all later input, and is fired down the pipeline as {@code exceptionCaught}
 * carrying the {@code ProxistException} itself (not wrapped in a {@code DecoderException}). Input ending inside
 * a frame fails with CANNOT_READ_ALL_DATA.
 *
 * <p>Buffers: {@link ByteToMessageDecoder} owns and releases its cumulation of the inbound buffers (this class
 * never retains them). Each emitted buffer comes from the channel's allocator and is owned by the next handler,
 * which must release it. A buffer allocated for a frame that then fails to decompress is released here.
 *
 * <p>Not sharable: one instance per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Where the decoder is in the stream. */
    public enum State {
        /** Waiting for the checksum and header of the next frame. */
        READ_PREFIX,
        /** Header validated; waiting for the rest of the frame. */
        READ_FRAME,
        /** A frame failed; all further input is dropped. */
        DISCARD
    }

    private final FrameLimits limits;
    private State state = State.READ_PREFIX;
    private FrameHeader header;

    /** A decoder with ClickHouse's limits ({@link FrameLimits#DEFAULT}). */
    public FrameDecoder() {
        this(FrameLimits.DEFAULT);
    }

    public FrameDecoder(FrameLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public State state() {
        return state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case READ_PREFIX -> {
                    if (in.readableBytes() < FrameDescriptor.PREFIX_LENGTH) {
                        return;
                    }
                    header = FrameHeader.read(in, in.readerIndex(), limits);
                    state = State.READ_FRAME;
                    readFrame(ctx.alloc(), in, out);
                }
                case READ_FRAME -> readFrame(ctx.alloc(), in, out);
                case DISCARD -> in.skipBytes(in.readableBytes());
            }
        } catch (ProxistException e) {
            fail(ctx, in, e);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state != State.DISCARD && in.isReadable()) {
            int expected = state == State.READ_FRAME ? header.frameLength() : FrameDescriptor.PREFIX_LENGTH;
            fail(
                    ctx,
                    in,
                    new ProxistException(
                            ErrorCode.CANNOT_READ_ALL_DATA,
                            "truncated compressed frame [available=" + in.readableBytes() + ", expected=" + expected
                                    + "]"));
        }
    }

    private void readFrame(ByteBufAllocator alloc, ByteBuf in, List<Object> out) {
        FrameHeader h = header;
        if (in.readableBytes() < h.frameLength()) {
            return;
        }
        byte[] frame;
        int frameStart;
        if (in.hasArray()) {
            frame = in.array();
            frameStart = in.arrayOffset() + in.readerIndex();
        } else {
            frame = new byte[h.frameLength()];
            in.getBytes(in.readerIndex(), frame);
            frameStart = 0;
        }
        FrameReader.verify(h, frame, frameStart);
        out.add(decompress(alloc, h, frame, frameStart));
        in.skipBytes(h.frameLength());
        header = null;
        state = State.READ_PREFIX;
    }

    private static ByteBuf decompress(ByteBufAllocator alloc, FrameHeader h, byte[] frame, int frameStart) {
        int size = h.uncompressedSize();
        ByteBuf result = alloc.heapBuffer(size, size);
        boolean done = false;
        try {
            if (result.hasArray()) {
                FrameReader.decompress(h, frame, frameStart, result.array(), result.arrayOffset());
                result.writerIndex(size);
            } else {
                byte[] tmp = new byte[size];
                FrameReader.decompress(h, frame, frameStart, tmp, 0);
                result.writeBytes(tmp);
            }
            done = true;
            return result;
        } finally {
            if (!done) {
                result.release();
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, ProxistException e) {
        state = State.DISCARD;
        header = null;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(e);
    }
}
