package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalRoundTripTest {
    @TempDir
    Path dir;

    private static final Durability[] DURABILITIES = Durability.values();

    private List<Rec> writeMany(Wal wal, Random r, int n, int segmentSize) {
        List<Rec> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int size = i % 250 == 7 ? segmentSize * 2 + r.nextInt(100) : r.nextInt(i % 10 == 0 ? 900 : 60);
            written.add(append(wal, r, size, DURABILITIES[i % DURABILITIES.length]));
        }
        return written;
    }

    @Test
    void manyRecordsAcrossSegmentRolls() throws Exception {
        Random r = new Random(1);
        WalOptions options = small(2048).withAsyncFlushInterval(java.time.Duration.ZERO);
        List<Rec> written;
        try (Wal wal = Wal.open(dir, options)) {
            written = writeMany(wal, r, 3000, 2048);
            assertTrue(wal.segmentCount() > 20, "segments: " + wal.segmentCount());
            assertEquals(written, replayAll(wal));
            assertEquals(written.getLast().end(), wal.endPosition());
            assertEquals(segments(dir).size(), wal.segmentCount());
            long total = 0;
            for (Path p : segments(dir)) {
                total += Files.size(p);
            }
            assertEquals(total, wal.totalSize());
        }
        try (Wal wal = Wal.open(dir, options)) {
            WalRecoveryReport report = wal.recoveryReport();
            assertEquals(0, report.truncatedBytes());
            assertEquals(written.size(), report.records());
            assertEquals(written, replayAll(wal));
            Rec more = append(wal, r, 10, Durability.SYNC);
            assertEquals(written.getLast().end(), more.position);
            written.add(more);
        }
        try (Wal wal = Wal.open(dir, options)) {
            assertEquals(written, replayAll(wal));
        }
    }

    @Test
    void replayFromArbitraryPositions() {
        Random r = new Random(2);
        try (Wal wal = Wal.open(dir, small(1024))) {
            List<Rec> written = writeMany(wal, r, 400, 1024);
            for (int k = 0; k < written.size(); k += 1 + r.nextInt(7)) {
                Rec rec = written.get(k);
                assertEquals(written.subList(k, written.size()), replay(wal, rec.position), "from record " + k);
                long inside = rec.position + 1 + r.nextInt((int) rec.length() - 1);
                assertEquals(written.subList(k + 1, written.size()), replay(wal, inside), "from inside record " + k);
            }
            assertEquals(written, replay(wal, 0));
            assertEquals(List.of(), replay(wal, wal.endPosition()));
            long end = wal.endPosition();
            assertThrows(WalException.class, () -> wal.replay(end + 1, (p, t, id, b) -> {}));
            assertEquals(end, wal.replay(written.get(5).position, (p, t, id, b) -> {}));
        }
    }

    @Test
    void recordsLargerThanTheWriteBufferAreWrittenInTwoParts() {
        Random r = new Random(3);
        WalOptions options = small(4096).withWriteBufferSize(64);
        List<Rec> written = new ArrayList<>();
        try (Wal wal = Wal.open(dir, options)) {
            for (int i = 0; i < 200; i++) {
                written.add(append(wal, r, r.nextInt(200), Durability.MEMORY));
            }
        }
        try (Wal wal = Wal.open(dir, options)) {
            assertEquals(written, replayAll(wal));
        }
    }

    @Test
    void payloadBufferIsLeftAsItWasAndDirectBuffersWork() {
        try (Wal wal = Wal.open(dir, small(4096))) {
            ByteBuffer heap = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3);
            ByteBuffer direct =
                    ByteBuffer.allocateDirect(4).put(new byte[] {4, 5, 6, 7}).flip();
            long a = wal.append(7, heap, Durability.SYNC);
            long b = wal.append(8, direct, Durability.SYNC);
            assertEquals(1, heap.position());
            assertEquals(4, heap.limit());
            assertEquals(0, direct.position());
            List<Rec> got = replayAll(wal);
            assertEquals(new Rec(a, 1, 7, new byte[] {1, 2, 3}, null), got.get(0));
            assertEquals(new Rec(b, 1, 8, new byte[] {4, 5, 6, 7}, null), got.get(1));
        }
    }

    @Test
    void rejectsBadTypesAndOversizePayloads() {
        try (Wal wal = Wal.open(dir, small(4096).withMaxPayloadSize(10))) {
            ByteBuffer p = ByteBuffer.allocate(1);
            assertThrows(IllegalArgumentException.class, () -> wal.append(0, 1, p, Durability.SYNC));
            assertThrows(IllegalArgumentException.class, () -> wal.append(128, 1, p, Durability.SYNC));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> wal.append(1, ByteBuffer.allocate(11), Durability.SYNC));
            assertTrue(e.getMessage().contains("expected: <= 10"), e.getMessage());
            assertEquals(List.of(), replayAll(wal));
        }
    }

    @Test
    void closedWalRefusesWork() {
        Wal wal = Wal.open(dir, small(4096));
        wal.close();
        wal.close();
        assertThrows(WalException.class, () -> wal.append(1, ByteBuffer.allocate(1), Durability.SYNC));
        assertThrows(WalException.class, () -> wal.replay(0, (p, t, id, b) -> {}));
    }

    /** The bytes on disk are exactly what README.md and WalDescriptor specify. */
    @Test
    void goldenBytes() throws Exception {
        long logId;
        long pos;
        try (Wal wal = Wal.open(dir, small(4096))) {
            logId = wal.logId();
            pos = wal.append(5, 0x01020304, ByteBuffer.wrap(new byte[] {(byte) 0xAA, (byte) 0xBB}), Durability.SYNC);
        }
        assertEquals(32, pos);
        Path seg = dir.resolve("00000000000000000000.wal");
        byte[] file = Files.readAllBytes(seg);
        assertEquals(32 + 24 + 2, file.length);

        ByteBuffer expected = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        expected.put(new byte[] {'P', 'X', 'W', 'L'});
        expected.putShort((short) 1)
                .putShort((short) 32)
                .putLong(0)
                .putLong(logId)
                .putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(expected.array(), 0, 28);
        expected.putInt((int) crc.getValue());
        int recordStart = expected.position();
        expected.putInt(0); // crc, filled below
        expected.putInt(26)
                .putLong(32)
                .put((byte) 5)
                .put((byte) 0)
                .putShort((short) 0)
                .putInt(0x01020304);
        expected.put((byte) 0xAA).put((byte) 0xBB);
        crc.reset();
        crc.update(expected.array(), recordStart + 4, 26 - 4);
        expected.putInt(recordStart, (int) crc.getValue());
        assertArrayEquals(expected.array(), file);
    }

    @Test
    void segmentFileNames() {
        assertEquals("00000000000000000000.wal", WalDescriptor.segmentFileName(0));
        assertEquals("00000000000001234567.wal", WalDescriptor.segmentFileName(1234567));
        assertEquals(1234567, WalDescriptor.parseSegmentFileName("00000000000001234567.wal"));
        assertEquals(Long.MAX_VALUE, WalDescriptor.parseSegmentFileName(WalDescriptor.segmentFileName(Long.MAX_VALUE)));
        assertEquals(-1, WalDescriptor.parseSegmentFileName("0000000000000123456.wal"));
        assertEquals(-1, WalDescriptor.parseSegmentFileName("0000000000000123456x.wal"));
        assertEquals(-1, WalDescriptor.parseSegmentFileName("00000000000001234567.tmp"));
        assertEquals(-1, WalDescriptor.parseSegmentFileName("99999999999999999999.wal"));
    }

    @Test
    void optionsAreValidated() {
        WalOptions d = WalOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withSegmentSize(10));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxPayloadSize(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxTotalSize(d.segmentSize() - 1));
        assertThrows(IllegalArgumentException.class, () -> d.withAsyncFlushInterval(java.time.Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withWriteBufferSize(8));
    }
}
