package io.proxist.hot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.hot.ops.OpsFixture.Row;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LastBy} and {@link LastByAll} against the list oracle. */
class LastByTest {
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
        LastByAll all = new LastByAll(NumericColumn.of(snap.layout(), "px"), NumericColumn.of(snap.layout(), "n"));
        for (int q = 0; q < 10; q++) {
            long from = rnd.nextInt(5) == 0 ? Long.MIN_VALUE : -250 + rnd.nextInt(700);
            long to = rnd.nextInt(5) == 0 ? Long.MAX_VALUE : -250 + rnd.nextInt(700);
            for (LastByAll.Pick pick : LastByAll.Pick.values()) {
                List<Row> expected = new ArrayList<>();
                for (String sym : new TreeSet<>(List.of(OpsFixture.SYMBOLS))) {
                    Row r = expected(f.rows("t", sym), pick, from, to);
                    int s = snap.findSeries(sym);
                    long p = Nulls.NO_ROW;
                    if (s >= 0) {
                        SeriesSnapshot ss = snap.series(s);
                        p = switch (pick) {
                            case LAST_AT_OR_BEFORE -> LastBy.lastAtOrBefore(ss, to);
                            case FIRST_AT_OR_BEFORE -> LastBy.firstAtOrBefore(ss, to);
                            case LAST_IN -> LastBy.lastIn(ss, from, to);
                            case FIRST_IN -> LastBy.firstIn(ss, from, to);
                        };
                        assertEquals(r, p == Nulls.NO_ROW ? null : OpsFixture.rowAt(snap, ss, p), pick + " " + sym);
                    } else {
                        assertEquals(null, r);
                    }
                    if (r != null) expected.add(r);
                }
                int n = all.run(snap, pick, from, to);
                assertEquals(expected.size(), n, pick + " rows");
                for (int i = 0; i < n; i++) {
                    Row e = expected.get(i);
                    SeriesSnapshot ss = snap.series(all.seriesNos().get(i));
                    assertEquals(e, OpsFixture.rowAt(snap, ss, all.positions().get(i)), pick + " row " + i);
                    assertEquals(e.ts(), all.timestamps().get(i));
                    assertEquals(e.px(), all.doubles(0).get(i));
                    assertEquals(e.n(), all.longs(1).get(i));
                }
            }
        }
    }

    private static Row expected(List<Row> rows, LastByAll.Pick pick, long from, long to) {
        Row out = null;
        for (Row r : rows) {
            boolean in =
                    switch (pick) {
                        case LAST_AT_OR_BEFORE, FIRST_AT_OR_BEFORE -> r.ts() <= to;
                        case LAST_IN, FIRST_IN -> r.ts() >= from && r.ts() < to;
                    };
            if (!in) continue;
            boolean first = pick == LastByAll.Pick.FIRST_AT_OR_BEFORE || pick == LastByAll.Pick.FIRST_IN;
            if (first && out == null) out = r;
            if (!first) out = r;
        }
        return out;
    }
}
