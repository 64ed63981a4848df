package io.proxist.hot.ops;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.hot.store.TableSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeded random hot tables for the operator tests and the plain-list oracle of their rows: several commits of
 * out-of-order rows with repeated keys (first wins), negative timestamps, evictions. Columns: symbol, ts, seq
 * (UInt64), px and qty (Float64), n (Int64).
 */
final class OpsFixture {
    static final String[] SYMBOLS = {"AAPL", "MSFT", "B", "zz"};
    static final List<String> NAMES = List.of("symbol", "ts", "seq", "px", "qty", "n");

    record Row(String symbol, long ts, long seq, double px, double qty, long n) {}

    static final Comparator<Row> ORDER = Comparator.comparingLong(Row::ts).thenComparingLong(Row::seq);

    record Key(long ts, long seq) {}

    final HotStore store = new HotStore(new InMemorySymbolDictionary());
    final Map<String, HotTable> tables = new HashMap<>();
    /** table → symbol → rows by key. */
    final Map<String, Map<String, TreeMap<Key, Row>>> rows = new HashMap<>();

    /** Chunk sizes 1, 2, 3 and the default. */
    static List<Arguments> chunkSizes() {
        return List.of(Arguments.of(1, 1), Arguments.of(2, 2), Arguments.of(3, 3), Arguments.of(16, 4096));
    }

    static HotTableOptions options(int min, int max) {
        return HotTableOptions.DEFAULT.withChunkRows(min, max);
    }

    static TableSchema schema(String name) {
        return new TableSchema(
                name,
                List.of(
                        col("symbol", "LowCardinality(String)"),
                        col("ts", "DateTime64(9, 'UTC')"),
                        col("seq", "UInt64"),
                        col("px", "Float64"),
                        col("qty", "Float64"),
                        col("n", "Int64")),
                "ReplacingMergeTree",
                "toDate(ts)",
                "(symbol, ts, seq)",
                "",
                "",
                "");
    }

    private static ColumnDef col(String name, String type) {
        return new ColumnDef(name, DataType.parse(type), "", "", "");
    }

    HotTable table(String name, HotTableOptions options) {
        HotTable t = store.create(schema(name), options);
        tables.put(name, t);
        rows.put(name, new HashMap<>());
        return t;
    }

    /**
     * Fills a table with {@code commits} random batches over ts in [lo, hi), evicting now and then.
     */
    void fill(Random rnd, String name, int commits, long lo, long hi) {
        HotTable t = tables.get(name);
        Map<String, TreeMap<Key, Row>> byS = rows.get(name);
        long lsn = 0;
        for (int c = 0; c < commits; c++) {
            int size = rnd.nextInt(40);
            List<Row> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String s = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                long ts = lo + rnd.nextLong(hi - lo);
                long seq = rnd.nextInt(3);
                double px = rnd.nextInt(4) == 0 ? 100.0 : Math.round((50 + rnd.nextDouble() * 100) * 100) / 100.0;
                double qty = rnd.nextInt(10) == 0 ? 0.0 : 1 + rnd.nextInt(100);
                long n = rnd.nextInt(21) - 10;
                batch.add(new Row(s, ts, seq, px, qty, n));
            }
            if (rnd.nextBoolean()) batch.sort(ORDER); // sometimes in order, sometimes not
            t.append(block(batch), ++lsn);
            for (Row r : batch) {
                byS.computeIfAbsent(
                                r.symbol(),
                                k -> new TreeMap<>(
                                        Comparator.comparingLong(Key::ts).thenComparingLong(Key::seq)))
                        .putIfAbsent(new Key(r.ts(), r.seq()), r);
            }
            if (rnd.nextInt(5) == 0) {
                long bound = lo + rnd.nextLong(hi - lo) / 3;
                t.evict(bound);
                for (TreeMap<Key, Row> m : byS.values())
                    m.headMap(new Key(bound, Long.MIN_VALUE)).clear();
            }
        }
        long expected = 0;
        for (TreeMap<Key, Row> m : byS.values()) expected += m.size();
        if (expected != t.snapshot().rowCount()) {
            throw new AssertionError("fixture: store rows " + t.snapshot().rowCount() + " != oracle " + expected);
        }
    }

    /** The oracle rows of one series, in (ts, seq) order. */
    List<Row> rows(String table, String symbol) {
        TreeMap<Key, Row> m = rows.get(table).get(symbol);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /** Rows with from <= ts < to. */
    static List<Row> between(List<Row> rows, long from, long to) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) if (r.ts() >= from && r.ts() < to) out.add(r);
        return out;
    }

    TableSnapshot snapshot(String table) {
        return tables.get(table).snapshot();
    }

    static Block block(List<Row> batch) {
        List<Column> cols = new ArrayList<>();
        TableSchema schema = schema("x");
        for (int c = 0; c < NAMES.size(); c++) {
            ColumnBuilder b = ColumnBuilder.forType(schema.columns().get(c).type());
            int col = c;
            Consumer<Row> add =
                    switch (b) {
                        case BytesColumnBuilder s -> r -> s.appendString(r.symbol());
                        case DoubleColumnBuilder d -> r -> d.appendDouble(col == 3 ? r.px() : r.qty());
                        case LongColumnBuilder l -> r -> l.appendLong(col == 1 ? r.ts() : col == 2 ? r.seq() : r.n());
                        default -> throw new IllegalStateException(b.type().toString());
                    };
            for (Row r : batch) add.accept(r);
            cols.add(b.build());
        }
        return new Block(NAMES, cols, batch.size());
    }

    /** The row at position {@code p} of series {@code s} of table {@code t}. */
    static Row rowAt(TableSnapshot t, io.proxist.hot.store.SeriesSnapshot s, long p) {
        io.proxist.hot.store.Chunk c = s.chunk(io.proxist.hot.store.SeriesSnapshot.chunkOf(p));
        int r = io.proxist.hot.store.SeriesSnapshot.rowOf(p);
        return new Row(
                t.dictionary(0).value(s.keyId(0)),
                c.timestamps()[r],
                c.seqs()[r],
                c.doubles(3)[r],
                c.doubles(4)[r],
                c.longs(5)[r]);
    }

    static long seed(int i, long base) {
        return base + i * 0x9E3779B97F4A7C15L;
    }

    static long baseSeed() {
        Long fixed = Long.getLong("proxist.test.seed");
        return fixed != null ? fixed : new Random().nextLong();
    }

    /** Seeds per chunk size: {@code -Dproxist.test.seeds=N}; 1 when a seed is fixed. */
    static int seeds(int dflt) {
        return Long.getLong("proxist.test.seed") != null ? 1 : Integer.getInteger("proxist.test.seeds", dflt);
    }

    /** Runs {@code body} once per seed ({@code dflt} seeds unless a property says otherwise), naming the seed of a failure. */
    static void eachSeed(int dflt, java.util.function.Consumer<Random> body) {
        long base = baseSeed();
        for (int i = 0; i < seeds(dflt); i++) {
            long seed = seed(i, base);
            try {
                body.accept(new Random(seed));
            } catch (Throwable t) {
                throw fail(seed, t);
            }
        }
    }

    static AssertionError fail(long seed, Throwable t) {
        return new AssertionError(
                "failed with seed " + seed + " (replay with -Dproxist.test.seed=" + seed + "): " + t, t);
    }

    static void close(double expected, double actual, double scale, String what) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) return;
        double tol = 1e-9 * Math.max(1.0, Math.max(Math.abs(expected), scale));
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }
}
