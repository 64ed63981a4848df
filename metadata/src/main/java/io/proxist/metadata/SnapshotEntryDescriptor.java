package io.proxist.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The value stored per (table, snapshot LSN) in the snapshot manifest map, version 1, little-endian. The key holds
 * the table and the LSN; the LSN is repeated here so a value is never read against the wrong key.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        snapshot LSN                           |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |               snapshot file checksum (CRC32C)                 |  8
 *  +-------------------------------+-------------------------------+
 *  |       format version (1)      |  file name length n (bytes)   | 12
 *  +-------------------------------+-------------------------------+
 *  |                 file name, n bytes of UTF-8                  ... 16
 *  +---------------------------------------------------------------+
 *  |                CRC32C over bytes [0, 16 + n)                  | 16 + n
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class SnapshotEntryDescriptor {
    static final int LSN_OFFSET = 0;
    static final int FILE_CRC_OFFSET = LSN_OFFSET + Long.BYTES;
    static final int VERSION_OFFSET = FILE_CRC_OFFSET + Integer.BYTES;
    static final int NAME_LENGTH_OFFSET = VERSION_OFFSET + Short.BYTES;
    static final int NAME_OFFSET = NAME_LENGTH_OFFSET + Short.BYTES;
    static final int MAX_NAME_BYTES = 1024;
    static final short VERSION = 1;

    private SnapshotEntryDescriptor() {}

    static byte[] encode(SnapshotEntry e) {
        byte[] name = e.fileName().getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("bad snapshot file name [name=" + e.fileName() + ", bytes=" + name.length
                    + ", expected: 1.." + MAX_NAME_BYTES + "]");
        }
        byte[] out = new byte[NAME_OFFSET + name.length + Integer.BYTES];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(LSN_OFFSET, e.snapshotLsn());
        b.putInt(FILE_CRC_OFFSET, e.fileCrc32c());
        b.putShort(VERSION_OFFSET, VERSION);
        b.putShort(NAME_LENGTH_OFFSET, (short) name.length);
        System.arraycopy(name, 0, out, NAME_OFFSET, name.length);
        int crcAt = NAME_OFFSET + name.length;
        b.putInt(crcAt, WatermarkDescriptor.crc(out, crcAt));
        return out;
    }

    /** The entry in {@code value} for {@code table}, or {@code null} when the value is malformed or corrupt. */
    static SnapshotEntry decode(String table, byte[] value) {
        if (value == null || value.length < NAME_OFFSET + 1 + Integer.BYTES) return null;
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int n = Short.toUnsignedInt(b.getShort(NAME_LENGTH_OFFSET));
        int crcAt = NAME_OFFSET + n;
        if (b.getShort(VERSION_OFFSET) != VERSION || value.length != crcAt + Integer.BYTES) return null;
        if (b.getInt(crcAt) != WatermarkDescriptor.crc(value, crcAt)) return null;
        String name = new String(value, NAME_OFFSET, n, StandardCharsets.UTF_8);
        return new SnapshotEntry(table, b.getLong(LSN_OFFSET), name, b.getInt(FILE_CRC_OFFSET));
    }
}
