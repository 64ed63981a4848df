package io.proxist.wal;

import static io.proxist.wal.WalDescriptor.RECORD_HEADER_LENGTH;
import static io.proxist.wal.WalDescriptor.RECORD_TABLE_ID_OFFSET;
import static io.proxist.wal.WalDescriptor.RECORD_TYPE_OFFSET;
import static io.proxist.wal.WalDescriptor.SEGMENT_HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Replays the records of one segment from a position, re-verifying each one it hands out. */
final class WalReplayer {
    private final WalFiles files;
    private final Segment segment;
    private final long end;

    /** Replays {@code segment} up to position {@code end}. */
    WalReplayer(WalFiles files, Segment segment, long end) {
        this.files = files;
        this.segment = segment;
        this.end = end;
    }

    void replay(long fromPosition, WalRecordConsumer consumer) throws IOException {
        long base = segment.base;
        try (WalChannel ch = files.open(segment.path, WalFiles.OpenMode.READ)) {
            SegmentReader reader = new SegmentReader(ch, segment.path, base, end - base);
            reader.readHeader();
            long off = SEGMENT_HEADER_LENGTH;
            while (off < reader.length()) {
                if (base + off < fromPosition) {
                    int len = reader.peekLength(off);
                    if (len < 0) {
                        throw new WalCorruptionException(segment.path, off, SegmentReader.reason(len));
                    }
                    off += len;
                    continue;
                }
                int len = reader.checkRecord(off);
                if (len < 0) {
                    throw new WalCorruptionException(segment.path, off, SegmentReader.reason(len));
                }
                ByteBuffer buf = reader.buffer();
                int i = reader.bufferIndex(off);
                int type = buf.get(i + RECORD_TYPE_OFFSET) & 0xFF;
                int tableId = buf.getInt(i + RECORD_TABLE_ID_OFFSET);
                ByteBuffer payload = reader.view();
                payload.limit(i + len).position(i + RECORD_HEADER_LENGTH);
                consumer.accept(base + off, type, tableId, payload);
                off += len;
            }
        }
    }
}
