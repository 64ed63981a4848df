package io.proxist.hot.snapshot;

import static io.proxist.hot.snapshot.SnapshotTesting.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.hot.store.TableSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery = latest snapshot + replay of the later log records: equal to the store that never crashed. The WAL is
 * simulated by a list of (LSN, table, block) records applied in order. Replay a failure with {@code
 * -Dproxist.test.seed=N}.
 */
class SnapshotRecoveryTest {
    private record Rec(long lsn, String table, Block block) {}

    @TempDir
    Path dir;

    private static List<Rec> log(Random r, int n) {
        List<TableSchema> schemas = SnapshotTesting.schemas();
        List<Rec> log = new ArrayList<>();
        long lsn = 32;
        for (int i = 0; i < n; i++) {
            TableSchema s = schemas.get(r.nextInt(schemas.size()));
            // later records drift forward in time but still hold late rows
            Block b = SnapshotTesting.randomBlock(r, s, 1 + r.nextInt(40), T0 + i * 100L);
            log.add(new Rec(lsn, s.name(), b));
            lsn += 24 + 1 + r.nextInt(500);
        }
        return log;
    }

    private static void apply(HotStore store, List<Rec> records, long afterLsn) {
        for (Rec rec : records) {
            if (rec.lsn() > afterLsn) store.table(rec.table()).append(rec.block(), rec.lsn());
        }
    }

    @RepeatedTest(5)
    void snapshotPlusReplayEqualsTheOriginal() {
        SnapshotTesting.seeded(r -> {
            List<Rec> log = log(r, 10 + r.nextInt(60));
            HotStore original = SnapshotTesting.store(
                    HotTableOptions.DEFAULT.withChunkRows(1 + r.nextInt(3), 4 + r.nextInt(60)),
                    SnapshotTesting.schemas());
            SnapshotWriter writer = new SnapshotWriter(
                    dir,
                    SnapshotOptions.DEFAULT.withMaxBlockRows(1 + r.nextInt(50)).withRetain(2));
            // snapshots at a few points of the log, the last one possibly damaged afterwards
            List<Long> taken = new ArrayList<>();
            for (Rec rec : log) {
                original.table(rec.table()).append(rec.block(), rec.lsn());
                if (r.nextInt(8) == 0) {
                    writer.write(original, rec.lsn());
                    taken.add(rec.lsn());
                }
            }
            boolean damage = taken.size() >= 2 && r.nextBoolean();
            if (damage) {
                Path newest = dir.resolve(SnapshotDescriptor.fileName(taken.getLast()));
                java.nio.file.Files.write(newest, new byte[] {0x50, 0x58});
            }

            HotStore recovered = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
            SnapshotLoad load = Snapshots.loadLatest(dir, recovered);
            long expectedLsn = taken.isEmpty() ? -1 : taken.get(taken.size() - (damage ? 2 : 1));
            assertEquals(expectedLsn, load.lsn());
            apply(recovered, log, load.lsn());

            assertEquals(SnapshotTesting.dump(original), SnapshotTesting.dump(recovered));
            for (HotTable t : original.tables()) {
                // rows from the snapshot carry its LSN; replayed ones their own
                long was = t.snapshot().lastLsn();
                long is = recovered.table(t.name()).snapshot().lastLsn();
                assertTrue(is >= was && is <= Math.max(was, load.lsn()), t.name() + ": " + was + " vs " + is);
            }
        });
    }

    /**
     * Table snapshots captured at an LSN and written later, after more commits (late rows rewriting chunks, tail
     * appends in place) and an eviction, hold exactly the rows of the capture.
     */
    @Test
    void capturedStatesAreWrittenAsTheyWere() {
        SnapshotTesting.seeded(r -> {
            List<Rec> log = log(r, 60);
            HotStore store =
                    SnapshotTesting.store(HotTableOptions.DEFAULT.withChunkRows(1, 4), SnapshotTesting.schemas());
            int k = 30;
            apply(store, log.subList(0, k), Long.MIN_VALUE);
            long lsn = log.get(k - 1).lsn();
            List<TableSnapshot> captured = new ArrayList<>();
            for (HotTable t : store.tables()) captured.add(t.snapshot());
            Map<String, List<List<Object>>> expected = SnapshotTesting.dump(store);

            apply(store, log.subList(k, log.size()), Long.MIN_VALUE);
            for (HotTable t : store.tables()) t.evict(T0 + 1_000);
            assertTrue(!SnapshotTesting.dump(store).equals(expected));

            new SnapshotWriter(dir).write(captured, lsn);
            HotStore recovered = SnapshotTesting.store(HotTableOptions.DEFAULT, SnapshotTesting.schemas());
            assertEquals(lsn, Snapshots.loadLatest(dir, recovered).lsn());
            assertEquals(expected, SnapshotTesting.dump(recovered));
        });
    }
}
