package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.Rows.CLOCK_NOW;
import static io.proxist.ingest.recorder.Rows.RECV;
import static io.proxist.ingest.recorder.Rows.T0;
import static io.proxist.ingest.recorder.Rows.value;
import static io.proxist.ingest.recorder.With.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.block.Block;
import org.junit.jupiter.api.Test;

/** The normalisation rules of the package documentation, one by one. */
class NormalisationTest {
    private final RecorderMappers m = Rows.mappers();

    @Test
    void identifiersAreTrimmedAndFreeTextIsKeptAsGiven() {
        OrderEvent o = with(
                with(with(Events.reject(), "symbol", "  ESZ5\t"), "account", " ACC1 "),
                "rejectReason",
                "  spaces kept  ");
        assertNull(m.orders().append(o));
        Block b = m.orders().build();
        assertEquals("ESZ5", value(b, "symbol", 0));
        assertEquals("ACC1", value(b, "account", 0));
        assertEquals("  spaces kept  ", value(b, "reject_reason", 0));
    }

    @Test
    void missingReceiveTimeIsStampedFromTheContextClock() {
        assertNull(m.trades().append(with(Events.trade(), "recvTs", 0L)));
        Block b = m.trades().build();
        assertEquals(T0, value(b, "ts", 0));
        assertEquals(CLOCK_NOW, value(b, "recv_ts", 0));
        assertEquals(CLOCK_NOW, value(b, "version", 0));
    }

    @Test
    void receiveTimeWithinTheToleranceBeforeTheEventIsClampedToIt() {
        // tolerance 1 ms: 1 ms early is clamped, ts is never touched
        assertNull(m.fills().append(with(Events.fill(), "recvTs", T0 - 1_000_000)));
        assertNull(m.fills().append(with(Events.fill(), "recvTs", T0 - 1)));
        assertNull(m.fills().append(with(Events.fill(), "recvTs", T0)));
        Block b = m.fills().build();
        for (int r = 0; r < 3; r++) {
            assertEquals(T0, value(b, "ts", r));
            assertEquals(T0, value(b, "recv_ts", r));
            assertEquals(T0, value(b, "version", r));
        }
    }

    @Test
    void lateReceiptIsRecordedAsIs() {
        long late = T0 + 86_400_000_000_000L;
        assertNull(m.systemEvents().append(with(Events.system(), "recvTs", late)));
        Block b = m.systemEvents().build();
        assertEquals(T0, value(b, "ts", 0));
        assertEquals(late, value(b, "recv_ts", 0));
    }

    @Test
    void timestampRangeBoundaries() {
        assertNull(m.trades().append(with(Events.trade(), "ts", EventMapper.MIN_TIMESTAMP)));
        assertEquals(
                RejectReason.TIMESTAMP_OUT_OF_RANGE,
                m.trades().append(with(Events.trade(), "ts", EventMapper.MIN_TIMESTAMP - 1)));
        assertEquals(
                RejectReason.TIMESTAMP_OUT_OF_RANGE,
                m.trades().append(with(Events.trade(), "recvTs", EventMapper.MAX_TIMESTAMP)));
        assertNull(m.trades().append(with(Events.trade(), "recvTs", EventMapper.MAX_TIMESTAMP - 1)));
        assertEquals(2, m.trades().rows());
    }

    @Test
    void negativeZeroIsRecordedAsZero() {
        MarketSnapshot s = with(with(Events.snapshot(), "lastPx", -0.0), "bidSzLevels", new double[] {-0.0, 1, 2});
        assertNull(m.marketData().append(s));
        assertNull(m.positions().append(with(Events.position(), "quantity", -0.0)));
        Block md = m.marketData().build();
        assertEquals(0L, Double.doubleToRawLongBits((Double) value(md, "last_px", 0)));
        assertEquals(0L, Double.doubleToRawLongBits(((double[]) value(md, "bid_sz_levels", 0))[0]));
        Block pos = m.positions().build();
        assertEquals(0L, Double.doubleToRawLongBits((Double) value(pos, "quantity", 0)));
    }

    @Test
    void metadataComesFromTheContext() {
        RecorderContext ctx = new RecorderContext(" feed-a ", "uat", 0, () -> T0);
        TradeMapper t = new TradeMapper(Rows.schema(RecorderTable.TRADES), ctx, new RejectCounters(), new RejectLog());
        assertNull(t.append(Events.trade()));
        Block b = t.build();
        assertEquals("feed-a", value(b, "source", 0));
        assertEquals("uat", value(b, "environment", 0));
        assertEquals(RECV, value(b, "version", 0));
    }

    @Test
    void contextIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> RecorderContext.of(" ", "prod"));
        assertThrows(IllegalArgumentException.class, () -> RecorderContext.of("a\nb", "prod"));
        assertThrows(NullPointerException.class, () -> RecorderContext.of("feed", null));
        assertThrows(IllegalArgumentException.class, () -> new RecorderContext("feed", "prod", -1, () -> T0));
        long before = System.currentTimeMillis() * 1_000_000L;
        long now = RecorderContext.of("feed", "prod").clock().getAsLong();
        long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;
        assertEquals(true, now >= before - 1_000_000L && now <= after, "system clock in UTC nanoseconds: " + now);
    }

    @Test
    void unicodeIsEncodedAsUtf8() {
        String text = "prix dépassé → 停止 \uD83D\uDED1 and a lone \uD800 surrogate";
        assertNull(m.guardrailTransitions().append(with(Events.guardrail(), "reason", text)));
        Block b = m.guardrailTransitions().build();
        assertEquals(
                new String(
                        text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8),
                value(b, "reason", 0));
    }

    @Test
    void snapshotArraysAreCopiedInAndOut() {
        double[] bids = {1, 2, 3};
        MarketSnapshot s = new MarketSnapshot("A", T0, 1, "X", 1, 1, 1, 1, 0, 0, bids, bids, bids, bids, RECV);
        bids[0] = 99;
        assertEquals(1.0, s.bidPxLevels()[0]);
        assertNotSame(s.bidPxLevels(), s.bidPxLevels());
        s.bidPxLevels()[1] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, s.bidPxLevels());
        assertEquals(s, with(s, "seq", 1L));
        assertEquals(s.hashCode(), with(s, "seq", 1L).hashCode());
    }

    @Test
    void buildHandsOutTheRowsAndLeavesTheMapperEmptyForReuse() {
        for (int i = 0; i < 100; i++) assertNull(m.trades().append(with(Events.trade(), "seq", (long) i)));
        Block first = m.trades().build();
        assertEquals(100, first.rows());
        assertEquals(0, m.trades().rows());
        assertEquals(0, m.trades().build().rows());
        assertNull(m.trades().append(with(Events.trade(), "seq", 1000L)));
        Block second = m.trades().build();
        assertEquals(1, second.rows());
        assertEquals(1000L, value(second, "seq", 0));
        assertEquals(99L, value(first, "seq", 99)); // the first block is not disturbed by reuse
        assertEquals("MSFT", value(first, "symbol", 99));
    }
}
