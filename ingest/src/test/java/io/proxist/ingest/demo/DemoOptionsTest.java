package io.proxist.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Options are validated in one place; each wither changes its own field. */
class DemoOptionsTest {
    private static final DemoOptions D = DemoOptions.defaults();

    @Test
    void outOfRangeValuesAreRefusedNamingTheOption() {
        List<Object[]> bad = List.of(
                new Object[] {"symbols", (Supplier<?>) () -> D.withSymbols(0)},
                new Object[] {"symbols", (Supplier<?>) () -> D.withSymbols(DemoOptions.MAX_SYMBOLS + 1)},
                new Object[] {"eventsPerSecond", (Supplier<?>) () -> D.withEventsPerSecond(-1)},
                new Object[] {"tradeFraction", (Supplier<?>) () -> D.withTradeFraction(1.5)},
                new Object[] {"tradeFraction", (Supplier<?>) () -> D.withTradeFraction(Double.NaN)},
                new Object[] {"ordersPerSecond", (Supplier<?>) () -> D.withOrdersPerSecond(-3)},
                new Object[] {"lateFraction", (Supplier<?>) () -> D.withLateness(0.9, 1)},
                new Object[] {"maxLatenessNanos", (Supplier<?>) () -> D.withLateness(0.1, 0)},
                new Object[] {"tickNanos", (Supplier<?>) () -> D.withTickNanos(999_999)},
                new Object[] {"tickNanos", (Supplier<?>) () -> D.withTickNanos(2_000_000_000L)},
                new Object[] {"depthLevels", (Supplier<?>) () -> D.withDepthLevels(-1)});
        for (Object[] b : bad) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, ((Supplier<?>) b[1])::get, (String) b[0]);
            assertTrue(e.getMessage().contains("[option=" + b[0] + ","), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new DemoOptions(1, 50, 1, 0, 1, 0, 1, 50_000_000L, 0, true, " ", "demo"),
                "blank source");
    }

    @Test
    void withersChangeOneField() {
        assertEquals(D, D.withSeed(1).withSymbols(50).withEventsPerSecond(2_000).withTickNanos(50_000_000L));
        DemoOptions o = D.withSeed(9)
                .withSymbols(3)
                .withEventsPerSecond(5)
                .withTradeFraction(0.5)
                .withOrdersPerSecond(6)
                .withLateness(0.2, 7)
                .withTickNanos(8_000_000L)
                .withDepthLevels(2)
                .withPositions(false);
        assertEquals(new DemoOptions(9, 3, 5, 0.5, 6, 0.2, 7, 8_000_000L, 2, false, "demo-feed", "demo"), o);
    }
}
