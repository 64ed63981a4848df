package io.proxist.hot.snapshot;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.BlockMaterializer;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.HotTableOptions;
import io.proxist.hot.store.KeyOrderCursor;
import io.proxist.hot.store.TableSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Schemas, random blocks and store dumps shared by the snapshot tests. */
final class SnapshotTesting {
    private static final String[] SYMBOLS = {"A", "AA", "B", "b", "MSFT", "Zz", "\u00c4x", ""};
    private static final String[] ACCOUNTS = {"acc1", "acc2", "x"};
    private static final String[] WORDS = {"", "XNAS", "XNYS", "BATS", "\u65e5\u672c", "a longer value of a string"};
    static final long T0 = 1_700_000_000_000_000_000L;

    private SnapshotTesting() {}

    static long seed() {
        Long fixed = Long.getLong("proxist.test.seed");
        return fixed != null ? fixed : new Random().nextLong();
    }

    /** Runs {@code body} with a seeded random, naming the seed in any failure. */
    static void seeded(SeededBody body) {
        long seed = seed();
        try {
            body.run(new Random(seed));
        } catch (Throwable t) {
            throw new AssertionError(
                    "failed with seed " + seed + " (replay with -Dproxist.test.seed=" + seed + "): " + t, t);
        }
    }

    interface SeededBody {
        void run(Random random) throws Exception;
    }

    static ColumnDef col(String name, String type) {
        return new ColumnDef(name, DataType.parse(type), "", "", "");
    }

    static TableSchema schema(String name, String orderBy, ColumnDef... columns) {
        return new TableSchema(
                name, List.of(columns), "ReplacingMergeTree(version)", "toDate(ts)", orderBy, "", "", "");
    }

    /** Every vector kind, an unsigned seq. */
    static TableSchema ticks() {
        return schema(
                "ticks",
                "(symbol, ts, seq)",
                col("symbol", "LowCardinality(String)"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("trade_id", "String"),
                col("exchange", "LowCardinality(String)"),
                col("price", "Float64"),
                col("size", "Float32"),
                col("side", "Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2)"),
                col("levels", "Array(Float64)"),
                col("ids", "Array(UInt32)"),
                col("qty", "Decimal(18, 4)"));
    }

    /** A two-column series key, a signed seq. */
    static TableSchema positions() {
        return schema(
                "positions",
                "(account, symbol, ts, seq)",
                col("account", "LowCardinality(String)"),
                col("symbol", "LowCardinality(String)"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "Int64"),
                col("quantity", "Float64"),
                col("note", "String"));
    }

    /** A series key that is a plain String, not named symbol. */
    static TableSchema guardrails() {
        return schema(
                "guardrail_events",
                "(guardrail, ts, seq)",
                col("guardrail", "String"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt32"),
                col("state", "LowCardinality(String)"),
                col("value", "Int64"));
    }

    static List<TableSchema> schemas() {
        return List.of(ticks(), positions(), guardrails());
    }

    static HotStore store(HotTableOptions options, List<TableSchema> schemas) {
        HotStore store = new HotStore(new InMemorySymbolDictionary());
        for (TableSchema s : schemas) store.create(s, options);
        return store;
    }

    /**
     * A block of {@code rows} random rows: few series, ts in a window around {@code tsCenter} (so later blocks hold
     * late rows), small seq ranges (so repeats and retries occur).
     */
    static Block randomBlock(Random r, TableSchema schema, int rows, long tsCenter) {
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        List<String> key = List.of(schema.orderBy().replaceAll("[() ]", "").split(","));
        for (ColumnDef c : schema.columns()) {
            ColumnBuilder b = ColumnBuilder.forType(c.type());
            for (int i = 0; i < rows; i++) {
                int k = key.indexOf(c.name());
                if (k == key.size() - 2) {
                    ((LongColumnBuilder) b).appendLong(tsCenter + r.nextInt(2_000) - 1_000);
                } else if (k == key.size() - 1) {
                    long seq = r.nextInt(4);
                    if (c.type().is("UInt64") && r.nextBoolean()) seq |= Long.MIN_VALUE; // above 2^63
                    ((LongColumnBuilder) b).appendLong(seq);
                } else if (k >= 0) {
                    String[] pool = c.name().equals("account") ? ACCOUNTS : SYMBOLS;
                    ((BytesColumnBuilder) b).appendString(pool[r.nextInt(pool.length)]);
                } else {
                    append(r, b, c.type());
                }
            }
            names.add(c.name());
            cols.add(b.build());
        }
        return new Block(names, cols, rows);
    }

    private static void append(Random r, ColumnBuilder b, DataType type) {
        DataType t = type.is("LowCardinality") ? type.inner() : type;
        switch (b) {
            case LongColumnBuilder l -> {
                long v;
                if (t.is("Enum8")) v = r.nextInt(3);
                else if (t.is("UInt32")) v = r.nextLong() & 0xFFFF_FFFFL;
                else v = r.nextInt(8) == 0 ? r.nextLong() : r.nextInt(1000) - 500;
                l.appendLong(v);
            }
            case DoubleColumnBuilder d -> {
                double v =
                        switch (r.nextInt(12)) {
                            case 0 -> Double.NaN;
                            case 1 -> -0.0;
                            case 2 -> Double.POSITIVE_INFINITY;
                            default -> r.nextGaussian() * 100;
                        };
                d.appendDouble(t.is("Float32") ? (float) v : v);
            }
            case BytesColumnBuilder s ->
                s.appendString(WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : r.nextInt(100)));
            case ArrayColumnBuilder a -> {
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) append(r, a.elements(), t.inner());
                a.endArray();
            }
            default -> throw new IllegalArgumentException("no test support for " + b.type());
        }
    }

    /** Every row of the table's current state, in key order, values as Long, Double, String, List. */
    static List<List<Object>> dump(HotTable table) {
        return dump(table.snapshot());
    }

    static List<List<Object>> dump(TableSnapshot snap) {
        BlockMaterializer m = new BlockMaterializer(snap.layout());
        KeyOrderCursor c = new KeyOrderCursor().ofAll(snap);
        while (c.next()) m.append(snap, c.seriesNo(), c.chunk(), c.lo(), c.hi());
        return rows(m.build());
    }

    /** Every table's rows, by name. */
    static Map<String, List<List<Object>>> dump(HotStore store) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        for (String name :
                new TreeSet<>(store.tables().stream().map(HotTable::name).toList())) {
            out.put(name, dump(store.table(name)));
        }
        return out;
    }

    static List<List<Object>> rows(Block block) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < block.rows(); r++) {
            List<Object> row = new ArrayList<>();
            for (Column c : block.columns()) row.add(value(c, r));
            out.add(row);
        }
        return out;
    }

    private static Object value(Column c, int r) {
        return switch (c) {
            case LongColumn l -> l.get(r);
            // raw bits, so NaN and -0.0 compare exactly
            case DoubleColumn d -> Double.doubleToRawLongBits(d.get(r));
            case BytesColumn b -> b.getString(r);
            case ArrayColumn a -> {
                List<Object> v = new ArrayList<>();
                for (int i = a.start(r); i < a.end(r); i++) v.add(value(a.elements(), i));
                yield v;
            }
            default -> throw new IllegalArgumentException("no test support for " + c.type());
        };
    }

    /** The names of the files in {@code dir}, sorted. */
    static List<String> fileNames(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
