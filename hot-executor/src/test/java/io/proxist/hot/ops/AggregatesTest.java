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

/**
 * {@link RangeAggregator}, {@link GroupByAggregator} and {@link TumblingWindow} against the list oracle, and the
 * merge of partial states: rows split at a random ts, the two partials merged, equal the whole.
 */
class AggregatesTest {
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
        NumericColumn x = NumericColumn.of(snap.layout(), longX ? "n" : "px");
        NumericColumn y = NumericColumn.of(snap.layout(), longX ? "px" : "qty");
        long bias = snap.layout().seqBias();
        RangeAggregator agg = new RangeAggregator(x, y, bias);
        GroupByAggregator groupBy = new GroupByAggregator(x, y, bias);
        AggState st = new AggState();
        AggState a = new AggState();
        AggState b = new AggState();
        for (int q = 0; q < 6; q++) {
            long from = rnd.nextInt(4) == 0 ? Long.MIN_VALUE : -250 + rnd.nextInt(700);
            long to = rnd.nextInt(4) == 0 ? Long.MAX_VALUE : -250 + rnd.nextInt(700);
            // per series and merge of a split
            for (String sym : OpsFixture.SYMBOLS) {
                List<Row> rows = OpsFixture.between(f.rows("t", sym), from, to);
                int s = snap.findSeries(sym);
                if (s < 0) {
                    assertEquals(0, rows.size());
                    continue;
                }
                SeriesSnapshot ss = snap.series(s);
                check(rows, agg.aggregate(ss, from, to, st.reset()), longX, sym + " [" + from + ", " + to + ")");
                long split = -250 + rnd.nextInt(700);
                agg.aggregate(ss, from, Math.min(split, to), a.reset());
                agg.aggregate(ss, Math.max(split, from), to, b.reset());
                AggState merged = rnd.nextBoolean() ? a.merge(b) : b.merge(a);
                check(rows, merged, longX, sym + " split at " + split);
            }
            // GROUP BY symbol
            int groups = groupBy.run(snap, from, to);
            List<String> expectedSyms = new ArrayList<>();
            for (String sym : new java.util.TreeSet<>(List.of(OpsFixture.SYMBOLS))) {
                if (!OpsFixture.between(f.rows("t", sym), from, to).isEmpty()) expectedSyms.add(sym);
            }
            assertEquals(expectedSyms.size(), groups, "groups");
            for (int g = 0; g < groups; g++) {
                String sym = snap.seriesKeyValue(groupBy.seriesNo(g), 0);
                assertEquals(expectedSyms.get(g), sym, "group order");
                check(OpsFixture.between(f.rows("t", sym), from, to), groupBy.state(g), longX, "group " + sym);
            }
            // tumbling windows
            long width = new long[] {1, 7, 50, 1000, Long.MAX_VALUE / 4}[rnd.nextInt(5)];
            TumblingWindow tw = new TumblingWindow(width, x, y, bias);
            for (String sym : OpsFixture.SYMBOLS) {
                int s = snap.findSeries(sym);
                if (s < 0) continue;
                List<Row> rows = OpsFixture.between(f.rows("t", sym), from, to);
                java.util.TreeMap<Long, List<Row>> buckets = new java.util.TreeMap<>();
                for (Row r : rows) {
                    long start = Math.floorDiv(r.ts(), width) * width;
                    if (r.ts() < 0 && r.ts() % width != 0 && start > r.ts()) throw new AssertionError("floor");
                    buckets.computeIfAbsent(start, k -> new ArrayList<>()).add(r);
                }
                int nb = tw.run(snap.series(s), from, to);
                assertEquals(buckets.size(), nb, "buckets of width " + width);
                int k = 0;
                for (var e : buckets.entrySet()) {
                    assertEquals((long) e.getKey(), tw.bucketStart(k), "bucket start");
                    check(e.getValue(), tw.bucket(k), longX, "bucket " + e.getKey() + " width " + width);
                    k++;
                }
            }
        }
    }

    static void check(List<Row> rows, AggState st, boolean longX, String what) {
        assertEquals(rows.size(), st.count(), what + " count");
        double sum = 0, min = Double.NaN, max = Double.NaN, sxy = 0, sy = 0, abs = 0, absXy = 0;
        for (Row r : rows) {
            double x = longX ? r.n() : r.px();
            double y = longX ? r.px() : r.qty();
            sum += x;
            abs += Math.abs(x);
            sxy += x * y;
            absXy += Math.abs(x * y);
            sy += y;
            min = Double.isNaN(min) ? x : Math.min(min, x);
            max = Double.isNaN(max) ? x : Math.max(max, x);
        }
        OpsFixture.close(sum, st.sum(), abs, what + " sum");
        OpsFixture.close(min, st.min(), 0, what + " min");
        OpsFixture.close(max, st.max(), 0, what + " max");
        OpsFixture.close(rows.isEmpty() ? Double.NaN : sum / rows.size(), st.avg(), abs, what + " avg");
        OpsFixture.close(sxy, st.sumXY(), absXy, what + " sumXY");
        OpsFixture.close(sy, st.sumY(), 0, what + " sumY");
        OpsFixture.close(
                rows.isEmpty() || sy == 0 ? Double.NaN : sxy / sy,
                st.vwap(),
                absXy / Math.max(1e-300, Math.abs(sy)),
                what + " vwap");
        Row first = rows.isEmpty() ? null : rows.getFirst();
        Row last = rows.isEmpty() ? null : rows.getLast();
        assertEquals(first == null ? Double.NaN : longX ? first.n() : first.px(), st.first(), what + " first");
        assertEquals(last == null ? Double.NaN : longX ? last.n() : last.px(), st.last(), what + " last");
        assertEquals(first == null ? Double.NaN : longX ? first.px() : first.qty(), st.firstY(), what + " firstY");
        assertEquals(last == null ? Double.NaN : longX ? last.px() : last.qty(), st.lastY(), what + " lastY");
        assertEquals(first == null ? Nulls.NO_LONG : first.ts(), st.firstTs(), what + " firstTs");
        assertEquals(last == null ? Nulls.NO_LONG : last.ts(), st.lastTs(), what + " lastTs");
    }
}
