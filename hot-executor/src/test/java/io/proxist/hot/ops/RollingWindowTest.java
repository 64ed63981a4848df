package io.proxist.hot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.hot.ops.OpsFixture.Row;
import io.proxist.hot.store.TableSnapshot;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RollingWindow} (ROWS and RANGE frames, every function, EMA) and {@link EmaState} against brute force. */
class RollingWindowTest {
    @ParameterizedTest(name = "chunks {0}..{1}")
    @MethodSource("io.proxist.hot.ops.OpsFixture#chunkSizes")
    void matchesOracle(int minChunk, int maxChunk) {
        OpsFixture.eachSeed(250, rnd -> run(rnd, minChunk, maxChunk));
    }

    private static void run(Random rnd, int minChunk, int maxChunk) {
        OpsFixture f = new OpsFixture();
        f.table("t", OpsFixture.options(minChunk, maxChunk));
        f.fill(rnd, "t", 1 + rnd.nextInt(8), -200, 400);
        TableSnapshot snap = f.snapshot("t");
        boolean longX = rnd.nextInt(3) == 0;
        RollingWindow w = new RollingWindow(
                NumericColumn.of(snap.layout(), longX ? "n" : "px"), NumericColumn.of(snap.layout(), "qty"));
        DoubleList out = new DoubleList(4);
        for (int q = 0; q < 4; q++) {
            long from = rnd.nextInt(4) == 0 ? Long.MIN_VALUE : -250 + rnd.nextInt(700);
            long to = rnd.nextInt(4) == 0 ? Long.MAX_VALUE : -250 + rnd.nextInt(700);
            String sym = OpsFixture.SYMBOLS[rnd.nextInt(OpsFixture.SYMBOLS.length)];
            int s = snap.findSeries(sym);
            if (s < 0) continue;
            List<Row> rows = OpsFixture.between(f.rows("t", sym), from, to);
            int n = w.of(snap.series(s), from, to);
            assertEquals(rows.size(), n);
            for (int i = 0; i < n; i++)
                assertEquals(rows.get(i).ts(), w.timestamps().get(i));
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = longX ? rows.get(i).n() : rows.get(i).px();
                y[i] = rows.get(i).qty();
            }
            int frameRows = new int[] {1, 2, 3, 5, 100}[rnd.nextInt(5)];
            long offset = new long[] {0, 1, 10, 100, Long.MAX_VALUE}[rnd.nextInt(5)];
            for (RollingFn fn : RollingFn.values()) {
                w.rows(frameRows, fn, out);
                assertEquals(n, out.size());
                for (int i = 0; i < n; i++) {
                    check(
                            fn,
                            x,
                            y,
                            Math.max(0, i + 1 - frameRows),
                            i + 1,
                            out.get(i),
                            fn + " ROWS " + frameRows + " row " + i);
                }
                w.range(offset, fn, out);
                for (int i = 0; i < n; i++) {
                    long t = rows.get(i).ts();
                    int a = 0;
                    long low = t < Long.MIN_VALUE + offset ? Long.MIN_VALUE : t - offset;
                    while (rows.get(a).ts() < low) a++;
                    int b = i + 1;
                    while (b < n && rows.get(b).ts() == t) b++;
                    check(fn, x, y, a, b, out.get(i), fn + " RANGE " + offset + " row " + i);
                }
            }
            double alpha = rnd.nextDouble();
            w.ema(alpha, out);
            double e = 0;
            for (int i = 0; i < n; i++) {
                e = i == 0 ? x[0] : alpha * x[i] + (1 - alpha) * e;
                OpsFixture.close(e, out.get(i), 0, "ema row " + i);
            }
            double half = 0.5 + rnd.nextInt(20);
            long unit = 1 + rnd.nextInt(10);
            w.exponentialMovingAverage(half, unit, out);
            for (int i = 0; i < n; i++) {
                // closed form of ClickHouse's state: value = sum x_j * 2^(-(T - t_j) / h), T = max(0, max t_j)
                double tMax = 0;
                for (int j = 0; j <= i; j++)
                    tMax = Math.max(tMax, Math.floorDiv(rows.get(j).ts(), unit));
                double v = 0;
                double abs = 0;
                for (int j = 0; j <= i; j++) {
                    double wgt = Math.pow(2, -(tMax - Math.floorDiv(rows.get(j).ts(), unit)) / half);
                    v += x[j] * wgt;
                    abs += Math.abs(x[j] * wgt);
                }
                double k = 1 - Math.pow(2, -1 / half);
                OpsFixture.close(v * k, out.get(i), abs * k, "exponentialMovingAverage row " + i);
            }
        }
    }

    private static void check(RollingFn fn, double[] x, double[] y, int a, int b, double actual, String what) {
        double sum = 0, abs = 0, sxy = 0, absXy = 0, sy = 0;
        double min = Double.NaN, max = Double.NaN;
        for (int j = a; j < b; j++) {
            sum += x[j];
            abs += Math.abs(x[j]);
            sxy += x[j] * y[j];
            absXy += Math.abs(x[j] * y[j]);
            sy += y[j];
            min = Double.isNaN(min) ? x[j] : Math.min(min, x[j]);
            max = Double.isNaN(max) ? x[j] : Math.max(max, x[j]);
        }
        double expected =
                switch (fn) {
                    case COUNT -> b - a;
                    case SUM -> sum;
                    case AVG -> sum / (b - a);
                    case MIN -> min;
                    case MAX -> max;
                    case VWAP -> sy == 0 ? Double.NaN : sxy / sy;
                };
        double scale =
                switch (fn) {
                    case SUM, AVG -> abs;
                    case VWAP -> sy == 0 ? 0 : absXy / sy;
                    default -> 0;
                };
        OpsFixture.close(expected, actual, scale, what);
    }

    /** The two examples of ClickHouse's documentation of exponentialMovingAverage. */
    @Test
    void clickHouseDocumentationExamples() {
        EmaState s = new EmaState();
        int[] temps = {95, 95, 95, 96, 96, 96, 96, 97, 97, 97, 97, 98, 98, 98, 98, 99, 99, 99, 100, 100};
        for (int i = 0; i < temps.length; i++) s.add(temps[i], i + 1, 5);
        assertEquals(92.25779635374204, s.get(5), 1e-12);
        s.reset();
        double[] expected = {5, 7.5, 8.75, 9.375, 9.6875, 9.84375, 9.921875, 9.9609375, 9.98046875, 9.990234375};
        for (int i = 0; i < expected.length; i++) {
            s.add(10, 438288 + i, 1);
            assertEquals(expected[i], s.get(1), 1e-12);
        }
        // merge of two partials (any split, either order) equals the whole
        EmaState a = new EmaState();
        EmaState b = new EmaState();
        for (int i = 0; i < temps.length; i++) (i % 3 == 0 ? a : b).add(temps[i], i + 1, 5);
        assertEquals(92.25779635374204, b.merge(a, 5).get(5), 1e-12);
    }
}
