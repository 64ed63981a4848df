package io.proxist.wal;

import static io.proxist.wal.WalDescriptor.*;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads one segment file through a reusable window buffer and validates its header and records. Used by recovery
 * (scan everything, find the end) and by replay. Not thread-safe; one per scan. The caller owns and closes the
 * channel.
 */
final class SegmentReader {
    static final int CHUNK = 64 << 10;

    // Negative results of checkRecord: why the bytes at an offset are not a valid record.
    static final int INCOMPLETE = -1;
    static final int BAD_LENGTH = -2;
    static final int BAD_POSITION = -3;
    static final int BAD_TYPE = -4;
    static final int BAD_CRC = -5;

    private final WalChannel channel;
    private final Path file;
    private final long base;
    private final long length;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf;
    private ByteBuffer view;
    private long windowStart;
    private int windowLength;

    /** Reads the first {@code length} bytes of {@code file}, the segment starting at {@code base}. */
    SegmentReader(WalChannel channel, Path file, long base, long length) {
        this.channel = channel;
        this.file = file;
        this.base = base;
        this.length = length;
        allocate(CHUNK);
    }

    static String reason(int code) {
        return switch (code) {
            case INCOMPLETE -> "incomplete record";
            case BAD_LENGTH -> "bad record length";
            case BAD_POSITION -> "record position does not match its offset";
            case BAD_TYPE -> "bad record type";
            case BAD_CRC -> "record checksum mismatch";
            default -> "unknown (" + code + ")";
        };
    }

    Path file() {
        return file;
    }

    long length() {
        return length;
    }

    /**
     * Validates the segment header. Returns its log id; throws {@link WalCorruptionException} when the header is
     * invalid and {@link WalException} when it is valid but of an unsupported version.
     */
    long readHeader() throws IOException {
        if (length < SEGMENT_HEADER_LENGTH) {
            throw new WalCorruptionException(file, 0, "segment header incomplete [length=" + length + "]");
        }
        int i = load(0, SEGMENT_HEADER_LENGTH);
        if (buf.getInt(i + SEGMENT_MAGIC_OFFSET) != MAGIC) {
            throw new WalCorruptionException(file, 0, "bad segment magic");
        }
        if (WalDescriptor.crc(crc, buf, i, i + SEGMENT_CRC_OFFSET) != buf.getInt(i + SEGMENT_CRC_OFFSET)) {
            throw new WalCorruptionException(file, 0, "segment header checksum mismatch");
        }
        short version = buf.getShort(i + SEGMENT_VERSION_OFFSET);
        short headerLength = buf.getShort(i + SEGMENT_HEADER_LENGTH_OFFSET);
        if (version != FORMAT_VERSION || headerLength != SEGMENT_HEADER_LENGTH) {
            throw new WalException(
                    io.proxist.core.error.ErrorCode.NOT_IMPLEMENTED,
                    "unsupported wal format [version=" + version + ", headerLength=" + headerLength + ", file=" + file
                            + "] (this build reads version " + FORMAT_VERSION + ")");
        }
        long headerBase = buf.getLong(i + SEGMENT_BASE_POSITION_OFFSET);
        if (headerBase != base) {
            throw new WalCorruptionException(
                    file,
                    SEGMENT_BASE_POSITION_OFFSET,
                    "segment header base " + headerBase + " does not match its name");
        }
        return buf.getLong(i + SEGMENT_LOG_ID_OFFSET);
    }

    /**
     * Validates the record at file offset {@code off}: returns its length, or one of the negative reasons. A valid
     * record's bytes stay loaded: {@link #bufferIndex(long)} finds them.
     */
    int checkRecord(long off) throws IOException {
        long remaining = length - off;
        if (remaining < RECORD_HEADER_LENGTH) {
            return INCOMPLETE;
        }
        int i = load(off, RECORD_HEADER_LENGTH);
        int len = buf.getInt(i + RECORD_LENGTH_OFFSET);
        if (len < RECORD_HEADER_LENGTH || len > MAX_RECORD_LENGTH) {
            return BAD_LENGTH;
        }
        if (buf.getLong(i + RECORD_POSITION_OFFSET) != base + off) {
            return BAD_POSITION;
        }
        if (len > remaining) {
            return INCOMPLETE;
        }
        if ((buf.get(i + RECORD_TYPE_OFFSET) & 0xFF) == TYPE_INVALID) {
            return BAD_TYPE;
        }
        i = load(off, len);
        if (WalDescriptor.crc(crc, buf, i + RECORD_CRC_START, i + len) != buf.getInt(i + RECORD_CRC_OFFSET)) {
            return BAD_CRC;
        }
        return len;
    }

    /**
     * The length of the record at {@code off}, from its header alone (no checksum), for skipping; or a negative
     * reason when even the header is wrong.
     */
    int peekLength(long off) throws IOException {
        if (length - off < RECORD_HEADER_LENGTH) {
            return INCOMPLETE;
        }
        int i = load(off, RECORD_HEADER_LENGTH);
        int len = buf.getInt(i + RECORD_LENGTH_OFFSET);
        if (len < RECORD_HEADER_LENGTH || len > MAX_RECORD_LENGTH) {
            return BAD_LENGTH;
        }
        if (buf.getLong(i + RECORD_POSITION_OFFSET) != base + off) {
            return BAD_POSITION;
        }
        return len > length - off ? INCOMPLETE : len;
    }

    /**
     * The offset of the first valid record that starts after {@code off}, or -1. Every offset is tried: a
     * candidate must carry its own position (8 bytes), then pass the full check.
     */
    long findValidRecordAfter(long off) throws IOException {
        long q = off + 1;
        outer:
        while (q + RECORD_HEADER_LENGTH <= length) {
            int n = (int) Math.min(CHUNK, length - q);
            int i = load(q, n);
            int last = i + n - RECORD_HEADER_LENGTH;
            for (int j = i; j <= last; j++) {
                long candidate = q + (j - i);
                if (buf.getLong(j + RECORD_POSITION_OFFSET) == base + candidate) {
                    if (checkRecord(candidate) > 0) {
                        return candidate;
                    }
                    q = candidate + 1;
                    continue outer;
                }
            }
            q += last - i + 1;
        }
        return -1;
    }

    /** The buffer index of file offset {@code off}, which must be loaded. */
    int bufferIndex(long off) {
        return (int) (off - windowStart);
    }

    ByteBuffer buffer() {
        return buf;
    }

    /** A read-only little-endian view of the buffer, for handing payloads out; replaced when the buffer grows. */
    ByteBuffer view() {
        return view;
    }

    /** Makes bytes {@code [off, off + n)} available in the buffer and returns the index of {@code off}. */
    private int load(long off, int n) throws IOException {
        if (off >= windowStart && off + n <= windowStart + windowLength) {
            return (int) (off - windowStart);
        }
        if (n > buf.capacity()) {
            allocate(Math.max(n, Math.min(MAX_RECORD_LENGTH, buf.capacity() * 2)));
        }
        int want = (int) Math.min(buf.capacity(), length - off);
        buf.clear().limit(want);
        while (buf.hasRemaining()) {
            if (channel.read(buf, off + buf.position()) < 0) {
                windowLength = 0;
                throw new EOFException("wal segment shorter than expected [file=" + file + ", offset="
                        + (off + buf.position()) + ", expected length=" + length + "]");
            }
        }
        buf.clear();
        windowStart = off;
        windowLength = want;
        return 0;
    }

    private void allocate(int capacity) {
        buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        view = buf.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        windowStart = 0;
        windowLength = 0;
    }
}
