package io.proxist.pushdown.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptiveBatchSizeTest {
    private static final long SLOW = 1_000;

    @Test
    void slowInsertsGrowTheTargetUpToTheCeilingAndCalmShrinksIt() {
        AdaptiveBatchSize s = new AdaptiveBatchSize(100, 700, SLOW, 10);
        assertEquals(100, s.target());
        s.inserted(SLOW + 1);
        assertEquals(200, s.target());
        assertTrue(s.underPressure());
        s.inserted(SLOW + 1);
        s.inserted(SLOW + 1);
        assertEquals(700, s.target(), "capped");
        s.inserted(SLOW * 3 / 4); // between calm and pressure: unchanged
        assertEquals(700, s.target());
        s.inserted(1);
        assertEquals(350, s.target());
        for (int i = 0; i < 5; i++) s.inserted(1);
        assertEquals(100, s.target(), "never below batchRows");
        assertFalse(s.underPressure());
    }

    @Test
    void activePartsAboveTheThresholdGrowTheTarget() {
        AdaptiveBatchSize s = new AdaptiveBatchSize(100, 10_000, SLOW, 10);
        s.parts(11);
        assertTrue(s.partsAboveThreshold());
        s.inserted(1);
        s.inserted(1);
        assertEquals(400, s.target());
        s.parts(7); // below the threshold, not yet below half of it: hold
        s.inserted(1);
        assertEquals(400, s.target());
        s.parts(4);
        s.inserted(1);
        assertEquals(200, s.target());
    }
}
