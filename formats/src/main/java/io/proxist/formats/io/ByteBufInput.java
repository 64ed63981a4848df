package io.proxist.formats.io;

import io.netty.buffer.ByteBuf;

/** Reads a {@link ByteBuf} from its reader index; does not release it. */
public final class ByteBufInput implements ByteInput {
    private final ByteBuf buf;

    public ByteBufInput(ByteBuf buf) {
        this.buf = buf;
    }

    @Override
    public boolean atEnd() {
        return !buf.isReadable();
    }

    @Override
    public int readUnsignedByte() {
        if (!buf.isReadable()) throw new EndOfInputException("[need=1, have=0]");
        return buf.readUnsignedByte();
    }

    @Override
    public void readFully(byte[] dst, int off, int len) {
        if (buf.readableBytes() < len) {
            throw new EndOfInputException("[need=" + len + ", have=" + buf.readableBytes() + "]");
        }
        buf.readBytes(dst, off, len);
    }

    @Override
    public int readIntLE() {
        if (buf.readableBytes() < 4) throw new EndOfInputException("[need=4, have=" + buf.readableBytes() + "]");
        return buf.readIntLE();
    }

    @Override
    public long readLongLE() {
        if (buf.readableBytes() < 8) throw new EndOfInputException("[need=8, have=" + buf.readableBytes() + "]");
        return buf.readLongLE();
    }
}
