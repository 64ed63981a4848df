package io.proxist.bench.hot;

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
import java.util.List;
import java.util.SplittableRandom;

/** Hot tables for the operator benchmarks: (symbol, ts, seq, px, qty), default chunk sizes. */
final class HotOpsBenchData {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;

    private HotOpsBenchData() {}

    static TableSchema schema(String name) {
        return new TableSchema(
                name,
                List.of(
                        col("symbol", "LowCardinality(String)"),
                        col("ts", "DateTime64(9, 'UTC')"),
                        col("seq", "UInt64"),
                        col("px", "Float64"),
                        col("qty", "Float64")),
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

    static HotStore store() {
        return new HotStore(new InMemorySymbolDictionary());
    }

    /**
     * Appends {@code rows} rows of symbol {@code sym} spread evenly (with jitter) over [T0, T0 + span), in order,
     * in blocks of up to 65,536 rows.
     */
    static void fill(HotTable t, String sym, int rows, long span, SplittableRandom rnd) {
        long step = Math.max(1, span / rows);
        double px = 100;
        int done = 0;
        while (done < rows) {
            int n = Math.min(65_536, rows - done);
            BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.parse("String"));
            LongColumnBuilder ts = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
            LongColumnBuilder seq = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("UInt64"));
            DoubleColumnBuilder p = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.parse("Float64"));
            DoubleColumnBuilder q = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.parse("Float64"));
            for (int i = 0; i < n; i++) {
                long k = done + i;
                s.appendString(sym);
                ts.appendLong(T0 + k * step + rnd.nextLong(Math.max(1, step / 2)));
                seq.appendLong(k);
                px += rnd.nextDouble() - 0.5;
                p.appendDouble(px);
                q.appendDouble(1 + rnd.nextInt(500));
            }
            List<Column> cols = List.of(s.build(), ts.build(), seq.build(), p.build(), q.build());
            t.append(new Block(List.of("symbol", "ts", "seq", "px", "qty"), cols, n));
            done += n;
        }
    }

    static HotTable table(HotStore store, String name) {
        return store.create(schema(name), HotTableOptions.DEFAULT);
    }
}
