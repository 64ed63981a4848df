package io.proxist.wal;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of the WAL, version 1 (the prose spec is wal/README.md). All integers are little-endian.
 *
 * <p>A <b>position</b> (LSN) is a byte address in the logical log: segment files tile the position space without
 * gaps, a segment whose file is named after base position {@code B} holds positions {@code [B, B + fileLength)}, and
 * the next segment's base is exactly {@code B + fileLength}. A record's position is the position of its first byte.
 *
 * <p>Segment file: {@code <base position, 20 decimal digits>.wal}, a header and then records back to back.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 magic "PXWL" (0x4C575850 LE)                  |  0
 *  +-------------------------------+-------------------------------+
 *  |        format version         |        header length          |  4
 *  +-------------------------------+-------------------------------+
 *  |                       base position                           |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                            log id                             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       reserved (zero)                         | 24
 *  +---------------------------------------------------------------+
 *  |              header CRC32C over bytes [0, 28)                 | 28
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Record, starting at any position after the segment header:
 *
 * <pre>
 *  +---------------------------------------------------------------+
 *  |          CRC32C over bytes [4, length) of this record         |  0
 *  +---------------------------------------------------------------+
 *  |       length: header + payload, in [24, MAX_RECORD_LENGTH]    |  4
 *  +---------------------------------------------------------------+
 *  |                  position of this record                      |  8
 *  |                                                               |
 *  +---------------+---------------+-------------------------------+
 *  |     type      | flags (zero)  |        reserved (zero)        | 16
 *  +---------------+---------------+-------------------------------+
 *  |                           table id                            | 20
 *  +---------------------------------------------------------------+
 *  |                     payload (length - 24 bytes)              ...  24
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class WalDescriptor {
    /** Bytes "PXWL" in file order, read as a little-endian int. */
    public static final int MAGIC = 0x4C57_5850;

    public static final short FORMAT_VERSION = 1;

    /** Segment file names: the base position in 20 decimal digits, then this suffix. */
    public static final String SEGMENT_SUFFIX = ".wal";

    public static final int SEGMENT_NAME_DIGITS = 20;

    // Segment header.
    public static final int SEGMENT_MAGIC_OFFSET = 0;
    public static final int SEGMENT_VERSION_OFFSET = SEGMENT_MAGIC_OFFSET + Integer.BYTES;
    public static final int SEGMENT_HEADER_LENGTH_OFFSET = SEGMENT_VERSION_OFFSET + Short.BYTES;
    public static final int SEGMENT_BASE_POSITION_OFFSET = SEGMENT_HEADER_LENGTH_OFFSET + Short.BYTES;
    public static final int SEGMENT_LOG_ID_OFFSET = SEGMENT_BASE_POSITION_OFFSET + Long.BYTES;
    public static final int SEGMENT_RESERVED_OFFSET = SEGMENT_LOG_ID_OFFSET + Long.BYTES;
    public static final int SEGMENT_CRC_OFFSET = SEGMENT_RESERVED_OFFSET + Integer.BYTES;
    public static final int SEGMENT_HEADER_LENGTH = SEGMENT_CRC_OFFSET + Integer.BYTES;

    // Record header.
    public static final int RECORD_CRC_OFFSET = 0;
    public static final int RECORD_LENGTH_OFFSET = RECORD_CRC_OFFSET + Integer.BYTES;
    public static final int RECORD_POSITION_OFFSET = RECORD_LENGTH_OFFSET + Integer.BYTES;
    public static final int RECORD_TYPE_OFFSET = RECORD_POSITION_OFFSET + Long.BYTES;
    public static final int RECORD_FLAGS_OFFSET = RECORD_TYPE_OFFSET + Byte.BYTES;
    public static final int RECORD_RESERVED_OFFSET = RECORD_FLAGS_OFFSET + Byte.BYTES;
    public static final int RECORD_TABLE_ID_OFFSET = RECORD_RESERVED_OFFSET + Short.BYTES;
    public static final int RECORD_HEADER_LENGTH = RECORD_TABLE_ID_OFFSET + Integer.BYTES;

    /** The first byte the record CRC covers: everything after the CRC field. */
    public static final int RECORD_CRC_START = RECORD_LENGTH_OFFSET;

    /** Largest record (header + payload) the format allows; {@link WalOptions#maxPayloadSize()} is at most this. */
    public static final int MAX_RECORD_LENGTH = 1 << 30;

    public static final int MAX_PAYLOAD_LENGTH = MAX_RECORD_LENGTH - RECORD_HEADER_LENGTH;

    /** Record type 0 is never valid, so zero-filled space never parses as a record. */
    public static final int TYPE_INVALID = 0;

    /** A block of rows for one table, as the ingest layer encodes it. */
    public static final int TYPE_DATA = 1;

    /** Types the WAL's users may pass: 1..127. Types 128..255 are reserved for the WAL itself. */
    public static final int MAX_USER_TYPE = 127;

    private WalDescriptor() {}

    /** The file name of the segment whose base position is {@code basePosition}. */
    public static String segmentFileName(long basePosition) {
        if (basePosition < 0) {
            throw new IllegalArgumentException("negative base position: " + basePosition);
        }
        return String.format(Locale.ROOT, "%020d%s", basePosition, SEGMENT_SUFFIX);
    }

    /** The base position a segment file name encodes, or -1 when the name is not a segment's. */
    public static long parseSegmentFileName(String name) {
        if (name.length() != SEGMENT_NAME_DIGITS + SEGMENT_SUFFIX.length() || !name.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < SEGMENT_NAME_DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Writes a segment header at {@code buf}'s index 0; {@code buf} must be little-endian. */
    public static void encodeSegmentHeader(ByteBuffer buf, long basePosition, long logId, CRC32C crc) {
        buf.putInt(SEGMENT_MAGIC_OFFSET, MAGIC);
        buf.putShort(SEGMENT_VERSION_OFFSET, FORMAT_VERSION);
        buf.putShort(SEGMENT_HEADER_LENGTH_OFFSET, (short) SEGMENT_HEADER_LENGTH);
        buf.putLong(SEGMENT_BASE_POSITION_OFFSET, basePosition);
        buf.putLong(SEGMENT_LOG_ID_OFFSET, logId);
        buf.putInt(SEGMENT_RESERVED_OFFSET, 0);
        buf.putInt(SEGMENT_CRC_OFFSET, crc(crc, buf, 0, SEGMENT_CRC_OFFSET));
    }

    /**
     * Writes a record header at {@code buf}'s index 0 with a zero CRC field; the writer fills the CRC in once the
     * payload follows the header.
     */
    public static void encodeRecordHeader(ByteBuffer buf, int recordLength, long position, int type, int tableId) {
        buf.putInt(RECORD_CRC_OFFSET, 0);
        buf.putInt(RECORD_LENGTH_OFFSET, recordLength);
        buf.putLong(RECORD_POSITION_OFFSET, position);
        buf.put(RECORD_TYPE_OFFSET, (byte) type);
        buf.put(RECORD_FLAGS_OFFSET, (byte) 0);
        buf.putShort(RECORD_RESERVED_OFFSET, (short) 0);
        buf.putInt(RECORD_TABLE_ID_OFFSET, tableId);
    }

    /** CRC32C of {@code buf[from, to)} without moving {@code buf}'s position or limit. */
    public static int crc(CRC32C crc, ByteBuffer buf, int from, int to) {
        crc.reset();
        updateCrc(crc, buf, from, to);
        return (int) crc.getValue();
    }

    /** Adds {@code buf[from, to)} to {@code crc} without moving {@code buf}'s position or limit. */
    public static void updateCrc(CRC32C crc, ByteBuffer buf, int from, int to) {
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + from, to - from);
            return;
        }
        int pos = buf.position();
        int lim = buf.limit();
        buf.limit(to).position(from);
        crc.update(buf);
        buf.limit(lim).position(pos);
    }

    /** Whether a record type may be passed to {@link Wal#append}. */
    public static boolean isUserType(int type) {
        return type > TYPE_INVALID && type <= MAX_USER_TYPE;
    }
}
