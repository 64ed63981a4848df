package io.proxist.wal;

import static io.proxist.wal.WalDescriptor.RECORD_CRC_OFFSET;
import static io.proxist.wal.WalDescriptor.RECORD_CRC_START;
import static io.proxist.wal.WalDescriptor.RECORD_HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Encodes and writes one record: header and payload assembled in a reused direct buffer, checksummed, written with
 * one positional write. A record larger than the buffer is written as header, then payload (one small duplicate
 * buffer per such record). Not thread-safe: the WAL's append lock guards it.
 */
final class RecordWriter {
    private final ByteBuffer buf;
    private final CRC32C crc = new CRC32C();

    RecordWriter(int bufferSize) {
        this.buf = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes the record at {@code fileOffset} of {@code ch}; {@code payload}'s position and limit are left as they
     * were. On an exception any prefix of the record may have reached the file.
     */
    void write(WalChannel ch, long fileOffset, long position, int type, int tableId, ByteBuffer payload)
            throws IOException {
        int payloadLength = payload.remaining();
        int recordLength = RECORD_HEADER_LENGTH + payloadLength;
        ByteBuffer b = buf.clear();
        WalDescriptor.encodeRecordHeader(b, recordLength, position, type, tableId);
        if (recordLength <= b.capacity()) {
            b.put(RECORD_HEADER_LENGTH, payload, payload.position(), payloadLength);
            b.putInt(RECORD_CRC_OFFSET, WalDescriptor.crc(crc, b, RECORD_CRC_START, recordLength));
            b.limit(recordLength);
            writeFully(ch, b, fileOffset);
            return;
        }
        crc.reset();
        WalDescriptor.updateCrc(crc, b, RECORD_CRC_START, RECORD_HEADER_LENGTH);
        ByteBuffer p = payload.duplicate();
        crc.update(p);
        p.position(payload.position());
        b.putInt(RECORD_CRC_OFFSET, (int) crc.getValue());
        b.limit(RECORD_HEADER_LENGTH);
        writeFully(ch, b, fileOffset);
        writeFully(ch, p, fileOffset + RECORD_HEADER_LENGTH);
    }

    static void writeFully(WalChannel ch, ByteBuffer b, long fileOffset) throws IOException {
        long pos = fileOffset;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }
}
