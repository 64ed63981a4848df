package io.proxist.ingest.demo;

import static io.proxist.ingest.demo.Feeds.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.ingest.recorder.RecorderTable;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rates are exact: ticks covering {@code T} nanoseconds in all emit {@code floor(rate * T / 1e9)} market events (quotes
 * and trades) and as many new orders at their rate, however the ticks cut {@code T}; a tick covers at most 1 s.
 */
class DemoRateTest {

    private static long market(DemoFeed feed) {
        return feed.counters().rows(RecorderTable.MARKET_DATA) + feed.counters().rows(RecorderTable.TRADES);
    }

    private static long newOrders(Feeds.Capture c) {
        return c.rows(RecorderTable.ORDERS).stream()
                .filter(r -> l(r, "event") == 1)
                .count();
    }

    @Test
    void nTicksAtRateRProduceRTimesTheTickTimesNEvents() {
        for (long rate : new long[] {0, 7, 333, 2_000, 25_000}) {
            for (long tickNanos : new long[] {1_000_000L, 50_000_000L, 130_000_000L}) {
                DemoOptions o = DemoOptions.defaults()
                        .withEventsPerSecond(rate)
                        .withOrdersPerSecond(3)
                        .withTickNanos(tickNanos);
                Feeds.Capture c = new Feeds.Capture();
                DemoFeed feed = Feeds.feed(o, c);
                int n = 97;
                for (int i = 0; i < n; i++) feed.tick(Feeds.T0 + i * tickNanos);
                String m = "rate " + rate + ", tick " + tickNanos;
                assertEquals(rate * tickNanos * n / 1_000_000_000L, market(feed), m);
                assertEquals(3 * tickNanos * n / 1_000_000_000L, newOrders(c), m);
            }
        }
    }

    @Test
    void irregularTicksCarryTheFractions() {
        long seed = Feeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        DemoOptions o =
                DemoOptions.defaults().withSeed(seed).withEventsPerSecond(1_234).withOrdersPerSecond(7);
        Feeds.Capture c = new Feeds.Capture();
        DemoFeed feed = Feeds.feed(o, c);
        long now = Feeds.T0;
        feed.tick(now); // the first tick covers one tick period
        long covered = o.tickNanos();
        for (int i = 0; i < 300; i++) {
            long step = 1 + random.nextLong(DemoFeed.MAX_CATCH_UP_NANOS);
            now += step;
            covered += step;
            feed.tick(now);
            feed.tick(now); // not after the previous: nothing
            feed.tick(now - 1);
        }
        assertEquals(1_234 * covered / 1_000_000_000L, market(feed), "seed " + seed);
        assertEquals(7 * covered / 1_000_000_000L, newOrders(c), "seed " + seed);
    }

    @Test
    void aTickCoversAtMostOneSecond() {
        DemoOptions o = DemoOptions.defaults().withEventsPerSecond(1_000).withTickNanos(100_000_000L);
        DemoFeed feed = Feeds.feed(o, (t, b) -> {});
        feed.tick(Feeds.T0);
        assertEquals(100, market(feed));
        feed.tick(Feeds.T0 + 60_000_000_000L); // a minute's stall emits one second, not a burst
        assertEquals(1_100, market(feed));
        feed.tick(Feeds.T0 + 60_100_000_000L);
        assertEquals(1_200, market(feed));
    }

    @Test
    void tickTimesAreUtcNanoseconds() {
        DemoFeed feed = Feeds.feed(DemoOptions.defaults(), (t, b) -> {});
        assertThrows(IllegalArgumentException.class, () -> feed.tick(Feeds.T0 / 1_000_000)); // millis
        assertThrows(IllegalArgumentException.class, () -> feed.tick(0));
    }
}
