package io.proxist.ingest.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** At most one WARN per table per interval; the rest are counted as suppressed; tables do not share a budget. */
class RejectLogTest {
    @Test
    void rateLimitedPerTable() {
        AtomicLong now = new AtomicLong(5_000);
        RejectLog log = new RejectLog(1_000, now::get);
        RecorderTable t = RecorderTable.ORDERS;
        assertTrue(log.rejected(t, RejectReason.MISSING_FIELD, "account", "e1"));
        assertFalse(log.rejected(t, RejectReason.MISSING_FIELD, "account", "e2"));
        now.addAndGet(999);
        assertFalse(log.rejected(t, RejectReason.NEGATIVE_VALUE, "price", "e3"));
        assertEquals(2, log.suppressed(t));
        assertTrue(log.rejected(RecorderTable.FILLS, RejectReason.MISSING_FIELD, "fee", "f1"));
        now.addAndGet(1);
        assertTrue(log.rejected(t, RejectReason.MISSING_FIELD, "account", "e4"));
        assertEquals(0, log.suppressed(t));
        assertFalse(log.rejected(t, RejectReason.MISSING_FIELD, "account", "e5"));
        assertEquals(1, log.suppressed(t));
    }

    @Test
    void mappersLogThroughItAndCountEveryRejection() {
        AtomicLong now = new AtomicLong();
        RejectLog log = new RejectLog(1_000_000_000L, now::get);
        RejectCounters counters = new RejectCounters();
        RecorderMappers m = Rows.mappers(counters, log);
        for (int i = 0; i < 1000; i++) m.trades().append(null);
        assertEquals(1000, counters.count(RecorderTable.TRADES, RejectReason.MISSING_FIELD));
        assertEquals(999, log.suppressed(RecorderTable.TRADES));
        assertEquals(0, m.trades().rows());
    }
}
