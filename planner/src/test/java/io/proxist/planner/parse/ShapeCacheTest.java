package io.proxist.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;

/** The shape cache hands out trees equal to a fresh parse of the exact text, whatever was cached before. */
class ShapeCacheTest {
    private static String tree(ParsedQuery p) {
        return p.query().toSqlString(ClickHouseDialect.DEFAULT).getSql() + " FORMAT " + p.format() + " " + p.settings();
    }

    private static String cached(ShapeCache c, String sql) {
        try (ShapeCache.Checkout k = c.lookup(sql)) {
            return tree(k.parsed());
        }
    }

    @Test
    void everyCorpusQueryEqualsItsFreshParseOnMissAndOnHit() {
        ShapeCache c = new ShapeCache();
        for (String q : TickCorpus.QUERIES) {
            String fresh = tree(ClickHouseSqlParser.parse(q));
            assertEquals(fresh, cached(c, q), "first: " + q);
            assertEquals(fresh, cached(c, q), "again: " + q);
        }
        assertEquals(TickCorpus.QUERIES.size(), c.hits());
    }

    @Test
    void queriesDifferingOnlyInConstantsShareAShape() {
        ShapeCache c = new ShapeCache();
        String[] qs = {
            "SELECT argMax(price, ts) FROM trades WHERE symbol = 'AAPL' AND price > 10",
            "SELECT argMax(price, ts) FROM trades WHERE symbol = 'MS\\'FT' AND price > 10.5",
            "SELECT argMax(price, ts) FROM trades WHERE symbol = 'X\\tY' AND price > 1e3",
        };
        for (String q : qs) assertEquals(tree(ClickHouseSqlParser.parse(q)), cached(c, q), q);
        assertEquals(1, c.misses());
        assertEquals(2, c.hits());
        // a different LIMIT is a different shape (the grammar takes a number there)
        cached(c, "SELECT ts FROM trades WHERE symbol = 'A' ORDER BY ts DESC LIMIT 5");
        assertEquals(
                tree(ClickHouseSqlParser.parse("SELECT ts FROM trades WHERE symbol = 'B' ORDER BY ts DESC LIMIT 7")),
                cached(c, "SELECT ts FROM trades WHERE symbol = 'B' ORDER BY ts DESC LIMIT 7"));
        assertEquals(3, c.misses());
    }

    @Test
    void concurrentQueriesOfOneShapeGetTheirOwnTrees() {
        ShapeCache c = new ShapeCache();
        cached(c, "SELECT count() FROM trades WHERE symbol = 'A'");
        try (ShapeCache.Checkout a = c.lookup("SELECT count() FROM trades WHERE symbol = 'B'");
                ShapeCache.Checkout b = c.lookup("SELECT count() FROM trades WHERE symbol = 'C'")) {
            assertNotSame(a.parsed().query(), b.parsed().query());
            assertEquals(true, tree(a.parsed()).contains("'B'"));
            assertEquals(true, tree(b.parsed()).contains("'C'"));
        }
    }

    @Test
    void shapesTheTreeCannotRebindAreCachedByText() {
        ShapeCache c = new ShapeCache();
        String q = "SELECT quantile(0.5)(price) FROM trades WHERE symbol = 'A'";
        assertEquals(tree(ClickHouseSqlParser.parse(q)), cached(c, q));
        String q2 = "SELECT quantile(0.9)(price) FROM trades WHERE symbol = 'A'";
        assertEquals(tree(ClickHouseSqlParser.parse(q2)), cached(c, q2));
        assertEquals(tree(ClickHouseSqlParser.parse(q)), cached(c, q));
    }
}
