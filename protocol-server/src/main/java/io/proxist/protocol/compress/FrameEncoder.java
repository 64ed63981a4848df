package io.proxist.protocol.compress;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes data as ClickHouse compressed frames: one frame per block of at most {@code maxBlockSize} uncompressed
 * bytes (ClickHouse's {@code max_compress_block_size}, 1 MiB by default), all with one method. Empty input
 * gives no frame, as ClickHouse's {@code CompressedWriteBuffer} writes none. Immutable and thread-safe.
 */
public final class FrameEncoder {
    /** ZSTD level ClickHouse uses unless told otherwise. */
    public static final int DEFAULT_ZSTD_LEVEL = 1;
    /** The largest block size accepted, leaving room for any method's expansion under the 1 GiB frame limit. */
    public static final int MAX_BLOCK_SIZE = 512 << 20;

    private final CompressionMethod method;
    private final int maxBlockSize;
    private final int zstdLevel;

    /**
     * @param method the method of every frame
     * @param maxBlockSize uncompressed bytes per frame, 1..{@link #MAX_BLOCK_SIZE}
     * @param zstdLevel the zstd level (used by ZSTD only), within zstd's own range
     */
    public FrameEncoder(CompressionMethod method, int maxBlockSize, int zstdLevel) {
        this.method = Objects.requireNonNull(method, "method");
        if (maxBlockSize < 1 || maxBlockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException(
                    "maxBlockSize: " + maxBlockSize + " (expected: 1.." + MAX_BLOCK_SIZE + ")");
        }
        if (zstdLevel < Zstd.minCompressionLevel() || zstdLevel > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstdLevel: " + zstdLevel + " (expected: " + Zstd.minCompressionLevel()
                    + ".." + Zstd.maxCompressionLevel() + ")");
        }
        this.maxBlockSize = maxBlockSize;
        this.zstdLevel = zstdLevel;
    }

    /** An encoder with ClickHouse's defaults: 1 MiB blocks, zstd level 1. */
    public FrameEncoder(CompressionMethod method) {
        this(method, FrameDescriptor.DEFAULT_MAX_BLOCK_SIZE, DEFAULT_ZSTD_LEVEL);
    }

    public CompressionMethod method() {
        return method;
    }

    public int maxBlockSize() {
        return maxBlockSize;
    }

    public int zstdLevel() {
        return zstdLevel;
    }

    /** The most bytes {@link #encode(byte[], int, int, byte[], int)} writes for {@code length} input bytes. */
    public long maxEncodedLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
        }
        long full = length / maxBlockSize;
        int rest = length % maxBlockSize;
        long total = full * maxFrameLength(maxBlockSize);
        return rest == 0 ? total : total + maxFrameLength(rest);
    }

    /** Frames of the whole array. */
    public byte[] encode(byte[] src) {
        return encode(src, 0, src.length);
    }

    /** Frames of {@code src[off, off + len)}, in a new array of exactly their length. */
    public byte[] encode(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        long bound = maxEncodedLength(len);
        if (bound > FrameLimits.MAX_UNCOMPRESSED_SIZE) {
            throw new IllegalArgumentException("input too large for one array of frames: " + len + " bytes");
        }
        byte[] dst = new byte[(int) bound];
        int written = encode(src, off, len, dst, 0);
        return written == dst.length ? dst : Arrays.copyOf(dst, written);
    }

    /**
     * Writes the frames of {@code src[off, off + len)} into {@code dst} from {@code dstOff}, which must have room
     * for {@link #maxEncodedLength(int)} bytes; returns the bytes written.
     */
    public int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(off, len, src.length);
        int pos = dstOff;
        for (int done = 0; done < len; ) {
            int block = Math.min(maxBlockSize, len - done);
            pos += encodeFrame(src, off + done, block, dst, pos);
            done += block;
        }
        return pos - dstOff;
    }

    /**
     * Frames of {@code src}'s readable bytes in a new heap buffer from {@code alloc}. {@code src} is neither
     * released nor are its indices moved; the caller owns (and releases) both buffers.
     */
    public ByteBuf encode(ByteBuf src, ByteBufAllocator alloc) {
        int len = src.readableBytes();
        long bound = maxEncodedLength(len);
        if (bound > FrameLimits.MAX_UNCOMPRESSED_SIZE) {
            throw new IllegalArgumentException("input too large for one buffer of frames: " + len + " bytes");
        }
        ByteBuf out = alloc.heapBuffer((int) bound);
        boolean done = false;
        try {
            byte[] block = src.hasArray() ? null : new byte[Math.min(maxBlockSize, len)];
            byte[] frame = out.hasArray() ? null : new byte[maxFrameLength(Math.min(maxBlockSize, len))];
            for (int pos = 0; pos < len; ) {
                int blockLen = Math.min(maxBlockSize, len - pos);
                byte[] in;
                int inOff;
                if (block == null) {
                    in = src.array();
                    inOff = src.arrayOffset() + src.readerIndex() + pos;
                } else {
                    src.getBytes(src.readerIndex() + pos, block, 0, blockLen);
                    in = block;
                    inOff = 0;
                }
                if (frame == null) {
                    int n = encodeFrame(in, inOff, blockLen, out.array(), out.arrayOffset() + out.writerIndex());
                    out.writerIndex(out.writerIndex() + n);
                } else {
                    out.writeBytes(frame, 0, encodeFrame(in, inOff, blockLen, frame, 0));
                }
                pos += blockLen;
            }
            done = true;
            return out;
        } finally {
            if (!done) {
                out.release();
            }
        }
    }

    /**
     * Writes exactly one frame of {@code src[off, off + len)} (also when {@code len} is 0) at {@code dst[dstOff]},
     * which must have room for {@code maxFrameLength(len)} bytes; returns the frame's length.
     */
    int encodeFrame(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int payloadRoom = Math.toIntExact(PayloadCodec.maxCompressedLength(method, len));
        int payload = PayloadCodec.compress(
                method, zstdLevel, src, off, len, dst, dstOff + FrameDescriptor.PAYLOAD_OFFSET, payloadRoom);
        int compressedSize = FrameDescriptor.HEADER_LENGTH + payload;
        int headerStart = dstOff + FrameDescriptor.HEADER_OFFSET;
        new FrameHeader(method, compressedSize, len).writeTo(dst, headerStart);
        FrameChecksum.writeTo(FrameChecksum.compute(dst, headerStart, compressedSize), dst, dstOff);
        return FrameDescriptor.CHECKSUM_LENGTH + compressedSize;
    }

    /** The most bytes one frame of {@code blockLength} uncompressed bytes takes. */
    int maxFrameLength(int blockLength) {
        return Math.toIntExact(FrameDescriptor.PREFIX_LENGTH + PayloadCodec.maxCompressedLength(method, blockLength));
    }
}
