package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Float text as ClickHouse writes it (writeFloatText: integers via itoa, otherwise dragonbox's shortest digits). */
class FloatTextTest {
    @Test
    void float64LikeClickHouse() {
        // the values ClickHouse 18.16 and 25.8 print alike (checked against the server in ServerGoldenTest)
        assertEquals("0", FloatText.float64(0.0));
        assertEquals("-0", FloatText.float64(-0.0));
        assertEquals("0.1", FloatText.float64(0.1));
        assertEquals("0.30000000000000004", FloatText.float64(0.1 + 0.2));
        assertEquals("0.3333333333333333", FloatText.float64(1.0 / 3));
        assertEquals("1e21", FloatText.float64(1e21));
        assertEquals("100000000000000000000", FloatText.float64(1e20));
        assertEquals("123456789012345680000", FloatText.float64(123456789012345680000.0));
        assertEquals("1e-7", FloatText.float64(1e-7));
        assertEquals("0.000001", FloatText.float64(1e-6));
        assertEquals("0.000001234", FloatText.float64(0.000001234));
        assertEquals("1e300", FloatText.float64(1e300));
        assertEquals("-1e-300", FloatText.float64(-1e-300));
        assertEquals("5e-324", FloatText.float64(Double.MIN_VALUE));
        assertEquals("2.5e-308", FloatText.float64(2.5e-308));
        assertEquals("1.7976931348623157e308", FloatText.float64(Double.MAX_VALUE));
        assertEquals("9007199254740992", FloatText.float64(9007199254740993.0));
        assertEquals("1152921504606847000", FloatText.float64(1152921504606846976.0));
        assertEquals("-5", FloatText.float64(-5.0));
        assertEquals("123456.789", FloatText.float64(123456.789));
        assertEquals("inf", FloatText.float64(Double.POSITIVE_INFINITY));
        assertEquals("-inf", FloatText.float64(Double.NEGATIVE_INFINITY));
        assertEquals("nan", FloatText.float64(Double.NaN));
        assertEquals("nan", FloatText.float64(Double.longBitsToDouble(0xFFF8000000000001L)));
    }

    @Test
    void float32FromTheFloat() {
        assertEquals("0.1", FloatText.float32(0.1f));
        assertEquals("0.33333334", FloatText.float32(1f / 3));
        assertEquals("16777216", FloatText.float32(16777217f));
        assertEquals("10000000000", FloatText.float32(1e10f));
        assertEquals("3.4e38", FloatText.float32(3.4e38f));
        assertEquals("1e-45", FloatText.float32(Float.MIN_VALUE));
        assertEquals("123456.79", FloatText.float32(123456.79f));
        assertEquals("-0", FloatText.float32(-0f));
        assertEquals("1e-7", FloatText.float32(1e-7f));
    }

    @Test
    void everyFiniteDoubleRoundTripsInItsShortestForm() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = FloatText.float64(d);
            assertEquals(d, Double.parseDouble(text), "seed " + seed + ": " + text);
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isFinite(f)) {
                String ft = FloatText.float32(f);
                assertEquals(f, Float.parseFloat(ft), "seed " + seed + ": " + ft);
            }
        }
    }
}
