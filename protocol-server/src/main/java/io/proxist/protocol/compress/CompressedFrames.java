package io.proxist.protocol.compress;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Objects;

/** Whole-array compression and decompression of ClickHouse compressed frames, for callers outside Netty. */
public final class CompressedFrames {
    private CompressedFrames() {}

    /** {@code data} as frames of {@code method} with ClickHouse's defaults (1 MiB blocks, zstd level 1). */
    public static byte[] compress(byte[] data, CompressionMethod method) {
        return new FrameEncoder(method).encode(data);
    }

    /** The concatenated contents of the frames in {@code frames}, under {@link FrameLimits#DEFAULT}. */
    public static byte[] decompress(byte[] frames) {
        return decompress(frames, 0, frames.length, FrameLimits.DEFAULT);
    }

    /**
     * The concatenated contents of the frames in {@code frames[off, off + len)}. Every header is validated and
     * every checksum verified before the output is allocated.
     *
     * @throws ProxistException CANNOT_READ_ALL_DATA when the input ends inside a frame; TOO_LARGE_SIZE_COMPRESSED,
     *     UNKNOWN_COMPRESSION_METHOD, CHECKSUM_DOESNT_MATCH or CANNOT_DECOMPRESS for a bad frame
     */
    public static byte[] decompress(byte[] frames, int off, int len, FrameLimits limits) {
        Objects.checkFromIndexSize(off, len, frames.length);
        Objects.requireNonNull(limits, "limits");
        int end = off + len;
        long total = 0;
        for (int pos = off; pos < end; ) {
            FrameHeader h = header(frames, pos, end, limits);
            FrameReader.verify(h, frames, pos);
            total += h.uncompressedSize();
            if (total > FrameLimits.MAX_UNCOMPRESSED_SIZE) {
                throw new ProxistException(
                        ErrorCode.TOO_LARGE_SIZE_COMPRESSED,
                        "total uncompressed size: " + total + " (expected: <= " + FrameLimits.MAX_UNCOMPRESSED_SIZE
                                + ")");
            }
            pos += h.frameLength();
        }
        byte[] out = new byte[(int) total];
        int written = 0;
        for (int pos = off; pos < end; ) {
            FrameHeader h = FrameHeader.read(frames, pos, limits);
            FrameReader.decompress(h, frames, pos, out, written);
            written += h.uncompressedSize();
            pos += h.frameLength();
        }
        return out;
    }

    private static FrameHeader header(byte[] frames, int pos, int end, FrameLimits limits) {
        if (end - pos < FrameDescriptor.PREFIX_LENGTH) {
            throw truncated(pos, end - pos, FrameDescriptor.PREFIX_LENGTH);
        }
        FrameHeader h = FrameHeader.read(frames, pos, limits);
        if (end - pos < h.frameLength()) {
            throw truncated(pos, end - pos, h.frameLength());
        }
        return h;
    }

    private static ProxistException truncated(int offset, int available, int expected) {
        return new ProxistException(
                ErrorCode.CANNOT_READ_ALL_DATA,
                "truncated compressed frame [offset=" + offset + ", available=" + available + ", expected=" + expected
                        + "]");
    }
}
