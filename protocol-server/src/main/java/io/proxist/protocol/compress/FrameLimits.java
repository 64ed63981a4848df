package io.proxist.protocol.compress;

/**
 * What a reader accepts from a frame header before it buffers or allocates anything for the frame.
 *
 * @param maxCompressedSize the largest compressed size (header included, checksum not) accepted; ClickHouse's
 *     own limit, {@link FrameDescriptor#MAX_COMPRESSED_SIZE} (1 GiB), is the default and the ceiling
 * @param maxUncompressedSize the largest uncompressed size accepted, at most {@link #MAX_UNCOMPRESSED_SIZE}
 */
public record FrameLimits(int maxCompressedSize, int maxUncompressedSize) {
    /** The largest uncompressed size a Java array can hold. */
    public static final int MAX_UNCOMPRESSED_SIZE = Integer.MAX_VALUE - 8;

    /** ClickHouse's limits: 1 GiB compressed, 1 GiB uncompressed. */
    public static final FrameLimits DEFAULT =
            new FrameLimits(FrameDescriptor.MAX_COMPRESSED_SIZE, FrameDescriptor.MAX_COMPRESSED_SIZE);

    public FrameLimits {
        if (maxCompressedSize < FrameDescriptor.HEADER_LENGTH
                || maxCompressedSize > FrameDescriptor.MAX_COMPRESSED_SIZE) {
            throw new IllegalArgumentException("maxCompressedSize: " + maxCompressedSize + " (expected: "
                    + FrameDescriptor.HEADER_LENGTH + ".." + FrameDescriptor.MAX_COMPRESSED_SIZE + ")");
        }
        if (maxUncompressedSize < 0 || maxUncompressedSize > MAX_UNCOMPRESSED_SIZE) {
            throw new IllegalArgumentException(
                    "maxUncompressedSize: " + maxUncompressedSize + " (expected: 0.." + MAX_UNCOMPRESSED_SIZE + ")");
        }
    }
}
