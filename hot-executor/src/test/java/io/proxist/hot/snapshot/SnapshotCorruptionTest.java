package io.proxist.hot.snapshot;

import static io.proxist.hot.snapshot.SnapshotTesting.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTableOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Half-written and damaged files: every truncation and every flipped bit is detected, and recovery falls back to
 * the previous snapshot.
 */
class SnapshotCorruptionTest {
    @TempDir
    Path dir;

    private HotStore store;
    private Map<String, List<List<Object>>> atFirst;
    private SnapshotInfo first;
    private SnapshotInfo second;

    /** Two snapshots: at LSN {@code first} and, after more appends, at {@code second}. */
    @BeforeEach
    void twoSnapshots() {
        store = SnapshotTesting.store(HotTableOptions.DEFAULT.withChunkRows(1, 4), SnapshotTesting.schemas());
        Random r = new Random(11);
        SnapshotWriter w = new SnapshotWriter(dir, SnapshotOptions.DEFAULT.withMaxBlockRows(3));
        long lsn = SnapshotRoundTripTest.fill(r, store, 4, 0);
        first = w.write(store, lsn);
        atFirst = SnapshotTesting.dump(store);
        lsn = SnapshotRoundTripTest.fill(r, store, 4, lsn);
        second = w.write(store, lsn);
        assertTrue(second.totalRows() > first.totalRows());
    }

    /** A small snapshot (two tables, several blocks each) for the byte-by-byte tests. */
    private SnapshotInfo small() {
        HotStore s = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        Random r = new Random(5);
        s.table("positions").append(SnapshotTesting.randomBlock(r, SnapshotTesting.positions(), 5, T0), 10);
        s.table("ticks").append(SnapshotTesting.randomBlock(r, SnapshotTesting.ticks(), 4, T0), 20);
        SnapshotInfo info = new SnapshotWriter(dir.resolve("small"), SnapshotOptions.DEFAULT.withMaxBlockRows(2))
                .write(List.of(s.table("positions").snapshot(), s.table("ticks").snapshot()), 30);
        assertTrue(info.blocks() >= 4, info.toString());
        return info;
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        SnapshotInfo info = small();
        byte[] bytes = Files.readAllBytes(info.file());
        SnapshotReader reader = new SnapshotReader();
        for (int len = 0; len < bytes.length; len++) {
            Files.write(info.file(), Arrays.copyOf(bytes, len));
            int cut = len;
            SnapshotCorruptionException e =
                    assertThrows(SnapshotCorruptionException.class, () -> reader.verify(info.file()), "cut at " + cut);
            assertEquals(info.file(), e.file());
            assertEquals(ErrorCode.CORRUPTED_DATA, e.code());
        }
        Files.write(info.file(), bytes);
        assertEquals(info, reader.verify(info.file()));
    }

    @Test
    void everyFlippedBitIsDetected() throws Exception {
        SnapshotInfo info = small();
        byte[] bytes = Files.readAllBytes(info.file());
        SnapshotReader reader = new SnapshotReader();
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            Files.write(info.file(), damaged);
            int at = i;
            assertThrows(SnapshotCorruptionException.class, () -> reader.verify(info.file()), "bit flipped at " + at);
        }
    }

    @Test
    void bytesAfterTheFooterAndZeroFilledTailsAreDetected() throws Exception {
        byte[] bytes = Files.readAllBytes(second.file());
        SnapshotReader reader = new SnapshotReader();
        Files.write(second.file(), Arrays.copyOf(bytes, bytes.length + 1));
        assertThrows(SnapshotCorruptionException.class, () -> reader.verify(second.file()));
        for (int tail : new int[] {1, 48, bytes.length / 2}) {
            byte[] zeroed = bytes.clone();
            Arrays.fill(zeroed, bytes.length - tail, bytes.length, (byte) 0);
            Files.write(second.file(), zeroed);
            assertThrows(SnapshotCorruptionException.class, () -> reader.verify(second.file()));
        }
        // a valid file under another snapshot's name
        Files.write(second.file(), Files.readAllBytes(first.file()));
        assertTrue(assertThrows(SnapshotCorruptionException.class, () -> reader.verify(second.file()))
                .getMessage()
                .contains("file name"));
    }

    @Test
    void recoveryFallsBackToThePreviousSnapshot() throws Exception {
        byte[] bytes = Files.readAllBytes(second.file());
        byte[][] damages = {
            Arrays.copyOf(bytes, bytes.length / 2), // half-written
            Arrays.copyOf(bytes, bytes.length - 1), // footer cut
            flip(bytes, bytes.length / 3), // a flipped byte in the middle
            new byte[0] // created, nothing written
        };
        for (byte[] damaged : damages) {
            Files.write(second.file(), damaged);
            HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
            SnapshotLoad load = Snapshots.loadLatest(dir, loaded);
            assertEquals(first.lsn(), load.lsn());
            assertEquals(first.lsn() + 1, load.replayFrom());
            assertEquals(1, load.skipped().size());
            assertTrue(
                    load.skipped()
                            .getFirst()
                            .contains(second.file().getFileName().toString()),
                    load.skipped().toString());
            assertEquals(atFirst, SnapshotTesting.dump(loaded));
            // the damaged file is left for inspection
            assertTrue(Files.exists(second.file()));
        }
        // both damaged: nothing to load, replay everything
        Files.write(first.file(), flip(Files.readAllBytes(first.file()), 5));
        HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        SnapshotLoad load = Snapshots.loadLatest(dir, loaded);
        assertFalse(load.found());
        assertEquals(0, load.replayFrom());
        assertEquals(2, load.skipped().size());
        for (List<List<Object>> rows : SnapshotTesting.dump(loaded).values()) assertTrue(rows.isEmpty());
    }

    @Test
    void leftoverTemporaryFilesAreIgnoredAndDeleted() throws Exception {
        Path tmp = dir.resolve(SnapshotDescriptor.tempFileName(second.lsn() + 100));
        byte[] bytes = Files.readAllBytes(second.file());
        Files.write(tmp, Arrays.copyOf(bytes, bytes.length - 10));
        Files.write(dir.resolve("unrelated.txt"), new byte[] {1, 2, 3});
        HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        SnapshotLoad load = Snapshots.loadLatest(dir, loaded);
        assertEquals(second.lsn(), load.lsn());
        assertTrue(load.skipped().isEmpty());
        assertEquals(SnapshotTesting.dump(store), SnapshotTesting.dump(loaded));
        assertEquals(
                List.of(
                        first.file().getFileName().toString(),
                        second.file().getFileName().toString(),
                        "unrelated.txt"),
                SnapshotTesting.fileNames(dir));
        assertEquals(List.of(first.lsn(), second.lsn()), Snapshots.list(dir, SnapshotFiles.real()));
    }

    @Test
    void aFileChangedBetweenVerifyAndLoadIsReported() throws Exception {
        SnapshotReader reader = new SnapshotReader();
        SnapshotInfo info = reader.verify(second.file());
        Files.write(second.file(), Files.readAllBytes(dir.resolve(SnapshotDescriptor.fileName(first.lsn()))));
        HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        assertThrows(SnapshotCorruptionException.class, () -> reader.load(info, loaded));
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] b = bytes.clone();
        b[at] ^= 0x10;
        return b;
    }
}
