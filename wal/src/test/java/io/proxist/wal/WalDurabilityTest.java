package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalDurabilityTest {
    @TempDir
    Path dir;

    private final Random r = new Random(41);
    private final FaultInjectingWalFiles files = new FaultInjectingWalFiles();

    @Test
    void syncIsOnDiskAtReturn() {
        try (Wal wal = Wal.open(dir, small(4096).withFiles(files))) {
            Rec rec = append(wal, r, 100, Durability.SYNC);
            assertTrue(wal.syncedPosition() >= rec.end());
            assertTrue(
                    files.forcedSize(segmentOf(dir, rec.position)) >= rec.end() - base(segmentOf(dir, rec.position)));
        }
    }

    @Test
    void asyncIsFsyncedByTheFlusher() {
        try (Wal wal = Wal.open(dir, small(4096).withFiles(files).withAsyncFlushInterval(Duration.ofMillis(5)))) {
            for (int i = 0; i < 20; i++) {
                Rec rec = append(wal, r, 100, Durability.ASYNC);
                await("the flusher's fsync", Duration.ofSeconds(30), () -> wal.syncedPosition() >= rec.end());
                Path seg = segmentOf(dir, rec.position);
                assertTrue(files.forcedSize(seg) >= rec.end() - base(seg));
            }
        }
    }

    @Test
    void memoryIsNotFsyncedForItsOwnSake() {
        try (Wal wal = Wal.open(dir, small(4096).withFiles(files))) {
            long forces = files.forceCount();
            Rec rec = append(wal, r, 100, Durability.MEMORY);
            assertEquals(forces, files.forceCount());
            assertTrue(wal.syncedPosition() < rec.end());
            wal.sync();
            assertEquals(rec.end(), wal.syncedPosition());
            // A SYNC append carries earlier MEMORY records to disk with it.
            Rec m = append(wal, r, 10, Durability.MEMORY);
            Rec s = append(wal, r, 10, Durability.SYNC);
            assertTrue(wal.syncedPosition() >= s.end() && s.end() > m.end());
        }
    }

    @Test
    void closeFsyncsEverything() {
        Wal wal = Wal.open(dir, small(4096).withFiles(files));
        Rec rec = append(wal, r, 100, Durability.MEMORY);
        wal.close();
        Path seg = segmentOf(dir, rec.position);
        assertEquals(rec.end() - base(seg), files.forcedSize(seg));
    }

    @Test
    void sealedSegmentsAreFsynced() {
        try (Wal wal = Wal.open(dir, small(512).withFiles(files))) {
            for (int i = 0; i < 100; i++) {
                append(wal, r, r.nextInt(100), Durability.MEMORY);
            }
            var segs = segments(dir);
            assertTrue(segs.size() > 3);
            for (Path p : segs.subList(0, segs.size() - 1)) {
                assertEquals(size(p), files.forcedSize(p), p.toString());
            }
        }
    }
}
