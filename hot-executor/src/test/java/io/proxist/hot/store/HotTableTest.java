package io.proxist.hot.store;

import static io.proxist.hot.store.TestTables.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotTableTest {
    private final HotStore store = new HotStore(new InMemorySymbolDictionary());

    private static List<Object> tick(String symbol, long ts, long seq, double price) {
        return List.of(symbol, ts, seq, "t" + seq, "XNAS", price, 1L, List.of(price, price + 1), List.of(7L));
    }

    private static List<List<Object>> all(HotTable t) {
        TableSnapshot snap = t.snapshot();
        BlockMaterializer m = new BlockMaterializer(snap.layout());
        KeyOrderCursor c = new KeyOrderCursor();
        for (c.ofAll(snap); c.next(); ) m.append(snap, c.seriesNo(), c.chunk(), c.lo(), c.hi());
        return TestTables.rows(m.build());
    }

    @Test
    void layoutsOfTheRecorderTables() {
        TableLayout md = TableLayout.of(TestTables.marketData(), HotStore.defaultDictionaries(store.symbols()));
        assertEquals(1, md.seriesKeyParts());
        assertEquals("symbol", md.column(md.seriesColumn(0)).name());
        assertEquals("ts", md.column(md.tsColumn()).name());
        assertEquals("seq", md.column(md.seqColumn()).name());
        assertEquals(Long.MIN_VALUE, md.seqBias(), "UInt64 seq compares unsigned");
        assertEquals(VecKind.DICT, md.column(md.columnIndex("exchange")).kind());
        assertEquals(
                VecKind.DOUBLE_ARRAY, md.column(md.columnIndex("bid_px_levels")).kind());
        assertEquals(VecKind.LONG, md.column(md.columnIndex("recv_ts")).kind());
        TableLayout pos = TableLayout.of(TestTables.positions(), HotStore.defaultDictionaries(store.symbols()));
        assertEquals(2, pos.seriesKeyParts());
        assertEquals("account", pos.column(pos.seriesColumn(0)).name());
        assertEquals(0, pos.seqBias(), "Int64 seq compares signed");
        assertEquals(List.of("a", "b", "c"), TableLayout.orderByColumns("tuple(a, `b`, c)"));
    }

    @Test
    void unsupportedShapesAreRefused() {
        TableSchema noSeries =
                TestTables.schema("t", "(ts, seq)", col("ts", "DateTime64(9, 'UTC')"), col("seq", "UInt64"));
        assertEquals(
                ErrorCode.NOT_IMPLEMENTED,
                assertThrows(ProxistException.class, () -> store.create(noSeries, HotTableOptions.DEFAULT))
                        .code());
        TableSchema nullable = TestTables.schema(
                "t",
                "(s, ts, seq)",
                col("s", "String"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("x", "Nullable(Float64)"));
        assertEquals(
                ErrorCode.NOT_IMPLEMENTED,
                assertThrows(ProxistException.class, () -> store.create(nullable, HotTableOptions.DEFAULT))
                        .code());
    }

    @Test
    void badBlocksAreRefusedAndChangeNothing() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT);
        t.append(TestTables.block(schema, List.of(tick("A", 1, 1, 1.0))));
        long version = t.snapshot().version();

        TableSchema wrongType = TestTables.schema(
                "ticks",
                "(symbol, ts, seq)",
                col("symbol", "String"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("price", "String"));
        Block b1 = TestTables.block(wrongType, List.of(List.of("A", 2L, 2L, "x")));
        assertEquals(
                ErrorCode.TYPE_MISMATCH,
                assertThrows(ProxistException.class, () -> t.append(b1)).code());

        TableSchema millis = TestTables.schema(
                "ticks",
                "(symbol, ts, seq)",
                col("symbol", "String"),
                col("ts", "DateTime64(3, 'UTC')"),
                col("seq", "UInt64"));
        Block b2 = TestTables.block(millis, List.of(List.of("A", 2L, 2L)));
        assertEquals(
                ErrorCode.TYPE_MISMATCH,
                assertThrows(ProxistException.class, () -> t.append(b2)).code());

        TableSchema unknown = TestTables.schema(
                "ticks",
                "(symbol, ts, seq)",
                col("symbol", "String"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("nope", "UInt8"));
        Block b3 = TestTables.block(unknown, List.of(List.of("A", 2L, 2L, 1L)));
        assertEquals(
                ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                assertThrows(ProxistException.class, () -> t.append(b3)).code());

        TableSchema noSeq =
                TestTables.schema("ticks", "(symbol, ts)", col("symbol", "String"), col("ts", "DateTime64(9, 'UTC')"));
        Block b4 = TestTables.block(noSeq, List.of(List.of("A", 2L)));
        assertEquals(
                ErrorCode.THERE_IS_NO_COLUMN,
                assertThrows(ProxistException.class, () -> t.append(b4)).code());

        assertEquals(version, t.snapshot().version());
        assertEquals(1, t.snapshot().rowCount());
    }

    @Test
    void firstOccurrenceOfAKeyWins() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT.withChunkRows(1, 2));
        assertEquals(
                2,
                t.append(TestTables.block(
                        schema, List.of(tick("A", 10, 1, 1.0), tick("A", 10, 1, 2.0), tick("A", 5, 1, 3.0)))));
        assertEquals(1, t.append(TestTables.block(schema, List.of(tick("A", 10, 1, 4.0), tick("A", 7, 1, 5.0)))));
        List<Double> prices = new ArrayList<>();
        for (List<Object> r : all(t)) prices.add((Double) r.get(5));
        assertEquals(List.of(3.0, 5.0, 1.0), prices);
    }

    @Test
    void unsignedSeqOrdersAfterSmallOnes() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT);
        t.append(TestTables.block(schema, List.of(tick("A", 1, -1L, 1.0), tick("A", 1, 5, 2.0))));
        List<Object> seqs = new ArrayList<>();
        for (List<Object> r : all(t)) seqs.add(r.get(2));
        assertEquals(List.of(5L, -1L), seqs);
    }

    @Test
    void evictionKeepsRowsNotYetPersisted() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT.withChunkRows(2, 2));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) rows.add(tick("A", 100 + i, 0, i));
        t.append(TestTables.block(schema, rows), 1); // chunks [100, 101] [102, 103] ... [108, 109]
        t.append(TestTables.block(schema, List.of(tick("A", 102, 1, -1.0))), 2); // late: rewrites [102, 103]
        assertEquals(2, t.evict(106, 1), "only the chunk before the unpersisted row goes");
        assertEquals(9, t.snapshot().rowCount());
        assertEquals(102L, all(t).getFirst().get(1));
        assertEquals(5, t.evict(106, 2), "once persisted, every row below the bound goes");
        assertEquals(106L, all(t).getFirst().get(1));
        assertEquals(106, t.snapshot().evictedBelow());
        assertEquals(4, t.memory().rows());
        assertEquals(0, t.evict(106, 2));
        assertEquals(4, t.evict(Long.MAX_VALUE));
        assertEquals(0, t.memory().rows());
        assertEquals(0, t.memory().chunks());
        assertEquals(1, t.append(TestTables.block(schema, List.of(tick("A", 1, 0, 1.0)))), "evicted rows are gone");
    }

    @Test
    void snapshotsDoNotChange() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT.withChunkRows(1, 3));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) rows.add(tick(i % 2 == 0 ? "A" : "B", 10 * i, 0, i));
        t.append(TestTables.block(schema, rows));
        TableSnapshot before = t.snapshot();
        List<List<Object>> expected = all(t);
        List<List<Object>> late = new ArrayList<>();
        for (int i = 0; i < 20; i++) late.add(tick(i % 3 == 0 ? "A" : "C", 10 * i + 5, 0, -i));
        t.append(TestTables.block(schema, late));
        t.evict(100);
        BlockMaterializer m = new BlockMaterializer(before.layout());
        KeyOrderCursor c = new KeyOrderCursor();
        for (c.ofAll(before); c.next(); ) m.append(before, c.seriesNo(), c.chunk(), c.lo(), c.hi());
        assertEquals(expected, TestTables.rows(m.build()));
        assertEquals(20, before.rowCount());
        assertTrue(t.snapshot().version() > before.version());
    }

    @Test
    void budgetBoundFreesTheOldestChunks() {
        TableSchema schema = TestTables.ticks();
        HotTable t = store.create(schema, HotTableOptions.DEFAULT.withChunkRows(4, 4));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) rows.add(tick("A", i, 0, i));
        t.append(TestTables.block(schema, rows));
        assertEquals(Long.MIN_VALUE, t.boundForBudget());
        long half = t.memory().bytes() / 2;
        HotTable budgeted = store.create(
                TestTables.schema(
                        "ticks2", schema.orderBy(), schema.columns().toArray(io.proxist.core.schema.ColumnDef[]::new)),
                HotTableOptions.DEFAULT.withChunkRows(4, 4).withMemoryBudget(half));
        budgeted.append(TestTables.block(schema, rows));
        assertTrue(budgeted.memory().overBudget());
        long bound = budgeted.boundForBudget();
        assertTrue(bound > 0 && bound <= 40, "bound " + bound);
        budgeted.evict(bound);
        assertTrue(!budgeted.memory().overBudget(), budgeted.memory().toString());
    }

    @Test
    void memoryPerRowOfTheRecorderTables() {
        for (TableSchema schema : List.of(TestTables.marketData(), TestTables.trades())) {
            HotTable t = store.create(schema, HotTableOptions.DEFAULT);
            java.util.Random rnd = new java.util.Random(1);
            int symbols = 50;
            int perBatch = 5000;
            for (int b = 0; b < 20; b++) {
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    long ts = 1_700_000_000_000_000_000L + (long) (b * perBatch + i) * 1000;
                    rows.add(row(schema, "SYM" + rnd.nextInt(symbols), ts, b * perBatch + i, rnd));
                }
                t.append(TestTables.block(schema, rows));
            }
            MemoryUsage m = t.memory();
            System.out.printf(
                    "hot store memory: %s %d rows, %d chunks, %d bytes, %.1f bytes/row%n",
                    schema.name(), m.rows(), m.chunks(), m.bytes(), m.bytesPerRow());
            assertEquals(100_000, m.rows());
            assertTrue(m.bytesPerRow() > 8 && m.bytesPerRow() < 1000, m.toString());
        }
    }

    private static List<Object> row(TableSchema schema, String symbol, long ts, long seq, java.util.Random rnd) {
        List<Object> r = new ArrayList<>();
        for (io.proxist.core.schema.ColumnDef c : schema.columns()) {
            String type = c.type().toString();
            switch (c.name()) {
                case "symbol" -> r.add(symbol);
                case "ts", "recv_ts" -> r.add(ts);
                case "seq" -> r.add(seq);
                case "trade_id" -> r.add("T" + seq);
                default -> {
                    if (type.startsWith("LowCardinality")) r.add("v" + rnd.nextInt(3));
                    else if (type.equals("Float64")) r.add(rnd.nextDouble());
                    else if (type.startsWith("Array")) r.add(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
                    else r.add((long) rnd.nextInt(3));
                }
            }
        }
        return r;
    }
}
