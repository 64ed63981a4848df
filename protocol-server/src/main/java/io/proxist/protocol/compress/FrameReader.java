package io.proxist.protocol.compress;

/**
 * Checks and decompresses one complete frame held in an array; shared by {@link FrameDecoder} and
 * {@link CompressedFrames}. Callers run {@link #verify} before allocating the output, then {@link #decompress}.
 */
final class FrameReader {
    private FrameReader() {}

    /**
     * Verifies the checksum of the frame at {@code buf[frameStart]} (all {@code header.frameLength()} bytes
     * present) and that its payload can decompress to the declared size.
     *
     * @throws io.proxist.core.error.ProxistException CHECKSUM_DOESNT_MATCH or CANNOT_DECOMPRESS
     */
    static void verify(FrameHeader header, byte[] buf, int frameStart) {
        FrameChecksum.verify(
                LittleEndian.getLong(buf, frameStart + FrameDescriptor.CHECKSUM_LOW_OFFSET),
                LittleEndian.getLong(buf, frameStart + FrameDescriptor.CHECKSUM_HIGH_OFFSET),
                buf,
                frameStart + FrameDescriptor.HEADER_OFFSET,
                header.compressedSize());
        PayloadCodec.checkDeclaredSize(header, buf, frameStart + FrameDescriptor.PAYLOAD_OFFSET);
    }

    /** Decompresses a verified frame into {@code header.uncompressedSize()} bytes of {@code dst} at {@code dstOff}. */
    static void decompress(FrameHeader header, byte[] buf, int frameStart, byte[] dst, int dstOff) {
        PayloadCodec.decompress(header, buf, frameStart + FrameDescriptor.PAYLOAD_OFFSET, dst, dstOff);
    }
}
