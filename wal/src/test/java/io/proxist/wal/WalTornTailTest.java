package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery cuts a torn or corrupt last record, and only that. */
class WalTornTailTest {
    @TempDir
    Path tmp;

    private List<Rec> writeLog(Path dir, int records, int lastPayload) {
        Random r = new Random(11);
        List<Rec> written = new ArrayList<>();
        try (Wal wal = Wal.open(dir, small(512))) {
            for (int i = 0; i < records - 1; i++) {
                written.add(append(wal, r, 20 + r.nextInt(80), Durability.MEMORY));
            }
            written.add(append(wal, r, lastPayload, Durability.SYNC));
        }
        return written;
    }

    @Test
    void truncatingTheLastRecordAtEveryOffsetKeepsExactlyTheCompleteRecords() {
        Path original = tmp.resolve("original");
        List<Rec> written = writeLog(original, 30, 40);
        Rec last = written.getLast();
        Path lastSegment = segmentOf(original, last.position);
        long recordOffset = last.position - base(lastSegment);
        assertEquals(size(lastSegment), recordOffset + last.length(), "the last record ends the last segment");
        List<Rec> complete = written.subList(0, written.size() - 1);
        for (long cut = recordOffset; cut <= recordOffset + last.length(); cut++) {
            Path dir = tmp.resolve("cut-" + cut);
            copyDir(original, dir);
            truncate(dir.resolve(lastSegment.getFileName()), cut);
            boolean whole = cut == recordOffset + last.length();
            try (Wal wal = Wal.open(dir, small(512))) {
                assertEquals(whole ? written : complete, replayAll(wal), "cut at " + cut);
                WalRecoveryReport report = wal.recoveryReport();
                assertEquals(whole ? 0 : cut - recordOffset, report.truncatedBytes(), "cut at " + cut);
                assertEquals(whole ? last.end() : last.position, wal.endPosition());
                assertEquals(wal.endPosition(), wal.syncedPosition(), "recovered state is made durable");
                if (whole) {
                    continue;
                }
                // The WAL continues where the complete records end.
                Rec next = append(wal, new Random(cut), 5, Durability.SYNC);
                assertEquals(last.position, next.position);
            }
            try (Wal wal = Wal.open(dir, small(512))) {
                List<Rec> got = replayAll(wal);
                assertEquals(complete, got.subList(0, complete.size()));
                assertEquals(complete.size() + 1, got.size());
                assertEquals(0, wal.recoveryReport().truncatedBytes());
            }
        }
    }

    @Test
    void aRecordAloneInTheLastSegmentCutAnywhereLeavesAnEmptySegment() {
        Path original = tmp.resolve("original");
        // 600 bytes do not fit the 512-byte segment the others used: the last record starts a segment of its own.
        List<Rec> written = writeLog(original, 10, 600);
        Rec last = written.getLast();
        Path lastSegment = segmentOf(original, last.position);
        assertEquals(base(lastSegment) + WalDescriptor.SEGMENT_HEADER_LENGTH, last.position);
        for (long cut = WalDescriptor.SEGMENT_HEADER_LENGTH; cut < size(lastSegment); cut += 37) {
            Path dir = tmp.resolve("cut-" + cut);
            copyDir(original, dir);
            truncate(dir.resolve(lastSegment.getFileName()), cut);
            try (Wal wal = Wal.open(dir, small(512))) {
                assertEquals(written.subList(0, written.size() - 1), replayAll(wal));
                assertEquals(last.position, wal.endPosition());
            }
        }
    }

    @Test
    void aLastSegmentWithATornHeaderIsDeleted() {
        Path original = tmp.resolve("original");
        List<Rec> written = writeLog(original, 10, 600);
        Path lastSegment = segmentOf(original, written.getLast().position);
        for (long cut = 0; cut < WalDescriptor.SEGMENT_HEADER_LENGTH; cut++) {
            Path dir = tmp.resolve("cut-" + cut);
            copyDir(original, dir);
            truncate(dir.resolve(lastSegment.getFileName()), cut);
            try (Wal wal = Wal.open(dir, small(512))) {
                assertTrue(wal.recoveryReport().deletedEmptySegment());
                assertEquals(written.subList(0, written.size() - 1), replayAll(wal));
                assertEquals(base(lastSegment), wal.endPosition());
                Rec next = append(wal, new Random(cut), 600, Durability.SYNC);
                assertEquals(base(lastSegment) + WalDescriptor.SEGMENT_HEADER_LENGTH, next.position);
            }
        }
    }

    @Test
    void flippedBitsInTheLastRecordAreCutOff() {
        Path original = tmp.resolve("original");
        List<Rec> written = writeLog(original, 30, 40);
        Rec last = written.getLast();
        Path lastSegment = segmentOf(original, last.position);
        long recordOffset = last.position - base(lastSegment);
        for (long at = recordOffset; at < recordOffset + last.length(); at++) {
            Path dir = tmp.resolve("flip-" + at);
            copyDir(original, dir);
            flipBit(dir.resolve(lastSegment.getFileName()), at, (int) (at % 8));
            try (Wal wal = Wal.open(dir, small(512))) {
                assertEquals(written.subList(0, written.size() - 1), replayAll(wal), "flip at " + at);
                assertEquals(recordOffset, wal.recoveryReport().truncatedAtOffset());
                assertEquals(last.length(), wal.recoveryReport().truncatedBytes());
                assertNotNull(wal.recoveryReport().truncationReason());
            }
        }
    }

    @Test
    void zeroFilledTailIsCutOff() throws Exception {
        Path dir = tmp.resolve("zeros");
        List<Rec> written = writeLog(dir, 5, 40);
        Path lastSegment = segmentOf(dir, written.getLast().position);
        long size = size(lastSegment);
        truncate(lastSegment, size + 300); // a file extended without its data: zeros
        try (Wal wal = Wal.open(dir, small(512))) {
            assertEquals(written, replayAll(wal));
            assertEquals(300, wal.recoveryReport().truncatedBytes());
            assertEquals(size, size(lastSegment));
        }
    }
}
