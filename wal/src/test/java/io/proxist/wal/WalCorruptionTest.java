package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage anywhere but the tail of the last segment is an error naming the file and offset, never skipped. */
class WalCorruptionTest {
    @TempDir
    Path tmp;

    private Path original;
    private List<Rec> written;

    @BeforeEach
    void writeLog() {
        original = tmp.resolve("original");
        Random r = new Random(21);
        written = new ArrayList<>();
        try (Wal wal = Wal.open(original, small(512))) {
            for (int i = 0; i < 60; i++) {
                written.add(append(wal, r, 20 + r.nextInt(80), Durability.MEMORY));
            }
        }
        assertTrue(segments(original).size() >= 4);
    }

    private WalCorruptionException openExpectingCorruption(Path dir) {
        return assertThrows(
                WalCorruptionException.class, () -> Wal.open(dir, small(512)).close());
    }

    @Test
    void flippedBitsInAMiddleSegmentAreAnError() {
        Path middle = segments(original).get(1);
        long base = base(middle);
        List<Rec> inMiddle = written.stream()
                .filter(x -> segmentOf(original, x.position).equals(middle))
                .toList();
        int n = 0;
        for (Rec rec : inMiddle) {
            long recordOffset = rec.position - base;
            for (long at = recordOffset; at < recordOffset + rec.length(); at += 5) {
                Path dir = tmp.resolve("flip-" + n++);
                copyDir(original, dir);
                flipBit(dir.resolve(middle.getFileName()), at, (int) (at % 8));
                WalCorruptionException e = openExpectingCorruption(dir);
                assertEquals(dir.resolve(middle.getFileName()), e.file());
                assertEquals(recordOffset, e.offset(), e.getMessage());
                assertTrue(e.getMessage().contains(middle.getFileName().toString()), e.getMessage());
                assertTrue(e.getMessage().contains("offset=" + recordOffset), e.getMessage());
                assertEquals(246, e.codeNumber());
                assertEquals("CORRUPTED_DATA", e.codeName());
            }
        }
    }

    @Test
    void flippedBitsInAMiddleSegmentHeaderAreAnError() {
        Path middle = segments(original).get(2);
        for (int at = 0; at < WalDescriptor.SEGMENT_HEADER_LENGTH; at++) {
            Path dir = tmp.resolve("flip-" + at);
            copyDir(original, dir);
            flipBit(dir.resolve(middle.getFileName()), at, at % 8);
            Throwable e = assertThrows(
                    WalException.class, () -> Wal.open(dir, small(512)).close());
            assertTrue(e.getMessage().contains(middle.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void aBadRecordFollowedByAGoodOneInTheLastSegmentIsAnError() {
        List<Path> segs = segments(original);
        Path last = segs.getLast();
        List<Rec> inLast = written.stream()
                .filter(x -> segmentOf(original, x.position).equals(last))
                .toList();
        assertTrue(inLast.size() >= 2, "records in the last segment: " + inLast.size());
        Rec victim = inLast.get(inLast.size() - 2);
        long recordOffset = victim.position - base(last);
        for (long at = recordOffset; at < recordOffset + victim.length(); at += 3) {
            Path dir = tmp.resolve("flip-" + at);
            copyDir(original, dir);
            flipBit(dir.resolve(last.getFileName()), at, (int) (at % 8));
            WalCorruptionException e = openExpectingCorruption(dir);
            assertEquals(recordOffset, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("valid record follows"), e.getMessage());
        }
    }

    @Test
    void aMissingMiddleSegmentIsAnError() throws Exception {
        Path dir = tmp.resolve("gap");
        copyDir(original, dir);
        Path middle = dir.resolve(segments(original).get(2).getFileName());
        Files.delete(middle);
        WalCorruptionException e = openExpectingCorruption(dir);
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
    }

    @Test
    void aSegmentOfAnotherLogIsAnError() {
        Path other = tmp.resolve("other");
        try (Wal wal = Wal.open(other, small(512))) {
            Random r = new Random(21);
            for (int i = 0; i < 60; i++) {
                append(wal, r, 20 + r.nextInt(80), Durability.MEMORY); // the same sizes: the same segment bases
            }
        }
        Path dir = tmp.resolve("mixed");
        copyDir(original, dir);
        Path second = segments(dir).get(1);
        try {
            Files.copy(other.resolve(second.getFileName()), second, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        WalCorruptionException e = openExpectingCorruption(dir);
        assertTrue(e.getMessage().contains("another log"), e.getMessage());
    }

    @Test
    void replayReportsDamageThatAppearsAfterOpen() {
        Path dir = tmp.resolve("late");
        copyDir(original, dir);
        try (Wal wal = Wal.open(dir, small(512))) {
            Path first = segments(dir).getFirst();
            flipBit(first, WalDescriptor.SEGMENT_HEADER_LENGTH + WalDescriptor.RECORD_HEADER_LENGTH + 1, 3);
            WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> replayAll(wal));
            assertEquals(WalDescriptor.SEGMENT_HEADER_LENGTH, e.offset());
        }
    }
}
