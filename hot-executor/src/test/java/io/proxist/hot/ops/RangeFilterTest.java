package io.proxist.hot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.hot.ops.OpsFixture.Row;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RangeFilter} against the list oracle: seeded random tables, chunk sizes 1, 2, 3 and default. */
class RangeFilterTest {
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
        NumericColumn px = NumericColumn.of(snap.layout(), "px");
        NumericColumn n = NumericColumn.of(snap.layout(), "n");
        for (int q = 0; q < 10; q++) {
            String sym = OpsFixture.SYMBOLS[rnd.nextInt(OpsFixture.SYMBOLS.length)];
            long from = rnd.nextInt(4) == 0 ? Long.MIN_VALUE : -250 + rnd.nextInt(700);
            long to = rnd.nextInt(4) == 0 ? Long.MAX_VALUE : -250 + rnd.nextInt(700);
            Compare op = Compare.values()[rnd.nextInt(Compare.values().length)];
            int kind = rnd.nextInt(3);
            double dk = rnd.nextBoolean() ? 100.0 : 50 + rnd.nextInt(100);
            long lk = rnd.nextInt(21) - 10;
            Predicate p = kind == 0 ? Predicate.ALL : kind == 1 ? Predicate.of(px, op, dk) : Predicate.of(n, op, lk);
            List<Row> expected = new ArrayList<>();
            for (Row r : OpsFixture.between(f.rows("t", sym), from, to)) {
                boolean pass = kind == 0
                        || (kind == 1 ? test(op, Double.compare(r.px(), dk)) : test(op, Long.compare(r.n(), lk)));
                if (pass) expected.add(r);
            }
            int s = snap.findSeries(sym);
            List<Row> actual = new ArrayList<>();
            if (s >= 0) {
                RangeFilter filter = new RangeFilter(p);
                SeriesSnapshot ss = snap.series(s);
                int count = filter.run(ss, from, to);
                assertEquals(count, filter.positions().size());
                for (int k = 0; k < count; k++)
                    actual.add(OpsFixture.rowAt(snap, ss, filter.positions().get(k)));
                // re-run on the same operator: same result
                assertEquals(count, filter.run(ss, from, to));
            }
            assertEquals(expected, actual, sym + " [" + from + ", " + to + ") " + p);
        }
    }

    private static boolean test(Compare op, int c) {
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case EQ -> c == 0;
            case NE -> c != 0;
        };
    }
}
