package io.proxist.hot.snapshot;

import static io.proxist.hot.snapshot.SnapshotTesting.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.hot.store.TableSnapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random stores of several tables written and loaded back, every row compared; the header and footer
 * layout; the writer's and loader's refusals. Replay a failure with {@code -Dproxist.test.seed=N}.
 */
class SnapshotRoundTripTest {
    private static final int[][] CHUNKS = {{1, 1}, {1, 2}, {2, 3}, {1, 7}, {4, 64}, {16, 4096}};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "block rows {0}")
    @ValueSource(ints = {1, 2, 3, 7, 64, 65_536})
    void randomStoresRoundTrip(int blockRows) {
        SnapshotTesting.seeded(r -> {
            for (int iteration = 0; iteration < 4; iteration++) {
                int[] chunks = CHUNKS[r.nextInt(CHUNKS.length)];
                HotStore store = SnapshotTesting.store(
                        HotTableOptions.DEFAULT.withChunkRows(chunks[0], chunks[1]), SnapshotTesting.schemas());
                long lsn = fill(r, store, 1 + r.nextInt(12), 0);
                if (r.nextBoolean()) { // evictions: the bounds travel with the snapshot
                    for (HotTable t : store.tables()) t.evict(T0 + r.nextInt(2_000) - 1_000, r.nextInt((int) lsn + 1));
                }
                Path d = dir.resolve("it" + iteration + "-" + blockRows);
                SnapshotInfo info =
                        new SnapshotWriter(d, SnapshotOptions.DEFAULT.withMaxBlockRows(blockRows)).write(store, lsn);
                int[] other = CHUNKS[r.nextInt(CHUNKS.length)];
                HotStore loaded = SnapshotTesting.store(
                        HotTableOptions.DEFAULT.withChunkRows(other[0], other[1]), SnapshotTesting.schemas());
                SnapshotLoad load = Snapshots.loadLatest(d, loaded);

                assertEquals(lsn, load.lsn());
                assertEquals(lsn + 1, load.replayFrom());
                assertTrue(load.skipped().isEmpty(), load.skipped().toString());
                assertEquals(info, load.snapshot());
                assertEquals(info.totalRows(), load.rowsLoaded());
                assertEquals(SnapshotTesting.dump(store), SnapshotTesting.dump(loaded));
                long rows = 0;
                long blocks = 0;
                for (HotTable t : store.tables()) {
                    TableSnapshot a = t.snapshot();
                    TableSnapshot b = loaded.table(t.name()).snapshot();
                    assertEquals(a.rowCount(), b.rowCount(), t.name());
                    assertEquals(a.evictedBelow(), b.evictedBelow(), t.name());
                    assertEquals(a.rowCount() == 0 ? Long.MIN_VALUE : lsn, b.lastLsn(), t.name());
                    SnapshotInfo.Table ti = info.table(t.name());
                    assertEquals(a.rowCount(), ti.rows());
                    assertEquals(a.lastLsn(), ti.lastLsn());
                    rows += a.rowCount();
                    blocks += (a.rowCount() + blockRows - 1) / blockRows;
                }
                assertEquals(blocks, info.blocks());
                assertEquals(rows, info.totalRows());
                assertTrue(rows > 0);
            }
        });
    }

    /** Appends {@code batches} random blocks to random tables with growing LSNs; returns the last LSN. */
    static long fill(Random r, HotStore store, int batches, long lsn) {
        List<TableSchema> schemas = SnapshotTesting.schemas();
        for (int i = 0; i < batches; i++) {
            TableSchema s = schemas.get(r.nextInt(schemas.size()));
            lsn += 1 + r.nextInt(100);
            store.table(s.name()).append(SnapshotTesting.randomBlock(r, s, 1 + r.nextInt(60), T0), lsn);
        }
        return lsn;
    }

    @Test
    void headerAndFooterLayout() throws Exception {
        HotStore store = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        long lsn = fill(new Random(7), store, 6, 0);
        Instant created = Instant.parse("2024-03-31T01:30:00.123456789Z");
        SnapshotInfo info = new SnapshotWriter(
                        dir,
                        SnapshotOptions.DEFAULT
                                .withClock(InstantSource.fixed(created))
                                .withWalLogId(0x1234_5678_9ABCL))
                .write(store, lsn);

        assertEquals(dir.resolve(SnapshotDescriptor.fileName(lsn)), info.file());
        assertEquals(List.of(SnapshotDescriptor.fileName(lsn)), SnapshotTesting.fileNames(dir));
        byte[] bytes = Files.readAllBytes(info.file());
        assertEquals(bytes.length, info.fileLength());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("PXSN", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getShort(4));
        assertEquals(40, b.getShort(6));
        assertEquals(lsn, b.getLong(8));
        assertEquals(created.getEpochSecond() * 1_000_000_000L + created.getNano(), b.getLong(16));
        assertEquals(0x1234_5678_9ABCL, b.getLong(24));
        assertEquals(3, b.getInt(32));
        assertEquals(crc(bytes, 0, 36), b.getInt(36));
        // the first section follows the header: a TABLE section of the first table by name
        assertEquals(40L, b.getLong(40 + 8));
        assertEquals(SnapshotDescriptor.TYPE_TABLE, bytes[40 + 16]);
        assertEquals(0, b.getInt(40 + 20));
        assertEquals(
                List.of("guardrail_events", "positions", "ticks"),
                info.tables().stream().map(SnapshotInfo.Table::name).toList());
        // footer: the last 48 bytes
        int end = bytes.length - 48;
        assertEquals(48, b.getInt(end + 4));
        assertEquals(end, b.getLong(end + 8));
        assertEquals(SnapshotDescriptor.TYPE_END, bytes[end + 16]);
        assertEquals(3, b.getInt(end + 20));
        assertEquals(info.totalRows(), b.getLong(end + 24));
        assertEquals(info.blocks(), b.getInt(end + 32));
        assertEquals(crc(bytes, 0, end), b.getInt(end + 36));
        assertEquals(info.fileCrc32c(), b.getInt(end + 36));
        assertEquals(0, b.getInt(end + 40));
        assertEquals("PXSE", new String(bytes, end + 44, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(crc(bytes, end + 4, bytes.length), b.getInt(end));
        // the reader agrees, and a second write of the same state is byte-identical
        assertEquals(info, new SnapshotReader().verify(info.file()));
        Path other = dir.resolve("again");
        SnapshotInfo again = new SnapshotWriter(
                        other,
                        SnapshotOptions.DEFAULT
                                .withClock(InstantSource.fixed(created))
                                .withWalLogId(0x1234_5678_9ABCL))
                .write(store, lsn);
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(again.file())));
    }

    private static int crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    @Test
    void fileNames() {
        assertEquals("snap-00000000000000131072.px", SnapshotDescriptor.fileName(131072));
        assertEquals(131072, SnapshotDescriptor.parseFileName("snap-00000000000000131072.px"));
        assertEquals(Long.MAX_VALUE, SnapshotDescriptor.parseFileName(SnapshotDescriptor.fileName(Long.MAX_VALUE)));
        assertEquals(-1, SnapshotDescriptor.parseFileName("snap-00000000000000131072.px.tmp"));
        assertEquals(131072, SnapshotDescriptor.parseTempFileName("snap-00000000000000131072.px.tmp"));
        assertEquals(-1, SnapshotDescriptor.parseFileName("snap-131072.px"));
        assertEquals(-1, SnapshotDescriptor.parseFileName("snap-0000000000000013107x.px"));
        assertEquals(-1, SnapshotDescriptor.parseFileName("snap-99999999999999999999.px"));
        assertEquals(-1, SnapshotDescriptor.parseFileName("00000000000000131072.wal"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotDescriptor.fileName(-1));
    }

    @Test
    void emptyStoreAndEmptyTables() {
        HotStore store = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        SnapshotInfo info = new SnapshotWriter(dir).write(store, 0);
        assertEquals(0, info.totalRows());
        assertEquals(0, info.blocks());
        HotStore loaded = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        SnapshotLoad load = Snapshots.loadLatest(dir, loaded);
        assertEquals(0, load.lsn());
        assertEquals(0, load.rowsLoaded());
        assertEquals(SnapshotTesting.dump(store), SnapshotTesting.dump(loaded));

        Path none = dir.resolve("none");
        SnapshotInfo nothing = new SnapshotWriter(none).write(List.of(), 5);
        assertEquals(SnapshotDescriptor.MIN_FILE_LENGTH, nothing.fileLength());
        assertEquals(5, Snapshots.loadLatest(none, loaded).lsn());

        SnapshotLoad missing = Snapshots.loadLatest(dir.resolve("no such directory"), loaded);
        assertFalse(missing.found());
        assertNull(missing.snapshot());
        assertEquals(-1, missing.lsn());
        assertEquals(0, missing.replayFrom());
    }

    @Test
    void writerRefusesCommitsAfterTheLsnAndRepeatedTables() {
        HotStore store = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        TableSchema s = SnapshotTesting.ticks();
        store.table("ticks").append(SnapshotTesting.randomBlock(new Random(1), s, 10, T0), 50);
        SnapshotWriter w = new SnapshotWriter(dir);
        ProxistException e = assertThrows(ProxistException.class, () -> w.write(store, 49));
        assertEquals(ErrorCode.LOGICAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("lastLsn=50"), e.getMessage());
        TableSnapshot t = store.table("ticks").snapshot();
        assertEquals(
                ErrorCode.LOGICAL_ERROR,
                assertThrows(ProxistException.class, () -> w.write(List.of(t, t), 60))
                        .code());
        assertThrows(IllegalArgumentException.class, () -> w.write(store, -1));
        assertEquals(List.of(), SnapshotTesting.fileNames(dir));
        assertEquals(50, w.write(store, 50).lsn());
    }

    @Test
    void loadSkipsUnknownTablesFillsNewColumnsAndRefusesMismatches() {
        HotStore store = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        long lsn = fill(new Random(3), store, 20, 0);
        SnapshotInfo info = new SnapshotWriter(dir).write(store, lsn);

        // positions is not a hot table any more; ticks gained a column
        TableSchema ticks = SnapshotTesting.ticks();
        List<ColumnDef> cols = new ArrayList<>(ticks.columns());
        cols.add(SnapshotTesting.col("venue", "LowCardinality(String)"));
        HotStore migrated = SnapshotTesting.store(
                HotTableOptions.DEFAULT, List.of(ticks.withColumns(cols), SnapshotTesting.guardrails()));
        long rows = new SnapshotReader().load(info.file(), migrated);
        assertEquals(info.totalRows() - info.table("positions").rows(), rows);
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : SnapshotTesting.dump(store.table("ticks"))) {
            List<Object> withVenue = new ArrayList<>(row);
            withVenue.add("");
            expected.add(withVenue);
        }
        assertEquals(expected, SnapshotTesting.dump(migrated.table("ticks")));
        assertEquals(
                SnapshotTesting.dump(store.table("guardrail_events")),
                SnapshotTesting.dump(migrated.table("guardrail_events")));

        // a column whose type changed
        List<ColumnDef> changed = new ArrayList<>(ticks.columns());
        changed.replaceAll(c -> c.name().equals("price") ? SnapshotTesting.col("price", "Float32") : c);
        HotStore retyped = SnapshotTesting.store(HotTableOptions.DEFAULT, List.of(ticks.withColumns(changed)));
        ProxistException e =
                assertThrows(ProxistException.class, () -> new SnapshotReader().load(info.file(), retyped));
        assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
        assertEquals(0, retyped.table("ticks").snapshot().rowCount());

        // a column that is gone
        List<ColumnDef> fewer = new ArrayList<>(ticks.columns());
        fewer.removeIf(c -> c.name().equals("levels"));
        HotStore narrowed = SnapshotTesting.store(HotTableOptions.DEFAULT, List.of(ticks.withColumns(fewer)));
        assertEquals(
                ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                assertThrows(ProxistException.class, () -> new SnapshotReader().load(info.file(), narrowed))
                        .code());

        // tables must be empty; nothing is loaded otherwise
        HotStore busy = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
        busy.table("ticks").append(SnapshotTesting.randomBlock(new Random(2), ticks, 3, T0), 1);
        assertEquals(
                ErrorCode.LOGICAL_ERROR,
                assertThrows(ProxistException.class, () -> Snapshots.loadLatest(dir, busy))
                        .code());
        assertEquals(0, busy.table("positions").snapshot().rowCount());
    }
}
