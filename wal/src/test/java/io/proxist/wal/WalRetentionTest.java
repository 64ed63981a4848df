package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deleteUpTo and the size budget. */
class WalRetentionTest {
    @TempDir
    Path dir;

    private final Random r = new Random(51);

    @Test
    void deleteUpToRemovesOnlySegmentsWhollyBelowThePosition() {
        List<Rec> written = new ArrayList<>();
        try (Wal wal = Wal.open(dir, small(512))) {
            for (int i = 0; i < 100; i++) {
                written.add(append(wal, r, 20 + r.nextInt(60), Durability.MEMORY));
            }
            int before = wal.segmentCount();
            assertTrue(before > 8);
            Rec k = written.get(50);
            Path holding = segmentOf(dir, k.position);
            int deleted = wal.deleteUpTo(k.position);
            assertTrue(deleted > 0);
            assertEquals(before - deleted, wal.segmentCount());
            assertEquals(segments(dir).size(), wal.segmentCount());
            assertEquals(holding, segments(dir).getFirst(), "the segment holding the position stays");
            assertEquals(base(holding), wal.firstPosition());
            assertEquals(from(written, k.position), replay(wal, k.position));
            assertEquals(from(written, wal.firstPosition()), replayAll(wal));
            assertThrows(WalException.class, () -> replay(wal, 0));
            assertEquals(0, wal.deleteUpTo(k.position), "idempotent");
            long total = 0;
            for (Path p : segments(dir)) {
                total += size(p);
            }
            assertEquals(total, wal.totalSize());

            // The exact boundary: a segment goes once its last record is below the position, not before.
            Rec lastOfFirst = written.stream()
                    .filter(x -> holding.equals(segmentOf(dir, x.position)))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(0, wal.deleteUpTo(lastOfFirst.position));
            assertEquals(1, wal.deleteUpTo(lastOfFirst.position + 1));
        }
        try (Wal wal = Wal.open(dir, small(512))) {
            long first = wal.firstPosition();
            assertEquals(from(written, first), replayAll(wal));
            wal.deleteUpTo(Long.MAX_VALUE);
            assertEquals(1, wal.segmentCount(), "the active segment is never deleted");
            assertEquals(from(written, wal.firstPosition()), replayAll(wal));
            Rec next = append(wal, r, 10, Durability.SYNC);
            assertEquals(written.getLast().end(), next.position);
        }
    }

    @Test
    void budgetExceededRejectsTheAppendUntilSpaceIsFreed() {
        long budget = 2048;
        List<Rec> acked = new ArrayList<>();
        try (Wal wal = Wal.open(dir, small(512).withMaxTotalSize(budget))) {
            WalBudgetExceededException e = null;
            while (e == null) {
                try {
                    acked.add(append(wal, r, 50, Durability.SYNC));
                } catch (WalBudgetExceededException x) {
                    e = x;
                }
            }
            assertEquals(243, e.codeNumber());
            assertEquals("NOT_ENOUGH_SPACE", e.codeName());
            assertEquals(budget, e.budgetBytes());
            assertTrue(e.usedBytes() + e.recordBytes() > budget);
            assertTrue(e.getMessage().contains("budget=" + budget), e.getMessage());
            assertTrue(wal.totalSize() <= budget);
            assertFalse(wal.isFailed());
            long end = wal.endPosition();
            assertThrows(WalBudgetExceededException.class, () -> append(wal, r, 50, Durability.SYNC));
            assertEquals(end, wal.endPosition(), "nothing written");

            assertTrue(wal.deleteUpTo(wal.endPosition()) > 0);
            acked.add(append(wal, r, 50, Durability.SYNC));
        }
        try (Wal wal = Wal.open(dir, small(512).withMaxTotalSize(budget))) {
            assertEquals(from(acked, wal.firstPosition()), replayAll(wal));
            assertTrue(wal.totalSize() <= budget);
        }
    }

    @Test
    void theBudgetCountsWhatIsFoundOnOpen() {
        try (Wal wal = Wal.open(dir, small(512))) {
            for (int i = 0; i < 40; i++) {
                append(wal, r, 50, Durability.MEMORY);
            }
        }
        long used;
        try (Wal wal = Wal.open(dir, small(512))) {
            used = wal.totalSize();
        }
        try (Wal wal = Wal.open(dir, small(512).withMaxTotalSize(used))) {
            assertEquals(used, wal.totalSize());
            assertThrows(WalBudgetExceededException.class, () -> append(wal, r, 1, Durability.SYNC));
        }
    }
}
