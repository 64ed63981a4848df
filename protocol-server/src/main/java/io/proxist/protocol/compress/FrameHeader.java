package io.proxist.protocol.compress;

import io.netty.buffer.ByteBuf;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Objects;

/**
 * The validated 9-byte header of a frame. Building one checks the sizes against {@link FrameLimits}, so a
 * reader can trust them for buffering and allocation; the checksum is checked later, over the whole frame.
 *
 * @param method the compression method
 * @param compressedSize bytes of header and payload (the checksummed part)
 * @param uncompressedSize bytes the payload decompresses to
 */
public record FrameHeader(CompressionMethod method, int compressedSize, int uncompressedSize) {
    public FrameHeader {
        Objects.requireNonNull(method, "method");
        if (compressedSize < FrameDescriptor.HEADER_LENGTH || uncompressedSize < 0) {
            throw new IllegalArgumentException("compressedSize: " + compressedSize + ", uncompressedSize: "
                    + uncompressedSize + " (expected: >= " + FrameDescriptor.HEADER_LENGTH + ", >= 0)");
        }
    }

    /** Bytes of payload after the header. */
    public int payloadLength() {
        return compressedSize - FrameDescriptor.HEADER_LENGTH;
    }

    /** Bytes of the whole frame, checksum included. */
    public int frameLength() {
        return FrameDescriptor.CHECKSUM_LENGTH + compressedSize;
    }

    /**
     * Reads and validates the header of the frame starting at {@code frameStart} (its checksum's first byte);
     * {@code buf} must hold at least {@link FrameDescriptor#PREFIX_LENGTH} bytes from there. Indices unchanged.
     */
    public static FrameHeader read(ByteBuf buf, int frameStart, FrameLimits limits) {
        return validate(
                buf.getUnsignedByte(frameStart + FrameDescriptor.METHOD_OFFSET),
                buf.getUnsignedIntLE(frameStart + FrameDescriptor.COMPRESSED_SIZE_OFFSET),
                buf.getUnsignedIntLE(frameStart + FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET),
                limits);
    }

    /** As {@link #read(ByteBuf, int, FrameLimits)}, from an array. */
    public static FrameHeader read(byte[] buf, int frameStart, FrameLimits limits) {
        return validate(
                buf[frameStart + FrameDescriptor.METHOD_OFFSET] & 0xff,
                LittleEndian.getUint32(buf, frameStart + FrameDescriptor.COMPRESSED_SIZE_OFFSET),
                LittleEndian.getUint32(buf, frameStart + FrameDescriptor.UNCOMPRESSED_SIZE_OFFSET),
                limits);
    }

    /**
     * Checks raw header fields.
     *
     * @throws ProxistException UNKNOWN_COMPRESSION_METHOD for an unknown method byte (checked first, as ClickHouse
     *     does), TOO_LARGE_SIZE_COMPRESSED when a size is over its limit, CANNOT_DECOMPRESS when the compressed
     *     size is smaller than the header
     */
    public static FrameHeader validate(int methodByte, long compressedSize, long uncompressedSize, FrameLimits limits) {
        CompressionMethod method = CompressionMethod.of(methodByte);
        if (compressedSize > limits.maxCompressedSize()) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_SIZE_COMPRESSED,
                    "compressed frame size: " + compressedSize + " (expected: <= " + limits.maxCompressedSize() + ")");
        }
        if (compressedSize < FrameDescriptor.HEADER_LENGTH) {
            throw new ProxistException(
                    ErrorCode.CANNOT_DECOMPRESS,
                    "compressed frame size: " + compressedSize + " (expected: >= " + FrameDescriptor.HEADER_LENGTH
                            + ", the header's own size)");
        }
        if (uncompressedSize > limits.maxUncompressedSize()) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_SIZE_COMPRESSED,
                    "uncompressed frame size: " + uncompressedSize + " (expected: <= " + limits.maxUncompressedSize()
                            + ")");
        }
        return new FrameHeader(method, (int) compressedSize, (int) uncompressedSize);
    }

    /** Writes the 9 header bytes at {@code headerStart} (the method byte's position). */
    void writeTo(byte[] buf, int headerStart) {
        buf[headerStart] = (byte) method.methodByte();
        LittleEndian.putInt(buf, headerStart + FrameDescriptor.METHOD_LENGTH, compressedSize);
        LittleEndian.putInt(
                buf, headerStart + FrameDescriptor.METHOD_LENGTH + FrameDescriptor.SIZE_FIELD_LENGTH, uncompressedSize);
    }
}
