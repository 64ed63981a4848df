package io.proxist.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The value stored per table and slot in the watermark map, version 1: 40 bytes, little-endian, written as one map
 * value so that T_persisted, the confirmed WAL position and the WAL's log id always change together. Each table has
 * two slots written alternately (slot = sequence &amp; 1); the valid slot with the larger sequence is the watermark,
 * so a write cut short by a crash (Chronicle's recovery drops the entry whose checksum fails) leaves the previous
 * watermark in the other slot.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 T_persisted (UTC nanoseconds)                 |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 confirmed WAL position (LSN)                  |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          WAL log id                           | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            sequence (1, 2, 3, ... per table and write)        | 24
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |       format version (1)      |        reserved (zero)        | 32
 *  +-------------------------------+-------------------------------+
 *  |                  CRC32C over bytes [0, 36)                    | 36
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class WatermarkDescriptor {
    static final int T_PERSISTED_OFFSET = 0;
    static final int WAL_POSITION_OFFSET = T_PERSISTED_OFFSET + Long.BYTES;
    static final int WAL_LOG_ID_OFFSET = WAL_POSITION_OFFSET + Long.BYTES;
    static final int SEQUENCE_OFFSET = WAL_LOG_ID_OFFSET + Long.BYTES;
    static final int VERSION_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    static final int RESERVED_OFFSET = VERSION_OFFSET + Short.BYTES;
    static final int CRC_OFFSET = RESERVED_OFFSET + Short.BYTES;
    static final int LENGTH = CRC_OFFSET + Integer.BYTES;
    static final short VERSION = 1;

    private WatermarkDescriptor() {}

    /** A decoded value: the watermark and the sequence of the write that stored it. */
    record Stored(Watermark watermark, long sequence) {}

    static byte[] encode(Watermark w, long sequence) {
        byte[] out = new byte[LENGTH];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(T_PERSISTED_OFFSET, w.tPersistedNanos());
        b.putLong(WAL_POSITION_OFFSET, w.walPosition());
        b.putLong(WAL_LOG_ID_OFFSET, w.walLogId());
        b.putLong(SEQUENCE_OFFSET, sequence);
        b.putShort(VERSION_OFFSET, VERSION);
        b.putInt(CRC_OFFSET, crc(out, CRC_OFFSET));
        return out;
    }

    /** The watermark in {@code value}, or {@code null} when its length, version or checksum is wrong. */
    static Stored decode(byte[] value) {
        if (value == null || value.length != LENGTH) return null;
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(VERSION_OFFSET) != VERSION || b.getInt(CRC_OFFSET) != crc(value, CRC_OFFSET)) return null;
        long position = b.getLong(WAL_POSITION_OFFSET);
        if (position < 0) return null;
        return new Stored(
                new Watermark(b.getLong(T_PERSISTED_OFFSET), position, b.getLong(WAL_LOG_ID_OFFSET)),
                b.getLong(SEQUENCE_OFFSET));
    }

    static int crc(byte[] data, int len) {
        CRC32C c = new CRC32C();
        c.update(data, 0, len);
        return (int) c.getValue();
    }
}
