package io.proxist.hot.store;

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
import java.util.ArrayList;
import java.util.List;

/** Schemas and block conversions shared by the store tests. Rows are lists of String, Long, Double, List. */
final class TestTables {
    private TestTables() {}

    static ColumnDef col(String name, String type) {
        return new ColumnDef(name, DataType.parse(type), "", "", "");
    }

    static TableSchema schema(String name, String orderBy, ColumnDef... columns) {
        return new TableSchema(
                name, List.of(columns), "ReplacingMergeTree(version)", "toDate(ts)", orderBy, "", "", "");
    }

    /** A trades-like table exercising every vector kind. */
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
                col("side", "Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2)"),
                col("levels", "Array(Float64)"),
                col("ids", "Array(UInt32)"));
    }

    /** A positions-like table: a two-column series key. */
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

    /** The columns of market_data in schemas/ddl/010_market_data.sql. */
    static TableSchema marketData() {
        return schema(
                "market_data",
                "(symbol, ts, seq)",
                col("symbol", "LowCardinality(String)"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("exchange", "LowCardinality(String)"),
                col("bid_px", "Float64"),
                col("bid_sz", "Float64"),
                col("ask_px", "Float64"),
                col("ask_sz", "Float64"),
                col("last_px", "Float64"),
                col("last_sz", "Float64"),
                col("bid_px_levels", "Array(Float64)"),
                col("bid_sz_levels", "Array(Float64)"),
                col("ask_px_levels", "Array(Float64)"),
                col("ask_sz_levels", "Array(Float64)"),
                col("recv_ts", "DateTime64(9, 'UTC')"),
                col("version", "UInt64"),
                col("source", "LowCardinality(String)"),
                col("environment", "LowCardinality(String)"));
    }

    /** The columns of trades in schemas/ddl/020_trades.sql. */
    static TableSchema trades() {
        return schema(
                "trades",
                "(symbol, ts, seq)",
                col("symbol", "LowCardinality(String)"),
                col("ts", "DateTime64(9, 'UTC')"),
                col("seq", "UInt64"),
                col("trade_id", "String"),
                col("exchange", "LowCardinality(String)"),
                col("price", "Float64"),
                col("size", "Float64"),
                col("side", "Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2)"),
                col("conditions", "LowCardinality(String)"),
                col("recv_ts", "DateTime64(9, 'UTC')"),
                col("version", "UInt64"),
                col("source", "LowCardinality(String)"),
                col("environment", "LowCardinality(String)"));
    }

    /** A block of {@code rows} over the named columns ({@code names} in block order, values by schema position). */
    static Block block(TableSchema schema, List<String> names, List<List<Object>> rows) {
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            int c = indexOf(schema, n);
            ColumnBuilder b = ColumnBuilder.forType(schema.columns().get(c).type());
            for (List<Object> row : rows) append(b, row.get(c));
            cols.add(b.build());
        }
        return new Block(names, cols, rows.size());
    }

    static Block block(TableSchema schema, List<List<Object>> rows) {
        List<String> names = new ArrayList<>();
        for (ColumnDef c : schema.columns()) names.add(c.name());
        return block(schema, names, rows);
    }

    static int indexOf(TableSchema schema, String name) {
        for (int i = 0; i < schema.columns().size(); i++) {
            if (schema.columns().get(i).name().equals(name)) return i;
        }
        throw new IllegalArgumentException(name);
    }

    private static void append(ColumnBuilder b, Object v) {
        switch (b) {
            case LongColumnBuilder l -> l.appendLong((Long) v);
            case DoubleColumnBuilder d -> d.appendDouble((Double) v);
            case BytesColumnBuilder s -> s.appendString((String) v);
            case ArrayColumnBuilder a -> {
                for (Object e : (List<?>) v) append(a.elements(), e);
                a.endArray();
            }
            default -> throw new IllegalArgumentException("no test support for " + b.type());
        }
    }

    /** The rows of a block, values as in the test rows. */
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
            case DoubleColumn d -> d.get(r);
            case BytesColumn b -> b.getString(r);
            case ArrayColumn a -> {
                List<Object> v = new ArrayList<>();
                for (int i = a.start(r); i < a.end(r); i++) v.add(value(a.elements(), i));
                yield v;
            }
            default -> throw new IllegalArgumentException("no test support for " + c.type());
        };
    }

    /** The default value the store fills for a column missing from a block. */
    static Object defaultValue(ColumnDef c) {
        DataType t = c.type();
        if (t.is("Array")) return List.of();
        if (t.is("LowCardinality") || t.is("String")) return "";
        if (t.is("Float64") || t.is("Float32")) return 0.0;
        return 0L;
    }
}
