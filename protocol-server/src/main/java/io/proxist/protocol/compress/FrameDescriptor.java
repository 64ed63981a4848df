package io.proxist.protocol.compress;

/**
 * Layout of one ClickHouse compressed frame, as written by ClickHouse's {@code CompressedWriteBuffer} and read by
 * its {@code CompressedReadBuffer} (native protocol data packets, HTTP {@code compress=1} / {@code decompress=1}
 * bodies, MergeTree {@code .bin} files).
 *
 * <pre>
 *  byte 0               8               16     17            21            25
 *       +---------------+---------------+------+-------------+-------------+----------------------+
 *       | checksum low  | checksum high |method| compressed  | uncompressed| payload              |
 *       | UInt64 LE     | UInt64 LE     | byte | size UInt32 | size UInt32 | (compressed size - 9 |
 *       |               |               |      | LE          | LE          |  bytes)              |
 *       +---------------+---------------+------+-------------+-------------+----------------------+
 *       |--------- checksum: 16 --------|-------- header: 9 bytes --------|
 *                                       |------- checksummed: compressed size bytes -------------|
 *
 *  checksum = CityHash128 v1.0.2 of the header and the payload
 *  method   = 0x82 LZ4 (a raw LZ4 block), 0x90 ZSTD (zstd frames), 0x02 NONE (the bytes themselves)
 * </pre>
 *
 * <p>The compressed size counts the 9-byte header but not the 16-byte checksum, so a whole frame is
 * {@code CHECKSUM_LENGTH + compressedSize} bytes. All integers are little-endian.
 */
public final class FrameDescriptor {
    /** Bytes of the CityHash128 checksum. */
    public static final int CHECKSUM_LENGTH = 16;
    /** Bytes of the method byte. */
    public static final int METHOD_LENGTH = 1;
    /** Bytes of each of the two size fields. */
    public static final int SIZE_FIELD_LENGTH = Integer.BYTES;

    public static final int CHECKSUM_OFFSET = 0;
    public static final int CHECKSUM_LOW_OFFSET = CHECKSUM_OFFSET;
    public static final int CHECKSUM_HIGH_OFFSET = CHECKSUM_LOW_OFFSET + Long.BYTES;
    public static final int METHOD_OFFSET = CHECKSUM_OFFSET + CHECKSUM_LENGTH;
    public static final int COMPRESSED_SIZE_OFFSET = METHOD_OFFSET + METHOD_LENGTH;
    public static final int UNCOMPRESSED_SIZE_OFFSET = COMPRESSED_SIZE_OFFSET + SIZE_FIELD_LENGTH;
    public static final int PAYLOAD_OFFSET = UNCOMPRESSED_SIZE_OFFSET + SIZE_FIELD_LENGTH;

    /** Where the checksummed part (header and payload) starts. */
    public static final int HEADER_OFFSET = METHOD_OFFSET;
    /** Bytes of the header: method byte and both sizes (ClickHouse's COMPRESSED_BLOCK_HEADER_SIZE). */
    public static final int HEADER_LENGTH = PAYLOAD_OFFSET - HEADER_OFFSET;
    /** Bytes a reader needs before it knows a frame's length: checksum and header. */
    public static final int PREFIX_LENGTH = PAYLOAD_OFFSET;

    /** ClickHouse's DBMS_MAX_COMPRESSED_SIZE: the largest compressed size (header included) it accepts. */
    public static final int MAX_COMPRESSED_SIZE = 0x4000_0000;
    /** ClickHouse's default {@code max_compress_block_size}: uncompressed bytes per frame when writing. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 1 << 20;

    private FrameDescriptor() {}

    /** Bytes of a whole frame whose header declares {@code compressedSize}. */
    public static long frameLength(long compressedSize) {
        return CHECKSUM_LENGTH + compressedSize;
    }
}
