package io.proxist.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which day partitions are past a cutoff: only those whose every possible row is older. */
class PartitionRetentionTest {
    @Test
    void aDayIsExpiredOnlyWhenItsLastInstantIsBeforeTheCutoff() {
        LocalDate d = LocalDate.parse("2026-01-10");
        Instant nextMidnight = Instant.parse("2026-01-11T00:00:00Z");
        assertEquals(true, PartitionRetention.expired(d, nextMidnight), "rows of the day are all < the cutoff");
        assertEquals(true, PartitionRetention.expired(d, nextMidnight.plusNanos(1)));
        assertEquals(false, PartitionRetention.expired(d, nextMidnight.minusNanos(1)), "its last nanosecond is not");
        assertEquals(false, PartitionRetention.expired(d, Instant.parse("2026-01-10T12:00:00Z")));
    }

    @Test
    void marketDataAndAuditTablesHaveTheirOwnRetention() {
        PartitionRetention r = new PartitionRetention(null, "db", java.util.Set.of("trades", "orders"), 90, 2557);
        assertEquals(90, r.days("trades"));
        assertEquals(90, r.days("market_data"));
        assertEquals(2557, r.days("orders"));
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        assertEquals(Instant.parse("2026-08-24T00:00:00Z"), r.cutoff("trades", now));
    }
}
