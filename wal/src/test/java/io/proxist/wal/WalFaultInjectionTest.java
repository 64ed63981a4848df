package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed writes and fsyncs reject the append, acknowledge nothing, and leave a WAL that recovers. */
class WalFaultInjectionTest {
    @TempDir
    Path dir;

    private final Random r = new Random(31);
    private final FaultInjectingWalFiles faults = new FaultInjectingWalFiles();
    private final List<Rec> acked = new ArrayList<>();

    private Wal open(long segmentSize) {
        return Wal.open(dir, small(segmentSize).withFiles(faults));
    }

    private void appendSome(Wal wal, int n, Durability d) {
        for (int i = 0; i < n; i++) {
            acked.add(append(wal, r, 10 + r.nextInt(50), d));
        }
    }

    private List<Rec> reopenAndReplay() {
        try (Wal wal = Wal.open(dir, small(4096))) {
            return replayAll(wal);
        }
    }

    @Test
    void failedWriteRejectsTheAppendAndTheWalCarriesOn() {
        try (Wal wal = open(4096)) {
            appendSome(wal, 10, Durability.SYNC);
            long end = wal.endPosition();
            faults.failNthWrite(1, 0);
            WalIoException e = assertThrows(WalIoException.class, () -> append(wal, r, 30, Durability.SYNC));
            assertFalse(e.isFsync());
            assertEquals(75, e.codeNumber());
            assertTrue(e.getMessage().contains("position=" + end), e.getMessage());
            assertFalse(wal.isFailed(), "the partial record was cut off, so the wal carries on");
            assertEquals(end, wal.endPosition());
            appendSome(wal, 5, Durability.SYNC);
            assertEquals(end, acked.get(10).position, "the failed append's position is reused");
            assertEquals(acked, replayAll(wal));
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void tornWriteIsCutBackOffTheFile() {
        try (Wal wal = open(4096)) {
            appendSome(wal, 10, Durability.MEMORY);
            long end = wal.endPosition();
            faults.failNthWrite(1, 17);
            assertThrows(WalIoException.class, () -> append(wal, r, 60, Durability.MEMORY));
            assertFalse(wal.isFailed());
            assertEquals(end - base(segmentOf(dir, end)), size(segmentOf(dir, end)));
            appendSome(wal, 3, Durability.SYNC);
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void tornWriteThatCannotBeCutFailsTheWalAndRecoveryCutsIt() {
        Wal wal = open(4096);
        appendSome(wal, 10, Durability.SYNC);
        faults.failTruncates(true).failNthWrite(1, 40);
        WalIoException e = assertThrows(WalIoException.class, () -> append(wal, r, 60, Durability.SYNC));
        assertTrue(wal.isFailed());
        assertTrue(e.getMessage().contains("accepts nothing more"), e.getMessage());
        WalIoException next = assertThrows(WalIoException.class, () -> append(wal, r, 5, Durability.MEMORY));
        assertSame(e, next.getCause());
        assertThrows(WalIoException.class, wal::sync);
        wal.close();
        faults.failTruncates(false);
        try (Wal reopened = Wal.open(dir, small(4096).withFiles(faults))) {
            assertEquals(acked, replayAll(reopened));
            assertEquals(40, reopened.recoveryReport().truncatedBytes());
            appendSome(reopened, 3, Durability.SYNC);
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void failedFsyncRejectsTheAppendAndFailsTheWal() {
        Rec failed;
        try (Wal wal = open(4096)) {
            appendSome(wal, 10, Durability.SYNC);
            faults.failNthForce(1);
            byte[] p = randomBytes(r, 33);
            long expectedPosition = wal.endPosition();
            WalIoException e =
                    assertThrows(WalIoException.class, () -> wal.append(1, 77, ByteBuffer.wrap(p), Durability.SYNC));
            failed = new Rec(expectedPosition, 1, 77, p, Durability.SYNC);
            assertTrue(e.isFsync());
            assertEquals(204, e.codeNumber());
            assertEquals("CANNOT_FSYNC", e.codeName());
            assertTrue(wal.isFailed());
            assertThrows(WalIoException.class, () -> append(wal, r, 5, Durability.SYNC));
            assertThrows(WalIoException.class, () -> append(wal, r, 5, Durability.MEMORY));
            assertTrue(wal.syncedPosition() <= failed.position, "nothing past the failure counts as durable");
        }
        // The record reached the page cache, so it may come back; what was acknowledged must.
        List<Rec> got = reopenAndReplay();
        assertEquals(acked, got.subList(0, acked.size()));
        assertTrue(got.size() == acked.size() || got.getLast().equals(failed), got.toString());
    }

    @Test
    void failedFsyncWhileSealingASegmentFailsTheWal() {
        try (Wal wal = open(256)) {
            faults.failNthForce(1); // MEMORY appends fsync nothing until the roll seals the segment
            WalIoException failure = null;
            while (failure == null) {
                try {
                    acked.add(append(wal, r, 60, Durability.MEMORY));
                } catch (WalIoException e) {
                    failure = e;
                }
            }
            assertTrue(failure.isFsync());
            assertTrue(wal.isFailed());
            assertEquals(1, wal.segmentCount());
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void failedSegmentCreationFailsTheWalAndRecoveryCarriesOn() {
        try (Wal wal = open(256)) {
            appendSome(wal, 2, Durability.SYNC);
            // The next record does not fit: the roll writes the new segment's header, which fails half-way.
            faults.failNthWrite(1, 10);
            assertThrows(WalIoException.class, () -> append(wal, r, 200, Durability.SYNC));
            assertTrue(wal.isFailed());
        }
        try (Wal wal = Wal.open(dir, small(256).withFiles(faults))) {
            assertEquals(acked, replayAll(wal));
            appendSome(wal, 5, Durability.SYNC);
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void failedBackgroundFsyncFailsTheWal() {
        try (Wal wal = open(4096)) {
            appendSome(wal, 3, Durability.SYNC);
            faults.failNthForce(1);
            acked.add(append(wal, r, 10, Durability.ASYNC)); // acknowledged: it is in the page cache
            await("the flusher's failed fsync", Duration.ofSeconds(30), wal::isFailed);
            WalIoException e = assertThrows(WalIoException.class, () -> append(wal, r, 5, Durability.ASYNC));
            assertTrue(e.isFsync());
        }
        assertEquals(acked, reopenAndReplay());
    }

    @Test
    void failingToOpenIsAnIoError() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("file"), "x");
        WalIoException e =
                assertThrows(WalIoException.class, () -> Wal.open(dir.resolve("file"), WalOptions.defaults()));
        assertTrue(e.getMessage().contains("cannot open wal"), e.getMessage());
    }
}
