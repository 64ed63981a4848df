package io.proxist.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service around the tables: acknowledged rows go to the flusher's sink in WAL order, the read barrier holds
 * until they are confirmed, and recovery hands exactly the unconfirmed records to the sink again.
 */
class IngestServiceTest {
    record Submitted(String table, long lsn, int rows) {}

    static IngestService service(Wal wal, List<Submitted> sink) {
        return IngestService.withDurability(
                wal,
                new HotStore(new InMemorySymbolDictionary()),
                List.of(IngestTableTest.TRADES),
                Map.of("trades", Durability.SYNC),
                (table, lsn, rows, recovered) -> sink.add(new Submitted(table, lsn, rows.rows())));
    }

    @Test
    void acknowledgedRowsReachTheSinkAndTheBarrierWaitsForConfirmation(@TempDir Path dir) {
        List<Submitted> sink = new ArrayList<>();
        try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
            IngestService s = service(wal, sink);
            s.awaitPersisted("trades", Duration.ZERO); // nothing acknowledged yet: nothing to wait for
            IngestTable.Inserted a =
                    s.insert("trades", IngestTableTest.block(List.of(new IngestTableTest.Key("ES", 10, 0))));
            IngestTable.Inserted b = s.insert(
                    "trades",
                    IngestTableTest.block(
                            List.of(new IngestTableTest.Key("ES", 10, 0), new IngestTableTest.Key("NQ", 20, 0))));
            assertEquals(1, b.newRows(), "the retried row is dropped");
            assertEquals(List.of(new Submitted("trades", a.lsn(), 1), new Submitted("trades", b.lsn(), 1)), sink);
            ProxistException e = assertThrows(ProxistException.class, () -> s.awaitPersisted("trades", Duration.ZERO));
            assertEquals(159, e.codeNumber(), e.getMessage()); // TIMEOUT_EXCEEDED
            s.confirmed("trades", a.lsn());
            assertThrows(ProxistException.class, () -> s.awaitPersisted("trades", Duration.ZERO));
            s.confirmed("trades", b.lsn());
            s.awaitPersisted("trades", Duration.ZERO);
            assertEquals(20, s.table("trades").watermark().version().watermark());
            assertThrows(ProxistException.class, () -> s.insert("quotes", IngestTableTest.block(List.of())));
        }
    }

    @Test
    void recoveryResubmitsWhatWasNotConfirmed(@TempDir Path dir) {
        List<Submitted> first = new ArrayList<>();
        try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
            IngestService s = service(wal, first);
            for (int i = 0; i < 5; i++) {
                s.insert("trades", IngestTableTest.block(List.of(new IngestTableTest.Key("CL", 100 + i, 0))));
            }
        }
        List<Submitted> again = new ArrayList<>();
        try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
            IngestService s = service(wal, again);
            s.recover(wal.firstPosition());
            assertEquals(first, again, "every unconfirmed record is flushed again, in order");
            assertEquals(5, s.table("trades").hot().snapshot().rowCount());
            Block none = IngestTableTest.block(List.of(new IngestTableTest.Key("CL", 100, 0)));
            assertEquals(0, s.insert("trades", none).newRows(), "a retry after the restart is still a duplicate");
        }
    }

    /**
     * Disk faults through the WAL's file facade: a failed write or fsync refuses the INSERT with the WAL's ClickHouse
     * error, nothing of it is visible or handed to the flusher, and the log reopens readable with the acknowledged
     * records (a torn write cut off; after a failed fsync the refused record may survive: ingest/README.md).
     */
    @Test
    void aFailedWriteOrFsyncRefusesTheInsertAndLeavesTheWalReadable(@TempDir Path dir) {
        for (boolean failFsync : new boolean[] {false, true}) {
            Path d = dir.resolve(failFsync ? "fsync" : "write");
            io.proxist.wal.FaultInjectingWalFiles files = new io.proxist.wal.FaultInjectingWalFiles();
            List<Submitted> sink = new ArrayList<>();
            long acked = -1;
            try (Wal wal = Wal.open(d, WalOptions.defaults().withFiles(files))) {
                IngestService s = service(wal, sink);
                acked = s.insert("trades", IngestTableTest.block(List.of(new IngestTableTest.Key("ES", 10, 0))))
                        .lsn();
                if (failFsync) files.failNthForce(1);
                else files.failNthWrite(1, 7); // a torn record: 7 bytes reach the file
                ProxistException e = assertThrows(
                        ProxistException.class,
                        () -> s.insert("trades", IngestTableTest.block(List.of(new IngestTableTest.Key("NQ", 20, 0)))));
                assertEquals(failFsync ? 204 : 75, e.codeNumber(), e.getMessage()); // CANNOT_FSYNC / CANNOT_WRITE_...
                assertEquals(1, s.table("trades").hot().memory().rows(), "nothing of the refused INSERT is visible");
                assertEquals(List.of(new Submitted("trades", acked, 1)), sink, "nor handed to the flusher");
                assertEquals(1, s.stats("trades").refusedInserts());
            } catch (ProxistException closeAfterFailure) {
                // a WAL that failed may refuse a clean close; reopening below is what matters
            }
            List<Submitted> replayed = new ArrayList<>();
            try (Wal wal = Wal.open(d, WalOptions.defaults())) {
                IngestService s = service(wal, replayed);
                s.recover(wal.firstPosition());
                // a failed write is cut off the log; a failed fsync leaves its record in the file (the page cache had
                // it): the client got CANNOT_FSYNC, an outcome it must treat as unknown, like a lost connection, and a
                // retry is deduplicated by key
                int expected = failFsync ? 2 : 1;
                assertEquals(
                        expected,
                        replayed.size(),
                        "the acknowledged record (and after an fsync failure, the refused one): " + replayed);
                assertEquals(new Submitted("trades", acked, 1), replayed.get(0));
                assertEquals(expected, s.table("trades").hot().memory().rows());
            }
        }
    }

    /** Past max-pending-rows a critical table refuses (LIMIT_EXCEEDED) and a best-effort one drops, counted. */
    @Test
    void pastItsBudgetACriticalTableRefusesAndABestEffortTableDrops(@TempDir Path dir) {
        io.proxist.core.schema.TableSchema quotes = new io.proxist.core.schema.TableSchema(
                "market_data",
                IngestTableTest.TRADES.columns(),
                "ReplacingMergeTree",
                "toDate(ts)",
                "(symbol, ts, seq)",
                "",
                "",
                "");
        List<Submitted> sink = new ArrayList<>();
        try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
            Map<String, TablePolicy> policies = TablePolicy.parse(
                    "trades.max-pending-rows=2; market_data.max-pending-rows=2",
                    new java.util.LinkedHashSet<>(List.of("trades", "market_data")));
            assertEquals(false, policies.get("market_data").critical());
            IngestService s = new IngestService(
                    wal,
                    new HotStore(new InMemorySymbolDictionary()),
                    List.of(IngestTableTest.TRADES, quotes),
                    policies,
                    Map.of(),
                    (table, lsn, rows, recovered) -> sink.add(new Submitted(table, lsn, rows.rows())));
            Block two = IngestTableTest.block(
                    List.of(new IngestTableTest.Key("ES", 10, 0), new IngestTableTest.Key("ES", 11, 0)));
            Block more = IngestTableTest.block(List.of(new IngestTableTest.Key("ES", 12, 0)));
            s.insert("trades", two);
            ProxistException e = assertThrows(ProxistException.class, () -> s.insert("trades", more));
            assertEquals(290, e.codeNumber(), e.getMessage());
            assertEquals(1, s.stats("trades").refusedInserts());
            s.insert("market_data", two);
            IngestTable.Inserted dropped = s.insert("market_data", more);
            assertEquals(-1, dropped.lsn());
            assertEquals(1, s.stats("market_data").droppedRows());
            assertEquals(2, s.table("market_data").hot().memory().rows(), "dropped rows are not applied");
            // confirmation frees the budget
            s.confirmed("trades", sink.get(0).lsn());
            s.insert("trades", more);
            assertEquals(3, s.table("trades").hot().memory().rows());
        }
    }
}
