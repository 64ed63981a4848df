package io.proxist.ingest.recorder;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The steady path allocates nothing: once the builders have grown to the batch size, appending a batch of events of
 * every family (strings included) allocates no bytes on the appending thread.
 */
class AllocationTest {
    private static final int BATCH = 512;

    @Test
    void appendAllocatesNothingOnceBuildersHaveGrown() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        RecorderMappers m = Rows.mappers();
        MarketSnapshot snapshot = Events.snapshot();
        PublicTrade trade = Events.trade();
        OrderEvent order = Events.reject();
        Fill fill = Events.fill();
        PositionSnapshot position = Events.position();
        AccountSnapshot account = Events.account();
        RiskDecision risk = Events.risk();
        GuardrailTransition guardrail = Events.guardrail();
        SystemEvent system = Events.system();
        for (int round = 0; round < 20; round++) { // grow the builders, let the JIT settle
            appendBatch(m, snapshot, trade, order, fill, position, account, risk, guardrail, system);
            for (RecorderTable t : RecorderTable.values()) m.mapper(t).build();
        }
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            appendBatch(m, snapshot, trade, order, fill, position, account, risk, guardrail, system);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            least = Math.min(least, allocated);
            for (RecorderTable t : RecorderTable.values()) m.mapper(t).build();
        }
        // 9 * 512 events: anything per event would be kilobytes; allow the measurement's own few bytes.
        assertTrue(least < 256, "bytes allocated appending " + 9 * BATCH + " events: " + least);
    }

    private static void appendBatch(
            RecorderMappers m,
            MarketSnapshot snapshot,
            PublicTrade trade,
            OrderEvent order,
            Fill fill,
            PositionSnapshot position,
            AccountSnapshot account,
            RiskDecision risk,
            GuardrailTransition guardrail,
            SystemEvent system) {
        for (int i = 0; i < BATCH; i++) {
            assertNull(m.marketData().append(snapshot));
            assertNull(m.trades().append(trade));
            assertNull(m.orders().append(order));
            assertNull(m.fills().append(fill));
            assertNull(m.positions().append(position));
            assertNull(m.accountState().append(account));
            assertNull(m.riskDecisions().append(risk));
            assertNull(m.guardrailTransitions().append(guardrail));
            assertNull(m.systemEvents().append(system));
        }
    }
}
