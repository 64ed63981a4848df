package io.proxist.protocol.compress;

import io.proxist.formats.io.ByteInput;
import io.proxist.formats.io.EndOfInputException;

/**
 * A {@link ByteInput} over ClickHouse compressed frames read from another input: each frame is read whole,
 * its size checked against the limits before anything is allocated, its checksum verified, and its payload
 * decompressed; bytes are then served from it, the next frame being read when they run out. Used for the
 * compressed blocks of the native protocol, where one block may span several frames and a frame never holds
 * the end of one block and the start of the next. One instance may serve every compressed block of a connection
 * ({@link #reset()} between blocks): its frame and payload arrays are kept and grow only when a frame needs more.
 */
public final class FrameInput implements ByteInput {
    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private final ByteInput source;
    private final FrameLimits limits;
    private final byte[] prefix = new byte[FrameDescriptor.PREFIX_LENGTH];
    private byte[] frame = new byte[0];
    private byte[] data = new byte[0];
    private int pos;
    private int limit;

    public FrameInput(ByteInput source, FrameLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** Bytes decompressed and not yet read. */
    public int buffered() {
        return limit - pos;
    }

    /** Never at an end between frames: a caller reads a block it knows is there. */
    @Override
    public boolean atEnd() {
        return false;
    }

    private void nextFrame() {
        source.readFully(prefix, 0, prefix.length);
        FrameHeader header = FrameHeader.read(prefix, 0, limits);
        int length = header.frameLength();
        if (frame.length < length) frame = new byte[length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        source.readFully(frame, prefix.length, length - prefix.length);
        FrameReader.verify(header, frame, 0);
        if (data.length < header.uncompressedSize()) data = new byte[header.uncompressedSize()];
        FrameReader.decompress(header, frame, 0, data, 0);
        pos = 0;
        limit = header.uncompressedSize();
    }

    private void ensure() {
        int guard = 0;
        while (pos == limit) {
            nextFrame();
            if (++guard > 1_000_000) throw new EndOfInputException("in compressed data (empty frames only)");
        }
    }

    @Override
    public int readUnsignedByte() {
        ensure();
        return data[pos++] & 0xFF;
    }

    @Override
    public int readIntLE() {
        if (limit - pos < Integer.BYTES) return ByteInput.super.readIntLE();
        int v = (int) INT_LE.get(data, pos);
        pos += Integer.BYTES;
        return v;
    }

    @Override
    public long readLongLE() {
        if (limit - pos < Long.BYTES) return ByteInput.super.readLongLE();
        long v = (long) LONG_LE.get(data, pos);
        pos += Long.BYTES;
        return v;
    }

    /** Drops what is left of the current frame (after a block was read whole, or after a failure). */
    public void reset() {
        pos = 0;
        limit = 0;
    }

    @Override
    public void readFully(byte[] dst, int off, int len) {
        while (len > 0) {
            ensure();
            int n = Math.min(len, limit - pos);
            System.arraycopy(data, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }
}
