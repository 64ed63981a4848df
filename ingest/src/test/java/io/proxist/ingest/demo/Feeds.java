package io.proxist.ingest.demo;

import static org.junit.jupiter.api.Assertions.fail;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.schema.TableSchema;
import io.proxist.ingest.recorder.RecorderTable;
import io.proxist.schemas.SchemaCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test support: feeds over the built-in schemas, ticked synchronously, and their blocks read back as rows. */
final class Feeds {
    static final SchemaCatalog CATALOG = SchemaCatalog.builtin();
    /** 2026-11-20T14:30:00Z: a US session open, in nanoseconds. */
    static final long T0 = nanos(Instant.parse("2026-11-20T14:30:00Z"));

    private Feeds() {}

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static TableSchema schema(String table) {
        return CATALOG.table(table).orElseThrow();
    }

    /** A seed from {@code -Dproxist.test.seed}, else random; print it in every assertion message. */
    static long seed() {
        return Long.getLong("proxist.test.seed", System.nanoTime());
    }

    static DemoFeed feed(DemoOptions options, DemoSink sink) {
        return new DemoFeed(options, Feeds::schema, sink, () -> T0);
    }

    /** One block handed to the sink, at the feed's {@code tick}-th tick (0-based). */
    record Insert(int tick, String table, Block block) {}

    /** A sink that keeps every block, with the number of the tick it came in. */
    static final class Capture implements DemoSink {
        final List<Insert> inserts = new ArrayList<>();
        int tick;

        @Override
        public void insert(String table, Block rows) {
            inserts.add(new Insert(tick, table, rows));
        }

        /** Every row of {@code table}, in the order handed over, each a column-name map with its tick under "#tick". */
        List<Map<String, Object>> rows(RecorderTable table) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Insert i : inserts) {
                if (!i.table().equals(table.tableName())) continue;
                for (int r = 0; r < i.block().rows(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("#tick", i.tick());
                    for (int c = 0; c < i.block().columnCount(); c++) {
                        row.put(i.block().name(c), value(i.block().column(c), r));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    /** A feed over {@code options}, ticked {@code ticks} times one tick period apart from {@link #T0}. */
    static Capture run(DemoOptions options, int ticks) {
        Capture capture = new Capture();
        DemoFeed feed = feed(options, capture);
        for (int i = 0; i < ticks; i++) {
            capture.tick = i;
            feed.tick(T0 + i * options.tickNanos());
        }
        if (feed.rejects().total() != 0)
            fail("the recorder rejected events: " + feed.rejects().total());
        return capture;
    }

    /** The value of a cell as a plain Java value: Long, Double, String or double[]. */
    static Object value(Column c, int row) {
        return switch (c) {
            case LongColumn l -> l.get(row);
            case DoubleColumn d -> d.get(row);
            case BytesColumn s -> s.getString(row);
            case ArrayColumn a -> {
                DoubleColumn e = (DoubleColumn) a.elements();
                yield Arrays.copyOfRange(e.values(), a.start(row), a.end(row));
            }
            default -> throw new AssertionError("unexpected column " + c);
        };
    }

    /** Every row of the block as its list of cell values (arrays as lists), for whole-block comparison. */
    static List<List<Object>> contents(Block b) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < b.rows(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < b.columnCount(); c++) {
                Object v = value(b.column(c), r);
                row.add(v instanceof double[] d ? Arrays.stream(d).boxed().toList() : v);
            }
            out.add(row);
        }
        return out;
    }

    static long l(Map<String, Object> row, String column) {
        return (Long) row.get(column);
    }

    static double d(Map<String, Object> row, String column) {
        return (Double) row.get(column);
    }

    static String s(Map<String, Object> row, String column) {
        return (String) row.get(column);
    }
}
