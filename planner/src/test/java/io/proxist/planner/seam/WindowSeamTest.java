package io.proxist.planner.seam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.planner.expr.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Window functions at the seam: the backend's rows before the seam and memory's after it form one ordered input,
 * so frames that reach across the seam see both. Checked against a brute-force evaluation of each frame over seeded
 * random series, with the seam at random places.
 */
class WindowSeamTest {
    static final TableSchema TRADES = PushdownSqlTest.TRADES;

    HotTable hot;
    List<String> sent;
    /** Rows the fake backend holds: every row with ts below the seam. */
    long[] ts;

    String[] sym;
    double[] price;
    long seam;

    @BeforeEach
    void setUp() {
        hot = new HotStore(new InMemorySymbolDictionary()).create(TRADES, HotTableOptions.DEFAULT);
        sent = new ArrayList<>();
    }

    private void load(long seed, int n) {
        Random rnd = new Random(seed);
        ts = new long[n];
        sym = new String[n];
        price = new double[n];
        long t = 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += 1 + rnd.nextInt(400_000_000);
            ts[i] = t;
            sym[i] = rnd.nextBoolean() ? "A" : "B";
            price[i] = 100 + rnd.nextInt(1000) / 10.0;
        }
        hot.append(PushdownSqlTest.rows(sym, ts, price), 1);
        seam = ts[rnd.nextInt(n)];
        hot.evict(seam);
    }

    Block run(String sql) {
        TestSource src = new TestSource();
        src.put(new TestSource.Table(TRADES, hot, PushdownSqlTest.rows(sym, ts, price), seam));
        Block out = src.run(sql);
        sent.addAll(src.sent);
        return out;
    }

    /** Rows of one symbol in time order. */
    private List<Integer> series(String s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) if (sym[i].equals(s)) out.add(i);
        return out;
    }

    @Test
    void rowsAndRangeFramesAcrossTheSeamEqualBruteForce() {
        for (long seed = 1; seed <= 40; seed++) {
            setUp();
            load(seed, 5 + (int) (seed * 7 % 60));
            String why = " (seed " + seed + ", seam " + seam + ")";
            Block b = run("SELECT symbol, ts, avg(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 3 PRECEDING"
                    + " AND CURRENT ROW) AS ma, max(price) OVER w AS hi, count() OVER w AS n,"
                    + " sum(price) OVER (PARTITION BY symbol ORDER BY ts RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)"
                    + " AS s1, row_number() OVER (PARTITION BY symbol ORDER BY ts DESC) AS back"
                    + " FROM trades WINDOW w AS (PARTITION BY symbol ORDER BY ts) ORDER BY symbol, ts");
            assertEquals(List.of("symbol", "ts", "ma", "hi", "n", "s1", "back"), b.names());
            int r = 0;
            for (String s : List.of("A", "B")) {
                List<Integer> g = series(s);
                for (int i = 0; i < g.size(); i++, r++) {
                    double sum = 0, hi = Double.NEGATIVE_INFINITY, range = 0;
                    for (int j = Math.max(0, i - 3); j <= i; j++) sum += price[g.get(j)];
                    for (int j = 0; j <= i; j++) hi = Math.max(hi, price[g.get(j)]);
                    for (int j = 0; j <= i; j++)
                        if (ts[g.get(j)] >= ts[g.get(i)] - 1_000_000_000L) range += price[g.get(j)];
                    assertEquals(ts[g.get(i)], Vectors.lng(b.column(1), r), "ts" + why);
                    assertEquals(sum / (i - Math.max(0, i - 3) + 1), Vectors.dbl(b.column(2), r), 1e-9, "ma" + why);
                    assertEquals(hi, Vectors.dbl(b.column(3), r), "hi" + why);
                    assertEquals(i + 1, Vectors.lng(b.column(4), r), "n" + why);
                    assertEquals(range, Vectors.dbl(b.column(5), r), 1e-9, "s1" + why);
                    assertEquals(g.size() - i, Vectors.lng(b.column(6), r), "back" + why);
                }
            }
            assertEquals(ts.length, r, "rows" + why);
        }
    }

    @Test
    void theBackendIsAskedForEveryRowTheWhereKeepsWithoutOrderOrLimit() {
        load(7, 30);
        run("SELECT ts, avg(price) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM trades"
                + " WHERE symbol = 'A' ORDER BY ts DESC LIMIT 1");
        assertEquals(1, sent.size());
        assertEquals(
                "SELECT `ts`, `symbol`, `price`, `seq` FROM `db`.`trades` WHERE `symbol` = 'A' AND `ts` < " + seam,
                sent.getFirst().replace('\n', ' '));
    }

    @Test
    void namesFollowClickHouse() {
        load(3, 10);
        Block b = run("SELECT count() OVER (PARTITION BY symbol), sum(price) OVER (PARTITION BY symbol ORDER BY ts DESC"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) / 2 FROM trades");
        assertEquals(
                List.of(
                        "count() OVER (PARTITION BY symbol)",
                        "divide(sum(price) OVER (PARTITION BY symbol ORDER BY ts DESC ROWS BETWEEN UNBOUNDED PRECEDING"
                                + " AND CURRENT ROW), 2)"),
                b.names());
    }

    @Test
    void unsupportedFramesAreRefusedByName() {
        load(3, 10);
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> run("SELECT sum(price) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM trades"));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
        assertEquals(
                true, e.getMessage().contains("window frames ending after or before the current row"), e.getMessage());
        e = assertThrows(ProxistException.class, () -> run("SELECT lagInFrame(price) OVER (ORDER BY ts) FROM trades"));
        assertEquals(true, e.getMessage().contains("window function lagInFrame"), e.getMessage());
        e = assertThrows(
                ProxistException.class,
                () -> run("SELECT symbol, count() OVER (ORDER BY ts) FROM trades GROUP BY symbol"));
        assertEquals(ErrorCode.NOT_IMPLEMENTED, e.code());
    }
}
