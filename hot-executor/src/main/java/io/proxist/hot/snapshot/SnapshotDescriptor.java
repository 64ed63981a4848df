package io.proxist.hot.snapshot;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a hot-state snapshot, version 1 (the prose spec is hot-executor/README.md, "Snapshot file
 * format"). All integers are little-endian; CRC32C is {@link CRC32C} (Castagnoli).
 *
 * <p>File {@code snap-<LSN, 20 decimal digits>.px}: a header, then per table a TABLE section followed by its BLOCK
 * sections, then the END section (the footer), whose last byte is the last byte of the file.
 *
 * <pre>
 * file header (40 bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 magic "PXSN" (0x4E535850 LE)                  |  0
 *  +-------------------------------+-------------------------------+
 *  |        format version         |        header length          |  4
 *  +-------------------------------+-------------------------------+
 *  |           snapshot LSN (WAL position; equals the name's)      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |             created: UTC nanoseconds since the epoch          | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 WAL log id (0 when not given)                 | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          table count                          | 32
 *  +---------------------------------------------------------------+
 *  |              header CRC32C over bytes [0, 36)                 | 36
 *  +---------------------------------------------------------------+
 *
 * section (24-byte header + body)
 *  +---------------------------------------------------------------+
 *  |          CRC32C over bytes [4, length) of this section        |  0
 *  +---------------------------------------------------------------+
 *  |        length: header + body, in [24, MAX_SECTION_LENGTH]     |  4
 *  +---------------------------------------------------------------+
 *  |           file offset of this section (its own position)      |  8
 *  |                                                               |
 *  +---------------+---------------+-------------------------------+
 *  |     type      | flags (zero)  |        reserved (zero)        | 16
 *  +---------------+---------------+-------------------------------+
 *  |     table index (0-based; END: the table count)               | 20
 *  +---------------------------------------------------------------+
 *  |                     body (length - 24 bytes)                 ...  24
 *  +---------------------------------------------------------------+
 *
 * TABLE body                                  BLOCK body
 *    0  8 row count                             one Native block, protocol revision 0 (no BlockInfo): the
 *    8  8 last LSN (TableSnapshot.lastLsn)      table's columns in TABLE order, plain types (LowCardinality
 *   16  8 evicted below (ts, UTC ns)            removed), 1 .. rows; rows in key order (series key values,
 *   24  4 name length n, then n UTF-8 bytes     then ts, seq)
 *      4 column count c, then c times:
 *        4 name length + UTF-8 bytes
 *        4 type length + UTF-8 bytes (the declared type, e.g. LowCardinality(String))
 *
 * END body (section length 48; the footer)
 *   24  8 total rows (sum of the tables' row counts)
 *   32  4 BLOCK section count
 *   36  4 file CRC32C over bytes [0, offset of the END section)
 *   40  4 reserved (zero)
 *   44  4 end magic "PXSE" (0x45535850 LE): the last 4 bytes of a complete file
 * </pre>
 */
public final class SnapshotDescriptor {
    /** Bytes "PXSN" in file order, read as a little-endian int. */
    public static final int MAGIC = 0x4E53_5850;

    /** Bytes "PXSE" in file order, read as a little-endian int: the last 4 bytes of a complete file. */
    public static final int END_MAGIC = 0x4553_5850;

    public static final short FORMAT_VERSION = 1;

    public static final String FILE_PREFIX = "snap-";
    public static final String FILE_SUFFIX = ".px";
    /** Suffix of a snapshot being written; renamed away once complete and fsynced. */
    public static final String TEMP_SUFFIX = ".tmp";

    public static final int FILE_NAME_DIGITS = 20;

    // File header.
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = MAGIC_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + Short.BYTES;
    public static final int LSN_OFFSET = HEADER_LENGTH_OFFSET + Short.BYTES;
    public static final int CREATED_OFFSET = LSN_OFFSET + Long.BYTES;
    public static final int WAL_LOG_ID_OFFSET = CREATED_OFFSET + Long.BYTES;
    public static final int TABLE_COUNT_OFFSET = WAL_LOG_ID_OFFSET + Long.BYTES;
    public static final int HEADER_CRC_OFFSET = TABLE_COUNT_OFFSET + Integer.BYTES;
    public static final int HEADER_LENGTH = HEADER_CRC_OFFSET + Integer.BYTES;

    // Section header.
    public static final int SECTION_CRC_OFFSET = 0;
    public static final int SECTION_LENGTH_OFFSET = SECTION_CRC_OFFSET + Integer.BYTES;
    public static final int SECTION_POSITION_OFFSET = SECTION_LENGTH_OFFSET + Integer.BYTES;
    public static final int SECTION_TYPE_OFFSET = SECTION_POSITION_OFFSET + Long.BYTES;
    public static final int SECTION_FLAGS_OFFSET = SECTION_TYPE_OFFSET + Byte.BYTES;
    public static final int SECTION_RESERVED_OFFSET = SECTION_FLAGS_OFFSET + Byte.BYTES;
    public static final int SECTION_TABLE_OFFSET = SECTION_RESERVED_OFFSET + Short.BYTES;
    public static final int SECTION_HEADER_LENGTH = SECTION_TABLE_OFFSET + Integer.BYTES;

    /** The first byte a section CRC covers: everything after the CRC field. */
    public static final int SECTION_CRC_START = SECTION_LENGTH_OFFSET;

    /** Largest section (header + body). */
    public static final int MAX_SECTION_LENGTH = 1 << 30;

    public static final int TYPE_TABLE = 1;
    public static final int TYPE_BLOCK = 2;
    public static final int TYPE_END = 3;

    // TABLE body, relative to the section start.
    public static final int TABLE_ROWS_OFFSET = SECTION_HEADER_LENGTH;
    public static final int TABLE_LAST_LSN_OFFSET = TABLE_ROWS_OFFSET + Long.BYTES;
    public static final int TABLE_EVICTED_BELOW_OFFSET = TABLE_LAST_LSN_OFFSET + Long.BYTES;
    /** Where the name (length-prefixed) starts; column count and columns follow it. */
    public static final int TABLE_NAME_OFFSET = TABLE_EVICTED_BELOW_OFFSET + Long.BYTES;

    /** Longest table or column name, and longest type text, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1 << 16;

    public static final int MAX_COLUMNS = 10_000;

    // END body, relative to the section start.
    public static final int END_ROWS_OFFSET = SECTION_HEADER_LENGTH;
    public static final int END_BLOCKS_OFFSET = END_ROWS_OFFSET + Long.BYTES;
    public static final int END_FILE_CRC_OFFSET = END_BLOCKS_OFFSET + Integer.BYTES;
    public static final int END_RESERVED_OFFSET = END_FILE_CRC_OFFSET + Integer.BYTES;
    public static final int END_MAGIC_OFFSET = END_RESERVED_OFFSET + Integer.BYTES;
    public static final int END_LENGTH = END_MAGIC_OFFSET + Integer.BYTES;

    /** The smallest complete file: a header and the END section (a snapshot of no tables). */
    public static final int MIN_FILE_LENGTH = HEADER_LENGTH + END_LENGTH;

    private SnapshotDescriptor() {}

    /** The file name of the snapshot at {@code lsn}: {@code snap-00000000000000131072.px}. */
    public static String fileName(long lsn) {
        if (lsn < 0) {
            throw new IllegalArgumentException("negative snapshot LSN: " + lsn);
        }
        return String.format(Locale.ROOT, "%s%020d%s", FILE_PREFIX, lsn, FILE_SUFFIX);
    }

    /** The name of the temporary file a snapshot at {@code lsn} is written to before its rename. */
    public static String tempFileName(long lsn) {
        return fileName(lsn) + TEMP_SUFFIX;
    }

    /** The LSN a snapshot file name encodes, or -1 when the name is not a complete snapshot's. */
    public static long parseFileName(String name) {
        return parse(name, FILE_SUFFIX);
    }

    /** The LSN a temporary snapshot file name encodes, or -1 when the name is not one. */
    public static long parseTempFileName(String name) {
        return parse(name, FILE_SUFFIX + TEMP_SUFFIX);
    }

    private static long parse(String name, String suffix) {
        if (name.length() != FILE_PREFIX.length() + FILE_NAME_DIGITS + suffix.length()
                || !name.startsWith(FILE_PREFIX)
                || !name.endsWith(suffix)) {
            return -1;
        }
        long v = 0;
        for (int i = FILE_PREFIX.length(); i < FILE_PREFIX.length() + FILE_NAME_DIGITS; i++) {
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

    /** Writes the file header at {@code buf}'s index 0; {@code buf} must be little-endian. */
    public static void encodeHeader(ByteBuffer buf, long lsn, long createdNanos, long walLogId, int tables) {
        buf.putInt(MAGIC_OFFSET, MAGIC);
        buf.putShort(VERSION_OFFSET, FORMAT_VERSION);
        buf.putShort(HEADER_LENGTH_OFFSET, (short) HEADER_LENGTH);
        buf.putLong(LSN_OFFSET, lsn);
        buf.putLong(CREATED_OFFSET, createdNanos);
        buf.putLong(WAL_LOG_ID_OFFSET, walLogId);
        buf.putInt(TABLE_COUNT_OFFSET, tables);
        buf.putInt(HEADER_CRC_OFFSET, crc(new CRC32C(), buf, 0, HEADER_CRC_OFFSET));
    }

    /**
     * Writes a section header at {@code buf}'s index 0 with a zero CRC field; {@link #sealSection} fills it in once
     * the body follows.
     */
    public static void encodeSectionHeader(ByteBuffer buf, int length, long position, int type, int table) {
        buf.putInt(SECTION_CRC_OFFSET, 0);
        buf.putInt(SECTION_LENGTH_OFFSET, length);
        buf.putLong(SECTION_POSITION_OFFSET, position);
        buf.put(SECTION_TYPE_OFFSET, (byte) type);
        buf.put(SECTION_FLAGS_OFFSET, (byte) 0);
        buf.putShort(SECTION_RESERVED_OFFSET, (short) 0);
        buf.putInt(SECTION_TABLE_OFFSET, table);
    }

    /** Computes the CRC of the section in {@code buf[0, length)} and stores it in its CRC field. */
    public static void sealSection(CRC32C crc, ByteBuffer buf, int length) {
        buf.putInt(SECTION_CRC_OFFSET, crc(crc, buf, SECTION_CRC_START, length));
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
        ByteBuffer view = buf.duplicate();
        view.limit(to).position(from);
        crc.update(view);
    }

    /** A readable name for a section type. */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_TABLE -> "TABLE";
            case TYPE_BLOCK -> "BLOCK";
            case TYPE_END -> "END";
            default -> "type " + type;
        };
    }
}
