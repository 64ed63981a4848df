package io.proxist.hot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random appends (duplicates, out-of-order and late rows, missing columns, reordered columns) and evictions
 * against {@link Oracle}, every scan API compared after each step. Chunk sizes from 1 row up, so every boundary is
 * hit. Replay a failure with {@code -Dproxist.test.seed=N}; run longer with {@code -Dproxist.test.steps=N}.
 */
class HotTableRandomTest {
    private static final String[] SYMBOLS = {"A", "AA", "B", "b", "MSFT", "Zz", "\u00c4x", ""};
    private static final String[] ACCOUNTS = {"acc1", "acc2", "x"};
    private static final String[] WORDS = {"", "XNAS", "XNYS", "BATS", "a longer value of a string column"};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] sizes = {{1, 1}, {1, 2}, {2, 3}, {1, 7}, {4, 64}, {16, 4096}};
        for (int[] s : sizes) {
            out.add(Arguments.of("ticks", s[0], s[1]));
            out.add(Arguments.of("positions", s[0], s[1]));
        }
        return out.stream();
    }

    static long seed() {
        Long fixed = Long.getLong("proxist.test.seed");
        return fixed != null ? fixed : new Random().nextLong();
    }

    @ParameterizedTest(name = "{0} chunks {1}..{2}")
    @MethodSource("cases")
    void matchesOracle(String table, int minChunk, int maxChunk) {
        long seed = seed();
        try {
            run(
                    new Random(seed),
                    table.equals("ticks") ? TestTables.ticks() : TestTables.positions(),
                    minChunk,
                    maxChunk);
        } catch (Throwable t) {
            throw new AssertionError(
                    "failed with seed " + seed + " (replay with -Dproxist.test.seed=" + seed + "): " + t, t);
        }
    }

    private void run(Random rnd, TableSchema schema, int minChunk, int maxChunk) {
        HotStore store = new HotStore(new InMemorySymbolDictionary());
        HotTable table = store.create(schema, HotTableOptions.DEFAULT.withChunkRows(minChunk, maxChunk));
        boolean unsigned = schema.column("seq").orElseThrow().type().is("UInt64");
        Oracle oracle = new Oracle(schema, unsigned);
        Checker checker = new Checker(table, oracle);
        long lsn = 0;
        int steps = Integer.getInteger("proxist.test.steps", 250);
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(100);
            if (op < 70) {
                lsn++;
                List<List<Object>> batch = batch(rnd, schema, oracle);
                List<String> names = blockColumns(rnd, schema, oracle);
                List<List<Object>> stored = withDefaults(schema, names, batch);
                Block block = TestTables.block(schema, names, batch);
                List<Integer> expectedNew = oracle.newIndices(stored);
                int added;
                if (rnd.nextBoolean()) {
                    added = table.append(block, lsn);
                } else {
                    PreparedAppend p = table.prepare(block);
                    assertEquals(expectedNew, boxed(p.newRowIndices()), "new rows of the prepared block");
                    assertEquals(batch.size() - expectedNew.size(), p.duplicateRows());
                    added = table.commit(p, lsn);
                    assertEquals(0, table.commit(p, lsn), "committing twice adds nothing");
                }
                assertEquals(oracle.apply(stored, lsn), added, "rows added");
            } else if (op < 80) {
                long bound = randomTs(rnd, oracle);
                long persisted = rnd.nextBoolean() ? Long.MAX_VALUE : rnd.nextLong(lsn + 1);
                long evicted = table.evict(bound, persisted);
                checker.syncEviction(bound, persisted, evicted);
            }
            if (op >= 75 || step == steps - 1) checker.checkAll(rnd);
        }
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) out.add(v);
        return out;
    }

    /** Block columns: all, shuffled now and then, sometimes missing a non-key column. */
    private static List<String> blockColumns(Random rnd, TableSchema schema, Oracle oracle) {
        List<String> names = new ArrayList<>();
        for (ColumnDef c : schema.columns()) names.add(c.name());
        if (rnd.nextInt(5) == 0) Collections.shuffle(names, rnd);
        if (rnd.nextInt(8) == 0) {
            List<String> key = TableLayout.orderByColumns(schema.orderBy());
            List<String> optional = new ArrayList<>(names);
            optional.removeAll(key);
            names.remove(optional.get(rnd.nextInt(optional.size())));
        }
        return names;
    }

    /** The rows as the store holds them: columns missing from the block take their default. */
    private static List<List<Object>> withDefaults(TableSchema schema, List<String> names, List<List<Object>> batch) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : batch) {
            List<Object> r = new ArrayList<>(row);
            for (int c = 0; c < schema.columns().size(); c++) {
                if (!names.contains(schema.columns().get(c).name())) {
                    r.set(c, TestTables.defaultValue(schema.columns().get(c)));
                }
            }
            out.add(r);
        }
        return out;
    }

    private static long randomTs(Random rnd, Oracle oracle) {
        if (oracle.rows.isEmpty()) return rnd.nextInt(100);
        long max = 0;
        for (Oracle.Key k : oracle.rows.keySet()) max = Math.max(max, k.ts());
        return rnd.nextLong(max + 3) - 1;
    }

    private static List<List<Object>> batch(Random rnd, TableSchema schema, Oracle oracle) {
        int n = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 40);
        List<List<Object>> rows = new ArrayList<>();
        List<Oracle.Key> existing = new ArrayList<>(oracle.rows.keySet());
        long clock = 0;
        for (Oracle.Key k : existing) clock = Math.max(clock, k.ts());
        for (int i = 0; i < n; i++) {
            List<Object> row = randomRow(rnd, schema);
            int kind = rnd.nextInt(100);
            if (kind < 10 && !existing.isEmpty()) {
                setKey(oracle, row, existing.get(rnd.nextInt(existing.size()))); // a retry of a held row
            } else if (kind < 15 && !rows.isEmpty()) {
                setKey(oracle, row, oracle.key(rows.get(rnd.nextInt(rows.size())))); // a repeat within the block
            } else {
                long ts = kind < 35 ? rnd.nextLong(clock + 1) : clock + rnd.nextInt(4); // late or current
                clock = Math.max(clock, ts);
                row.set(oracle.tsCol, ts);
                row.set(oracle.seqCol, rnd.nextInt(10) == 0 ? rnd.nextLong() : rnd.nextInt(4));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void setKey(Oracle oracle, List<Object> row, Oracle.Key k) {
        for (int i = 0; i < oracle.seriesCols.length; i++)
            row.set(oracle.seriesCols[i], k.series().get(i));
        row.set(oracle.tsCol, k.ts());
        row.set(oracle.seqCol, k.seq());
    }

    private static List<Object> randomRow(Random rnd, TableSchema schema) {
        List<Object> row = new ArrayList<>();
        for (ColumnDef c : schema.columns()) {
            String t = c.type().toString();
            Object v;
            if (c.name().equals("symbol")) v = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
            else if (c.name().equals("account")) v = ACCOUNTS[rnd.nextInt(ACCOUNTS.length)];
            else if (t.startsWith("LowCardinality") || t.equals("String")) v = WORDS[rnd.nextInt(WORDS.length)];
            else if (t.equals("Float64")) v = rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextDouble() * 100;
            else if (t.startsWith("Enum8")) v = (long) rnd.nextInt(3);
            else if (t.equals("Array(Float64)")) {
                List<Object> a = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) a.add(rnd.nextDouble());
                v = a;
            } else if (t.equals("Array(UInt32)")) {
                List<Object> a = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) a.add((long) rnd.nextInt(Integer.MAX_VALUE));
                v = a;
            } else v = rnd.nextLong();
            row.add(v);
        }
        return row;
    }

    /** Compares every read API of a table with the oracle. */
    static final class Checker {
        private final HotTable table;
        private final Oracle oracle;
        private final SeriesCursor seriesCursor = new SeriesCursor();
        private final KeyOrderCursor keyCursor = new KeyOrderCursor();
        private final MergedCursor mergedCursor = new MergedCursor();
        private final AsOfCursor asOfCursor = new AsOfCursor();

        Checker(HotTable table, Oracle oracle) {
            this.table = table;
            this.oracle = oracle;
        }

        void syncEviction(long bound, long persisted, long evicted) {
            TableSnapshot snap = table.snapshot();
            java.util.Set<Oracle.Key> present = new java.util.HashSet<>();
            for (List<Object> r : all(snap)) present.add(oracle.key(r));
            long removed = 0;
            for (Oracle.Key k : new ArrayList<>(oracle.rows.keySet())) {
                if (!present.contains(k)) {
                    assertTrue(k.ts() < bound, "evicted a row at or above the bound: " + k + " bound " + bound);
                    assertTrue(oracle.lsn.get(k) <= persisted, "evicted a row not persisted: " + k);
                    oracle.remove(k);
                    removed++;
                } else if (persisted == Long.MAX_VALUE) {
                    assertTrue(k.ts() >= bound, "kept a row below the bound with everything persisted: " + k);
                }
            }
            assertEquals(removed, evicted, "rows evicted");
            assertTrue(snap.evictedBelow() >= bound);
        }

        List<List<Object>> all(TableSnapshot snap) {
            BlockMaterializer m = new BlockMaterializer(snap.layout());
            for (keyCursor.ofAll(snap); keyCursor.next(); ) {
                m.append(snap, keyCursor.seriesNo(), keyCursor.chunk(), keyCursor.lo(), keyCursor.hi());
            }
            return TestTables.rows(m.build());
        }

        void checkAll(Random rnd) {
            TableSnapshot snap = table.snapshot();
            assertEquals(oracle.rows.size(), snap.rowCount(), "row count");
            checkStructure(snap);
            assertRows("all rows in key order", new ArrayList<>(oracle.rows.values()), all(snap));
            for (int i = 0; i < 4; i++) {
                long a = randomTs(rnd, oracle);
                long b = rnd.nextInt(4) == 0 ? a : randomTs(rnd, oracle);
                long from = Math.min(a, b);
                long to = Math.max(a, b) + rnd.nextInt(2);
                checkRange(snap, from, to);
                checkAsOf(snap, randomTs(rnd, oracle));
            }
            checkRange(snap, Long.MIN_VALUE, Long.MAX_VALUE);
            checkAsOf(snap, Long.MAX_VALUE);
            checkAsOf(snap, Long.MIN_VALUE);
            for (Map.Entry<Oracle.Key, List<Object>> e : oracle.rows.entrySet()) {
                if (rnd.nextInt(8) != 0) continue;
                int s = snap.findSeries(e.getKey().series().toArray(String[]::new));
                assertTrue(s >= 0, "series of " + e.getKey());
                SeriesSnapshot ss = snap.series(s);
                long bias = snap.layout().seqBias();
                assertTrue(ss.contains(e.getKey().ts(), e.getKey().seq(), bias), "contains " + e.getKey());
                assertTrue(!ss.contains(e.getKey().ts(), e.getKey().seq() + 1, bias)
                        || oracle.rows.containsKey(new Oracle.Key(
                                e.getKey().series(), e.getKey().ts(), e.getKey().seq() + 1)));
                for (int p = 0; p < snap.layout().seriesKeyParts(); p++) {
                    assertEquals(e.getKey().series().get(p), snap.seriesKeyValue(s, p));
                }
            }
            String[] absent = new String[snap.layout().seriesKeyParts()];
            java.util.Arrays.fill(absent, "no such series");
            assertEquals(-1, snap.findSeries(absent));
        }

        private void checkStructure(TableSnapshot snap) {
            long total = 0;
            long bias = snap.layout().seqBias();
            for (int s = 0; s < snap.seriesCount(); s++) {
                SeriesSnapshot ss = snap.series(s);
                long rows = 0;
                boolean firstRow = true;
                long pt = 0;
                long ps = 0;
                for (int c = 0; c < ss.chunkCount(); c++) {
                    assertTrue(ss.rowsTo(c) > ss.rowsFrom(c), "empty visible chunk in " + ss);
                    assertTrue(ss.rowsTo(c) <= ss.chunk(c).capacity());
                    long[] t = ss.chunk(c).timestamps();
                    long[] q = ss.chunk(c).seqs();
                    for (int r = ss.rowsFrom(c); r < ss.rowsTo(c); r++) {
                        if (!firstRow) {
                            assertTrue(TableLayout.compareKey(pt, ps, t[r], q[r], bias) < 0, "keys not increasing");
                        }
                        firstRow = false;
                        pt = t[r];
                        ps = q[r];
                        rows++;
                    }
                }
                assertEquals(rows, ss.rowCount(), "rows of " + ss);
                total += rows;
            }
            assertEquals(total, snap.rowCount());
            MemoryUsage m = table.memory();
            assertTrue(m.bytes() > 0 || m.rows() == 0, "memory " + m);
            long chunks = 0;
            for (int s = 0; s < snap.seriesCount(); s++)
                chunks += snap.series(s).chunkCount();
            assertEquals(chunks, m.chunks(), "chunk count");
        }

        private void checkRange(TableSnapshot snap, long from, long to) {
            String what = " [" + from + ", " + to + ")";
            List<List<Object>> expected = oracle.range(from, to);
            // per series
            List<List<Object>> perSeries = new ArrayList<>();
            BlockMaterializer m = new BlockMaterializer(snap.layout());
            for (List<String> series : oracle.series()) {
                int s = snap.findSeries(series.toArray(String[]::new));
                for (seriesCursor.of(snap.series(s), from, to); seriesCursor.next(); ) {
                    m.append(snap, s, seriesCursor.chunk(), seriesCursor.lo(), seriesCursor.hi());
                }
            }
            perSeries.addAll(TestTables.rows(m.build()));
            assertRows("series scans" + what, expected, perSeries);
            for (keyCursor.of(snap, from, to); keyCursor.next(); ) {
                m.append(snap, keyCursor.seriesNo(), keyCursor.chunk(), keyCursor.lo(), keyCursor.hi());
            }
            assertRows("key-order scan" + what, expected, TestTables.rows(m.build()));
            for (mergedCursor.of(snap, from, to); mergedCursor.next(); ) {
                assertTrue(mergedCursor.hi() > mergedCursor.lo());
                m.append(snap, mergedCursor.seriesNo(), mergedCursor.chunk(), mergedCursor.lo(), mergedCursor.hi());
            }
            assertRows("merged scan" + what, oracle.merged(from, to), TestTables.rows(m.build()));
        }

        private void checkAsOf(TableSnapshot snap, long t) {
            BlockMaterializer m = new BlockMaterializer(snap.layout());
            for (asOfCursor.of(snap, t); asOfCursor.next(); ) {
                m.append(snap, asOfCursor.seriesNo(), asOfCursor.chunk(), asOfCursor.row(), asOfCursor.row() + 1);
            }
            assertRows("as of " + t, oracle.asOf(t), TestTables.rows(m.build()));
        }

        static void assertRows(String what, List<List<Object>> expected, List<List<Object>> actual) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                assertEquals(expected.get(i), actual.get(i), what + ": row " + i);
            }
            assertEquals(expected.size(), actual.size(), what + ": number of rows");
        }
    }
}
