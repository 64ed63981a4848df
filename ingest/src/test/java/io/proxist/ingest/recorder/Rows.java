package io.proxist.ingest.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test support: the built-in schemas, mappers over them, and reading blocks back by column name. */
final class Rows {
    static final SchemaCatalog CATALOG = SchemaCatalog.builtin();
    static final long T0 = 1_767_225_600_123_456_789L; // 2026-01-01T00:00:00.123456789Z
    static final long RECV = T0 + 250_000L;
    static final long CLOCK_NOW = T0 + 999_000_000L;

    private Rows() {}

    static TableSchema schema(RecorderTable t) {
        return CATALOG.table(t.tableName()).orElseThrow();
    }

    static RecorderContext context() {
        return new RecorderContext("oms-gw", "sim", 1_000_000L, () -> CLOCK_NOW);
    }

    static RecorderMappers mappers() {
        return mappers(new RejectCounters(), new RejectLog(RejectLog.DEFAULT_INTERVAL_NANOS, () -> 0L));
    }

    static RecorderMappers mappers(RejectCounters counters, RejectLog log) {
        return RecorderMappers.create(n -> CATALOG.table(n).orElseThrow(), context(), counters, log);
    }

    /** The value of a cell as a plain Java value: Long, Double, String or double[]. */
    static Object value(Block b, String column, int row) {
        int i = b.names().indexOf(column);
        if (i < 0) fail("no column " + column + " in " + b.names());
        return value(b.column(i), row);
    }

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

    /** Every row of the block, each as its list of cell values (arrays as lists), for whole-block comparison. */
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

    /** The block has exactly the table's columns, in order, with the types columns hold for the schema's types. */
    static void assertShape(Block b, TableSchema schema) {
        List<String> names = new ArrayList<>();
        for (ColumnDef c : schema.columns()) names.add(c.name());
        assertEquals(names, b.names(), "column names of " + schema.name());
        for (int i = 0; i < b.columnCount(); i++) {
            assertEquals(
                    Columns.plainType(schema.columns().get(i).type()),
                    b.column(i).type(),
                    "type of " + schema.name() + "." + b.name(i));
        }
    }

    /**
     * Row {@code row} holds exactly {@code expected}: the map must name every column of the schema (so a column added
     * to the DDL breaks the test until the mapping and the test say what goes there) and nothing else.
     */
    static void assertRow(Block b, TableSchema schema, int row, Map<String, Object> expected) {
        assertShape(b, schema);
        Set<String> columns = new LinkedHashSet<>(b.names());
        assertEquals(columns, new LinkedHashSet<>(expected.keySet()), "columns covered by the test");
        for (String c : b.names()) {
            Object want = expected.get(c);
            Object got = value(b, c, row);
            if (want instanceof double[] d) {
                assertArrayEquals(d, (double[]) got, schema.name() + "." + c);
            } else if (want instanceof Integer i) {
                assertEquals((long) i, got, schema.name() + "." + c);
            } else {
                assertEquals(want, got, schema.name() + "." + c);
            }
        }
    }
}
