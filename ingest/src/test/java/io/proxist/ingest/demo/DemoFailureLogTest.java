package io.proxist.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sink refusals are logged at most once per interval, with the count of those held back. */
class DemoFailureLogTest {
    @Test
    void oneWarnPerIntervalAndTheRestCounted() {
        AtomicLong clock = new AtomicLong(-5); // nanoTime may be negative
        FailureLog log = new FailureLog(1_000, clock::get);
        RuntimeException e = new IllegalStateException("refused");
        assertTrue(log.refused("trades", 3, e), "the first refusal is logged");
        clock.addAndGet(999);
        assertFalse(log.refused("trades", 3, e));
        assertFalse(log.refused("orders", 1, e));
        assertEquals(2, log.suppressed());
        clock.addAndGet(1);
        assertTrue(log.refused("trades", 3, e), "logged again after the interval");
        assertEquals(0, log.suppressed());
    }
}
