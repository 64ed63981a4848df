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

/** {@link AsOfJoin} (inner and LEFT, with and without tolerance) against a nested-loop oracle. */
class AsOfJoinTest {
    @ParameterizedTest(name = "chunks {0}..{1}")
    @MethodSource("io.proxist.hot.ops.OpsFixture#chunkSizes")
    void matchesOracle(int minChunk, int maxChunk) {
        OpsFixture.eachSeed(250, rnd -> run(rnd, minChunk, maxChunk));
    }

    private static void run(Random rnd, int minChunk, int maxChunk) {
        OpsFixture f = new OpsFixture();
        f.table("trades", OpsFixture.options(minChunk, maxChunk));
        f.table("md", OpsFixture.options(minChunk, maxChunk));
        f.fill(rnd, "trades", 1 + rnd.nextInt(6), -200, 400);
        f.fill(rnd, "md", rnd.nextInt(8), -200, 400);
        TableSnapshot left = f.snapshot("trades");
        TableSnapshot right = f.snapshot("md");
        for (int q = 0; q < 10; q++) {
            boolean leftJoin = rnd.nextBoolean();
            long tol = rnd.nextBoolean() ? AsOfJoin.NO_TOLERANCE : rnd.nextInt(60);
            AsOfJoin join = new AsOfJoin(leftJoin, tol);
            long from = rnd.nextInt(4) == 0 ? Long.MIN_VALUE : -250 + rnd.nextInt(700);
            long to = rnd.nextInt(4) == 0 ? Long.MAX_VALUE : -250 + rnd.nextInt(700);
            for (String sym : OpsFixture.SYMBOLS) {
                List<Row> rightRows = f.rows("md", sym);
                List<Row[]> expected = new ArrayList<>();
                for (Row l : OpsFixture.between(f.rows("trades", sym), from, to)) {
                    Row m = null;
                    for (Row r : rightRows) if (r.ts() <= l.ts()) m = r; // rows are in (ts, seq) order
                    if (m != null && tol != AsOfJoin.NO_TOLERANCE && l.ts() - m.ts() > tol) m = null;
                    if (m != null || leftJoin) expected.add(new Row[] {l, m});
                }
                int ls = left.findSeries(sym);
                int rs = right.findSeries(sym);
                if (ls < 0) {
                    assertEquals(0, expected.size());
                    continue;
                }
                SeriesSnapshot lss = left.series(ls);
                if (rs < 0) {
                    // no right series: join against an empty series of another symbol is not possible here;
                    // every left row is unmatched
                    for (Row[] e : expected) assertEquals(null, e[1]);
                    continue;
                }
                SeriesSnapshot rss = right.series(rs);
                int n = join.run(lss, from, to, rss);
                String what = sym + " [" + from + ", " + to + ") left=" + leftJoin + " tol=" + tol;
                assertEquals(expected.size(), n, what + " rows");
                for (int i = 0; i < n; i++) {
                    assertEquals(
                            expected.get(i)[0],
                            OpsFixture.rowAt(left, lss, join.leftPositions().get(i)),
                            what);
                    long rp = join.rightPositions().get(i);
                    assertEquals(
                            expected.get(i)[1], rp == Nulls.NO_ROW ? null : OpsFixture.rowAt(right, rss, rp), what);
                }
            }
        }
    }
}
