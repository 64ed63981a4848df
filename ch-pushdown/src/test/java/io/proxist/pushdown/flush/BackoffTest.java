package io.proxist.pushdown.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void ceilingDoublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), new SplittableRandom(1));
        assertEquals(50_000_000L, b.ceilingNanos(1));
        assertEquals(100_000_000L, b.ceilingNanos(2));
        assertEquals(800_000_000L, b.ceilingNanos(5));
        assertEquals(1_000_000_000L, b.ceilingNanos(6));
        assertEquals(1_000_000_000L, b.ceilingNanos(Integer.MAX_VALUE));
    }

    @Test
    void fullJitterStaysWithinTheCeilingAndSpreads() {
        long seed = new Random().nextLong();
        Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(5), new SplittableRandom(seed));
        for (int attempt = 1; attempt < 80; attempt++) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i = 0; i < 200; i++) {
                long d = b.delayNanos(attempt);
                assertTrue(d >= 0 && d <= b.ceilingNanos(attempt), "seed " + seed);
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            assertTrue(lo < b.ceilingNanos(attempt) / 4 && hi > b.ceilingNanos(attempt) * 3 / 4, "seed " + seed);
        }
    }
}
