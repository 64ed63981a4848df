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
}
