package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.planner.expr.Backend;
import io.proxist.planner.expr.Vectors;
import io.proxist.planner.parse.ClickHouseSqlParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seam's view of owned tables for planner tests: each table's schema and hot store, and a stand-in for the
 * backend that records the SQL it is sent and answers a scan with the table's rows before its seam (every column the
 * SELECT names; the executor applies the WHERE, order and limits again) or, with {@link #emptyBackend}, nothing. The
 * backend SQL itself runs on a real ClickHouse in the integration suite.
 */
final class TestSource implements SeamSource {
    /** A table: every row it ever had ({@code all}), memory, and the seam below which the backend holds them. */
    record Table(TableSchema schema, io.proxist.hot.store.HotTable hot, Block all, long seam) {}

    final Map<String, Table> tables = new HashMap<>();
    final List<String> sent = new ArrayList<>();
    Backend backend = Backend.LOWERED;
    boolean emptyBackend;
    boolean pushdown = true;

    @Override
    public boolean pushdown() {
        return pushdown;
    }

    void put(Table t) {
        tables.put(t.schema().name(), t);
    }

    Block run(String sql) {
        return new SeamExecutor(this).execute(ClickHouseSqlParser.parse(sql).query(), 1_000_000_000L);
    }

    @Override
    public TableSchema schema(String table) {
        Table t = tables.get(table);
        return t == null ? null : t.schema();
    }

    @Override
    public TableSnapshot snapshot(String table) {
        return tables.get(table).hot().snapshot();
    }

    @Override
    public long floor(String table) {
        return Long.MIN_VALUE;
    }

    @Override
    public void awaitPersisted(String table, long lsn) {}

    @Override
    public List<Block> cold(String q) {
        sent.add(q.replace('\n', ' '));
        if (emptyBackend) return List.of();
        String from = q.substring(q.indexOf("FROM `db`.`") + 11);
        Table t = tables.get(from.substring(0, from.indexOf('`')));
        Column ts = t.all().column(t.all().names().indexOf("ts"));
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < t.all().rows(); i++) if (Vectors.lng(ts, i) < t.seam()) keep.add(i);
        Block below =
                Blocks.gather(t.all(), keep.stream().mapToInt(Integer::intValue).toArray());
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (String c : q.substring(q.indexOf("SELECT") + 6, q.indexOf("FROM")).split(",")) {
            String name = c.trim().replace("`", "");
            names.add(name);
            cols.add(below.column(below.names().indexOf(name)));
        }
        return List.of(new Block(names, cols, below.rows()));
    }

    @Override
    public String database() {
        return "db";
    }

    @Override
    public Backend backend() {
        return backend;
    }
}
