package io.proxist.hot.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTableOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed and torn writes, failed fsyncs, renames and directory syncs (through {@link FaultInjectingSnapshotFiles}):
 * the write throws, no new {@code snap-*.px} (nor a temporary file) is left, the earlier snapshots are unchanged,
 * and the next write succeeds.
 */
class SnapshotFaultTest {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private final FaultInjectingSnapshotFiles files = new FaultInjectingSnapshotFiles();
    private HotStore store;
    private SnapshotWriter writer;
    private long lsn;
    private Map<String, byte[]> before;

    @BeforeEach
    void twoSnapshots() throws Exception {
        store = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        writer = new SnapshotWriter(
                dir, files, SnapshotOptions.DEFAULT.withMaxBlockRows(16).withRetain(0));
        Random r = new Random(3);
        lsn = SnapshotRoundTripTest.fill(r, store, 3, 0);
        writer.write(store, lsn);
        lsn = SnapshotRoundTripTest.fill(r, store, 3, lsn);
        writer.write(store, lsn);
        lsn = SnapshotRoundTripTest.fill(r, store, 5, lsn);
        before = contents();
        assertEquals(2, before.size());
    }

    private Map<String, byte[]> contents() throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        for (String name : SnapshotTesting.fileNames(dir)) m.put(name, Files.readAllBytes(dir.resolve(name)));
        return m;
    }

    /** The directory holds exactly the earlier snapshots, byte for byte, and recovery finds the newer of them. */
    private void assertUnchanged() throws Exception {
        Map<String, byte[]> now = contents();
        assertEquals(before.keySet(), now.keySet());
        for (String name : before.keySet()) assertTrue(java.util.Arrays.equals(before.get(name), now.get(name)), name);
        assertFalse(Files.exists(dir.resolve(SnapshotDescriptor.fileName(lsn))));
        assertFalse(Files.exists(dir.resolve(SnapshotDescriptor.tempFileName(lsn))));
    }

    /** After a failure the same writer succeeds, and the result loads as the store. */
    private void assertNextWriteSucceeds() {
        SnapshotInfo info = writer.write(store, lsn);
        assertEquals(lsn, info.lsn());
        HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        assertEquals(lsn, Snapshots.loadLatest(dir, loaded, files).lsn());
        assertEquals(SnapshotTesting.dump(store), SnapshotTesting.dump(loaded));
    }

    @Test
    void everyFailedOrTornWrite() throws Exception {
        long w0 = files.writeCount();
        Path probe = elsewhere;
        new SnapshotWriter(probe, files, SnapshotOptions.DEFAULT.withMaxBlockRows(16)).write(store, lsn);
        long writes = files.writeCount() - w0;
        assertTrue(writes >= 5, "writes: " + writes);
        Random r = new Random(1);
        for (long n = 1; n <= writes; n++) {
            int torn = n % 2 == 0 ? 0 : 1 + r.nextInt(40);
            files.failNthWrite(n, torn);
            long at = n;
            SnapshotIoException e =
                    assertThrows(SnapshotIoException.class, () -> writer.write(store, lsn), "write " + at);
            assertEquals(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, e.code());
            assertFalse(e.isFsync());
            assertTrue(e.getMessage().contains("injected write failure"), e.getMessage());
            assertUnchanged();
        }
        assertNextWriteSucceeds();
    }

    @Test
    void failedFsync() throws Exception {
        files.failNthForce(1);
        SnapshotIoException e = assertThrows(SnapshotIoException.class, () -> writer.write(store, lsn));
        assertTrue(e.isFsync());
        assertEquals(ErrorCode.CANNOT_FSYNC, e.code());
        assertUnchanged();
        assertNextWriteSucceeds();
    }

    @Test
    void failedRename() throws Exception {
        files.failNthRename(1);
        SnapshotIoException e = assertThrows(SnapshotIoException.class, () -> writer.write(store, lsn));
        assertFalse(e.isFsync());
        assertUnchanged();
        assertNextWriteSucceeds();
    }

    @Test
    void failedDirectorySyncAfterTheRename() throws Exception {
        long renames = files.renameCount();
        files.failNthDirectorySync(1);
        SnapshotIoException e = assertThrows(SnapshotIoException.class, () -> writer.write(store, lsn));
        assertTrue(e.isFsync());
        assertEquals(renames + 1, files.renameCount()); // it failed after the rename: the renamed file is removed
        assertUnchanged();
        assertNextWriteSucceeds();
    }

    @Test
    void aLeftoverTemporaryFileDoesNotBlockTheNextWrite() throws Exception {
        Files.write(dir.resolve(SnapshotDescriptor.tempFileName(lsn)), new byte[] {1, 2, 3});
        Files.write(dir.resolve(SnapshotDescriptor.tempFileName(lsn - 1)), new byte[] {4});
        assertNextWriteSucceeds();
        List<String> names = new ArrayList<>(before.keySet());
        names.add(SnapshotDescriptor.fileName(lsn));
        names.sort(null);
        assertEquals(names, SnapshotTesting.fileNames(dir));
    }

    @Test
    void retentionKeepsTheNewest() throws Exception {
        SnapshotWriter keepTwo = new SnapshotWriter(dir, files, SnapshotOptions.DEFAULT.withRetain(2));
        List<Long> lsns = new ArrayList<>(Snapshots.list(dir, files));
        Random r = new Random(9);
        for (int i = 0; i < 4; i++) {
            lsn = SnapshotRoundTripTest.fill(r, store, 2, lsn);
            keepTwo.write(store, lsn);
            lsns.add(lsn);
            assertEquals(lsns.subList(lsns.size() - 2, lsns.size()), Snapshots.list(dir, files));
        }
        assertEquals(0, Snapshots.retain(dir, files, 2));
        assertEquals(1, Snapshots.retain(dir, files, 1));
        assertEquals(List.of(lsn), Snapshots.list(dir, files));
        assertThrows(IllegalArgumentException.class, () -> Snapshots.retain(dir, files, 0));
        // a rewrite at the same LSN replaces the file
        assertEquals(lsn, keepTwo.write(store, lsn).lsn());
        assertEquals(List.of(lsn), Snapshots.list(dir, files));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SnapshotOptions.DEFAULT.withMaxBlockRows(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> SnapshotOptions.DEFAULT.withMaxBlockRows(SnapshotOptions.MAX_BLOCK_ROWS + 1));
        assertThrows(IllegalArgumentException.class, () -> SnapshotOptions.DEFAULT.withRetain(-1));
        assertThrows(IllegalArgumentException.class, () -> files.failNthWrite(0, 0));
    }
}
