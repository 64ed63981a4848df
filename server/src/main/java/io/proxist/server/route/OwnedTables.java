package io.proxist.server.route;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.query.Statement;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputFormat;
import io.proxist.formats.input.InputFormats;
import io.proxist.formats.input.InputSettings;
import io.proxist.formats.io.StreamInput;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.IngestTable;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Statements on the tables Proxist owns (ingest.tables). An INSERT is decoded whole against the table's logical
 * columns (what clients see: DateTime64, LowCardinality), completed with the defaults of the columns it leaves out,
 * and handed to the {@link IngestService} as one block: one WAL record, all or nothing, acknowledged when durable per
 * the table's policy. A query that names an owned table first waits for the rows acknowledged before it to be in
 * ClickHouse (the read barrier), then passes through, until the seam planner answers the recent part from memory.
 */
public final class OwnedTables {
    private final IngestService service;
    private final Function<String, TableSchema> schemas;
    private final String database;
    private final Duration barrier;
    private final ZoneId serverZone;
    private final java.util.function.Supplier<Block> status;
    private volatile SeamRoute seam;

    /**
     * @param schemas the logical schema of each owned table
     * @param database the database the owned tables live in (clickhouse.database)
     * @param barrier the longest a query waits at the read barrier
     * @param status the rows of {@code system.proxist_ingest}
     */
    public OwnedTables(
            IngestService service,
            Function<String, TableSchema> schemas,
            String database,
            Duration barrier,
            ZoneId serverZone,
            java.util.function.Supplier<Block> status) {
        this.status = status;
        this.service = service;
        this.schemas = schemas;
        this.database = database;
        this.barrier = barrier;
        this.serverZone = serverZone;
    }

    /**
     * Answers queries on owned tables at the seam from now on: recent rows from memory ({@code hot}), older ones
     * from the backend. Learns each table's floor in ClickHouse first.
     */
    public void enableSeam(
            Function<String, io.proxist.hot.store.HotTable> hot,
            io.proxist.pushdown.passthrough.UpstreamExecutor upstream,
            io.proxist.chclient.ClickHouseHttp admin,
            boolean dateTime64,
            io.proxist.server.trace.SeamTelemetry telemetry) {
        SeamRoute r = new SeamRoute(service, hot, schemas, upstream, admin, database, dateTime64, barrier, telemetry);
        r.primeFloors();
        seam = r;
    }

    /**
     * Queries answered at the seam, queries it declined (answered at the read barrier), and queries whose parse
     * came from the cache (their shape seen before), and queries parsed; zeros when off.
     */
    public long[] seamCounts() {
        SeamRoute r = seam;
        return r == null ? new long[4] : new long[] {r.answered(), r.declined(), r.parseHits(), r.parseMisses()};
    }

    /** The answer at the seam, or null (not enabled, not a query the seam plans). */
    io.proxist.core.query.BlockCursor seam(QueryContext ctx, String sql) {
        SeamRoute r = seam;
        return r == null ? null : r.tryAnswer(ctx, sql);
    }

    /** The owned table an INSERT's target names (as {@code t} in the owned database, or {@code db.t}), or null. */
    String owned(QueryContext ctx, String insertTable) {
        if (insertTable == null) return null;
        String db;
        String table;
        int dot = insertTable.indexOf('.');
        if (dot >= 0) {
            db = insertTable.substring(0, dot);
            table = insertTable.substring(dot + 1);
        } else {
            db = ctx.database();
            table = insertTable;
        }
        return db.equals(database) && service.manages(table) ? table : null;
    }

    /** The INSERT's columns: its column list, or the table's logical columns, as a block with no rows. */
    Block header(String table, Statement st) {
        List<ColumnDef> cols = targetColumns(table, st);
        List<String> names = new ArrayList<>();
        List<Column> empty = new ArrayList<>();
        for (ColumnDef c : cols) {
            names.add(c.name());
            empty.add(Columns.empty(c.type()));
        }
        // the header keeps the logical types (LowCardinality included) so clients encode what a server would ask
        return new HeaderBlock(names, cols).block(empty);
    }

    /** One INSERT with data into an owned table; returns the rows written (new, not duplicates) and their size. */
    InsertTranscoder.Written insert(QueryContext ctx, String table, Statement st, InputStream data) {
        List<ColumnDef> target = targetColumns(table, st);
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (ColumnDef c : target) {
            names.add(c.name());
            types.add(c.type());
        }
        InputFormat in = InputFormats.create(
                st.format(), names, types, InputSettings.fromClickHouseSettings(ctx.settings(), serverZone));
        in.open(new StreamInput(data));
        return insertBlocks(table, st, in::next);
    }

    /**
     * One INSERT whose data is already blocks with (some of) the target columns, by name (the native protocol's,
     * checked against {@link #header}): no re-encoding.
     */
    InsertTranscoder.Written insertBlocks(String table, Statement st, java.util.function.Supplier<Block> blocks) {
        TableSchema schema = schemas.apply(table);
        List<ColumnDef> target = targetColumns(table, st);
        List<String> names = new ArrayList<>();
        for (ColumnDef c : target) names.add(c.name());
        List<ColumnBuilder> builders = new ArrayList<>();
        for (ColumnDef c : target) builders.add(ColumnBuilder.forType(c.type()));
        int rows = 0;
        for (Block b = blocks.get(); b != null; b = blocks.get()) {
            for (int c = 0; c < target.size(); c++) {
                int src = b.names().indexOf(target.get(c).name());
                if (src < 0) {
                    throw new ProxistException(
                            ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                            "Column " + target.get(c).name() + " of the INSERT is missing from a block");
                }
                builders.get(c).appendFrom(b.column(src), 0, b.rows());
            }
            rows += b.rows();
        }
        if (rows == 0) return new InsertTranscoder.Written(0, 0);
        List<String> allNames = new ArrayList<>();
        List<Column> all = new ArrayList<>();
        long bytes = 0;
        for (ColumnDef c : schema.columns()) {
            if (c.defaultKind().equals("MATERIALIZED") || c.defaultKind().equals("ALIAS")) continue;
            int i = names.indexOf(c.name());
            if (i >= 0) bytes += builders.get(i).byteSize();
            Column col = i >= 0 ? builders.get(i).build() : defaults(c, rows);
            allNames.add(c.name());
            all.add(col);
        }
        IngestTable.Inserted r = service.insert(table, new Block(allNames, all, rows));
        return new InsertTranscoder.Written(r.newRows(), bytes);
    }

    /**
     * {@code SELECT * FROM system.proxist_ingest} (ingest status per owned table), answered here; other statements on
     * that table are refused (it exists in Proxist only); null for statements that do not name it.
     */
    io.proxist.core.query.BlockCursor status(String sql) {
        List<SqlToken> t;
        try {
            t = SqlLexer.lex(sql);
        } catch (RuntimeException notLexable) {
            return null;
        }
        boolean names = false;
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).isWord("system")
                    && t.get(i + 1).isPunct('.')
                    && t.get(i + 2).isWord("proxist_ingest")) {
                names = true;
            }
        }
        if (!names) return null;
        int end = t.size();
        while (end > 0 && t.get(end - 1).isPunct(';')) end--;
        if (end >= 2 && t.get(end - 2).isWord("FORMAT")) end -= 2;
        boolean star = end == 6
                && t.get(0).isWord("SELECT")
                && t.get(1).isPunct('*')
                && t.get(2).isWord("FROM");
        if (!star) {
            throw new ProxistException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "system.proxist_ingest is Proxist's own table: only SELECT * FROM system.proxist_ingest is supported");
        }
        return new LocalAnswers.OneBlock(status.get());
    }

    /** The read barrier for a query: waits for every owned table it names (see the class comment). */
    void barrier(QueryContext ctx, String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.lex(sql);
        } catch (RuntimeException notLexable) {
            return; // the backend reports the syntax error
        }
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.type() != SqlToken.Type.WORD && t.type() != SqlToken.Type.QUOTED_ID) continue;
            String name = t.text();
            if (!service.manages(name)) continue;
            boolean qualified = i >= 2 && tokens.get(i - 1).isPunct('.');
            String db = qualified ? tokens.get(i - 2).text() : ctx.database();
            if (!db.equals(database)) continue;
            service.awaitPersisted(name, barrier);
        }
    }

    private List<ColumnDef> targetColumns(String table, Statement st) {
        TableSchema schema = schemas.apply(table);
        List<ColumnDef> insertable = new ArrayList<>();
        for (ColumnDef c : schema.columns()) {
            if (!c.defaultKind().equals("MATERIALIZED") && !c.defaultKind().equals("ALIAS")) insertable.add(c);
        }
        if (st.insertColumns() == null || st.insertColumns().isBlank()) return insertable;
        List<ColumnDef> out = new ArrayList<>();
        for (SqlToken tok : SqlLexer.lex(st.insertColumns())) {
            if (tok.isPunct(',')) continue;
            if (tok.type() != SqlToken.Type.WORD && tok.type() != SqlToken.Type.QUOTED_ID) {
                throw new ProxistException(
                        ErrorCode.SYNTAX_ERROR, "Syntax error: unsupported INSERT column list: " + st.insertColumns());
            }
            ColumnDef found = null;
            for (ColumnDef c : insertable) if (c.name().equals(tok.text())) found = c;
            if (found == null) {
                throw new ProxistException(
                        ErrorCode.NO_SUCH_COLUMN_IN_TABLE, "No such column " + tok.text() + " in table " + table);
            }
            if (out.contains(found)) {
                throw new ProxistException(
                        ErrorCode.DUPLICATE_COLUMN,
                        "Column " + tok.text() + " in table " + table + " specified more than once");
            }
            out.add(found);
        }
        return out;
    }

    /**
     * A column of {@code rows} default values for a column the INSERT leaves out: its DEFAULT when that is a numeric
     * constant, else the type's default (the smallest value of an Enum, as ClickHouse).
     */
    static Column defaults(ColumnDef c, int rows) {
        ColumnBuilder b = ColumnBuilder.forType(c.type());
        String expr = c.defaultKind().equals("DEFAULT") ? c.defaultExpression().strip() : "";
        if (!expr.isEmpty()) {
            double v;
            try {
                v = Double.parseDouble(expr);
            } catch (NumberFormatException e) {
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "Column " + c.name() + " has DEFAULT " + expr
                                + ", which Proxist does not evaluate: list the column in the INSERT");
            }
            for (int i = 0; i < rows; i++) {
                switch (b) {
                    case LongColumnBuilder l -> l.appendLong((long) v);
                    case DoubleColumnBuilder d -> d.appendDouble(v);
                    default ->
                        throw new ProxistException(
                                ErrorCode.NOT_IMPLEMENTED,
                                "Column " + c.name() + " has a numeric DEFAULT on a " + c.type() + " column");
                }
            }
            return b.build();
        }
        DataType plain = Columns.plainType(c.type());
        if (plain.is("Enum8") || plain.is("Enum16")) {
            long min = Long.MAX_VALUE;
            for (DataType.Arg a : plain.args()) {
                String text = a.toString();
                min = Math.min(
                        min,
                        Long.parseLong(text.substring(text.lastIndexOf('=') + 1).strip()));
            }
            for (int i = 0; i < rows; i++) ((LongColumnBuilder) b).appendLong(min);
            return b.build();
        }
        for (int i = 0; i < rows; i++) b.appendDefault();
        return b.build();
    }

    /** A header block whose column types are the logical ones (a plain empty column per column). */
    private record HeaderBlock(List<String> names, List<ColumnDef> defs) {
        Block block(List<Column> empty) {
            List<Column> typed = new ArrayList<>();
            for (int i = 0; i < empty.size(); i++)
                typed.add(Columns.withType(empty.get(i), defs.get(i).type()));
            return Block.header(names, typed);
        }
    }
}
