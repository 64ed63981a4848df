package io.proxist.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.ingest.recorder.RecorderTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A refusing sink does not stop the feed; the feed's thread starts, ticks on the UTC clock, and stops on close. */
class DemoSinkTest {

    /** Refuses every third block, as a backpressured ingest path would. */
    private static final class Refusing implements DemoSink {
        final List<Block> accepted = new ArrayList<>();
        int calls;
        int refused;
        long refusedRows;

        @Override
        public void insert(String table, Block rows) {
            if (++calls % 3 == 0) {
                refused++;
                refusedRows += rows.rows();
                throw new IllegalStateException("backpressure [table=" + table + "]");
            }
            accepted.add(rows);
        }
    }

    @Test
    void aSinkThatThrowsIsCountedAndTheFeedGoesOn() {
        Refusing sink = new Refusing();
        DemoOptions o = DemoOptions.defaults().withOrdersPerSecond(20);
        DemoFeed feed = Feeds.feed(o, sink);
        for (int i = 0; i < 200; i++) feed.tick(Feeds.T0 + i * o.tickNanos());
        long blocks = 0;
        for (RecorderTable t : DemoFeed.TABLES) blocks += feed.counters().blocks(t);
        assertEquals(blocks, sink.calls, "every block was offered");
        assertTrue(sink.refused > 100, "refusals: " + sink.refused);
        assertEquals(sink.refused, feed.counters().sinkFailures());
        assertEquals(sink.refusedRows, feed.counters().refusedRows());
        long accepted = 0;
        for (Block b : sink.accepted) accepted += b.rows();
        assertEquals(feed.counters().rows(), accepted + sink.refusedRows);
        assertEquals(0, feed.rejects().total());
    }

    @Test
    void startRunsTheFeedOnItsThreadAtWallClockTimeAndCloseStopsIt() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<Block> firstBlock = new AtomicReference<>();
        AtomicReference<Thread> on = new AtomicReference<>();
        DemoFeed feed = new DemoFeed(DemoOptions.defaults(), Feeds::schema, (table, rows) -> {
            if (table.equals("market_data") && firstBlock.compareAndSet(null, rows)) {
                on.set(Thread.currentThread());
                first.countDown();
            }
        });
        long before = Feeds.nanos(Instant.now());
        feed.start();
        try {
            assertTrue(first.await(60, TimeUnit.SECONDS), "no block within a minute");
            assertTrue(feed.isRunning());
            assertEquals("proxist-demo-feed", on.get().getName());
            assertThrows(IllegalStateException.class, () -> feed.tick(Feeds.T0), "tick() while the thread runs");
            assertThrows(IllegalStateException.class, feed::start, "started twice");
            long ts = (Long)
                    Feeds.value(firstBlock.get().column(firstBlock.get().names().indexOf("ts")), 0);
            long after = Feeds.nanos(Instant.now());
            // stamped from the UTC clock (a late row may lie up to 200 ms before; the first tick covers 50 ms)
            assertTrue(
                    ts > before - 1_000_000_000L && ts <= after,
                    "ts " + ts + " not in [" + before + ", " + after + "]");
        } finally {
            feed.close();
        }
        assertFalse(feed.isRunning(), "the thread ended");
        assertFalse(on.get().isAlive());
        assertNull(feed.failure());
        assertTrue(feed.counters().rows(RecorderTable.MARKET_DATA) > 0);
        assertThrows(IllegalStateException.class, feed::start, "a closed feed does not restart");
        feed.close(); // idempotent
    }

    @Test
    void theThreadKeepsGoingWhenEveryBlockIsRefused() throws InterruptedException {
        CountDownLatch offered = new CountDownLatch(10);
        DemoFeed feed = new DemoFeed(DemoOptions.defaults(), Feeds::schema, (table, rows) -> {
            offered.countDown();
            throw new IllegalStateException("refused [table=" + table + "]");
        });
        feed.start();
        try {
            assertTrue(offered.await(60, TimeUnit.SECONDS), "the feed stopped offering blocks");
            assertTrue(feed.isRunning());
        } finally {
            feed.close();
        }
        assertFalse(feed.isRunning());
        assertNull(feed.failure());
        assertTrue(
                feed.counters().sinkFailures() >= 10,
                "failures " + feed.counters().sinkFailures());
    }

    @Test
    void closingAFeedNeverStartedIsANoOp() {
        DemoFeed feed = Feeds.feed(DemoOptions.defaults(), (t, b) -> {});
        feed.close();
        assertFalse(feed.isRunning());
    }
}
