package io.proxist.server.route;

import io.proxist.chclient.Capabilities;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.QueryResult;
import io.proxist.core.query.SqlLexer;
import io.proxist.core.query.SqlToken;
import io.proxist.core.query.Statement;
import io.proxist.core.type.DataType;
import io.proxist.pushdown.passthrough.UpstreamExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The router behind both protocols: connect probes answered locally, everything else passed through to the
 * backing ClickHouse, lowered to what it can read ({@link BackendLowering}; DESCRIBE widened to the seven columns
 * of a current server). Statements on Proxist's hot
 * tables are planned at the seam once the planner exists; until then they pass through too.
 */
public final class ProxistQueryEngine implements QueryEngine {
    private static final List<String> DESCRIBE_COLUMNS = List.of(
            "name", "type", "default_type", "default_expression", "comment", "codec_expression", "ttl_expression");

    private final UpstreamExecutor upstream;
    private final LocalAnswers local;
    private final InsertTranscoder inserts;
    private final boolean settingsHaveReadonly;
    private final BackendLowering lowering;
    private final OwnedTables owned;

    /**
     * @param backend what the backing ClickHouse has: statements are lowered to it ({@link BackendLowering})
     */
    public ProxistQueryEngine(
            UpstreamExecutor upstream,
            LocalAnswers local,
            java.time.ZoneId serverZone,
            boolean settingsHaveReadonly,
            Capabilities backend) {
        this(upstream, local, serverZone, settingsHaveReadonly, backend, null);
    }

    /**
     * @param owned the tables Proxist owns (INSERTs through the WAL, queries behind the read barrier); null: none
     */
    public ProxistQueryEngine(
            UpstreamExecutor upstream,
            LocalAnswers local,
            java.time.ZoneId serverZone,
            boolean settingsHaveReadonly,
            Capabilities backend,
            OwnedTables owned) {
        this.owned = owned;
        this.upstream = upstream;
        this.local = local;
        this.inserts = new InsertTranscoder(upstream, serverZone);
        this.settingsHaveReadonly = settingsHaveReadonly;
        this.lowering = BackendLowering.of(backend);
    }

    @Override
    public io.proxist.core.block.Block insertHeader(QueryContext ctx, Statement st) {
        String table = owned == null ? null : owned.owned(ctx, st.insertTable());
        if (table != null) return owned.header(table, st);
        return inserts.header(ctx, st);
    }

    /** What a query asks beyond its rows, which the backend's Native does not carry. */
    record SpecialRows(boolean totals, boolean extremes) {
        boolean any() {
            return totals || extremes;
        }
    }

    /**
     * Whether a query's result has totals ({@code WITH TOTALS} anywhere in it: a subquery's totals reach the outer
     * result) or extremes (setting {@code extremes}): such a result is fetched in a format that carries them
     * ({@link UpstreamExecutor#queryWithTotals}), the others in Native.
     */
    static SpecialRows specialRows(QueryContext ctx, String sql) {
        String e = ctx.settings().get("extremes");
        boolean extremes = e != null && (e.equals("1") || e.equalsIgnoreCase("true"));
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.lex(sql);
        } catch (RuntimeException notLexable) {
            return new SpecialRows(false, extremes); // the backend reports the syntax error
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("WITH") && tokens.get(i + 1).isWord("TOTALS")) {
                return new SpecialRows(true, extremes);
            }
        }
        return new SpecialRows(false, extremes);
    }

    /** Native INSERT blocks into an owned table go to the ingest path as they are; other tables take the stream. */
    @Override
    public QueryResult insertBlocks(QueryContext ctx, Statement st, List<Block> blocks) {
        String table = owned == null ? null : owned.owned(ctx, st.insertTable());
        if (table == null) return null;
        java.util.Iterator<Block> it = blocks.iterator();
        InsertTranscoder.Written w = owned.insertBlocks(table, st, () -> it.hasNext() ? it.next() : null);
        return new QueryResult.Done(w.rows(), w.bytes());
    }

    @Override
    public boolean knowsSetting(String name) {
        return upstream.settingsPolicy().known(name);
    }

    @Override
    public QueryResult execute(QueryContext ctx, Statement st, InputStream insertData) {
        return switch (st.kind()) {
            case QUERY -> {
                BlockCursor meta = JdbcMetadataAnswers.tryAnswer(upstream, ctx, st.sql());
                if (meta != null) yield new QueryResult.Rows(meta);
                SpecialRows special = specialRows(ctx, st.sql());
                BlockCursor answer = local.tryAnswer(ctx, st.sql());
                if (answer != null)
                    yield new QueryResult.Rows(special.extremes() ? new OneRowExtremes(answer) : answer);
                if (owned != null) {
                    BlockCursor status = owned.status(st.sql());
                    if (status != null) yield new QueryResult.Rows(status);
                    if (!SeamRoute.persistedOnly(ctx)) {
                        BlockCursor seam = special.any() ? null : owned.seam(ctx, st.sql());
                        if (seam != null) yield new QueryResult.Rows(seam);
                        owned.barrier(ctx, st.sql());
                    }
                }
                String sql = SystemTableShims.rewrite(lowering.apply(st.sql()), settingsHaveReadonly);
                BlockCursor c = special.any()
                        ? upstream.queryWithTotals(ctx, sql, special.totals(), special.extremes())
                        : upstream.query(ctx, sql);
                yield new QueryResult.Rows(isDescribe(st.sql()) ? new DescribeWidening(c) : c);
            }
            case INSERT -> {
                String ownedTable = owned == null ? null : owned.owned(ctx, st.insertTable());
                if (ownedTable != null) yield insertOwned(ctx, ownedTable, st, insertData);
                if (insertData == null) {
                    upstream.execute(ctx, lowering.apply(st.sql()));
                    yield new QueryResult.Done(0, 0);
                }
                InputStream data = insertData;
                if ("Values".equalsIgnoreCase(st.format())) {
                    byte[] raw = readAll(insertData);
                    String values = new String(raw, StandardCharsets.UTF_8);
                    if (ValuesExpressions.present(values)) {
                        // expressions are the backend's to evaluate, as ClickHouse's Values format does
                        String rows = lowering.applyToValues(values, () -> columnTypes(inserts.header(ctx, st)));
                        upstream.execute(ctx, ValuesExpressions.statement(lowering.apply(st.sql()), rows));
                        yield new QueryResult.Done(ValuesExpressions.rows(values), 0);
                    }
                    data = new ByteArrayInputStream(raw);
                }
                InsertTranscoder.Written w = inserts.insert(ctx, st, data);
                yield new QueryResult.Done(w.rows(), w.bytes());
            }
            case SET, USE, OTHER -> {
                upstream.execute(ctx, lowering.apply(st.sql()));
                yield new QueryResult.Done(0, 0);
            }
        };
    }

    /**
     * An INSERT into a table Proxist owns: through the WAL and the hot store ({@link OwnedTables}). Only data the
     * client sends is taken: INSERT ... SELECT and expressions in VALUES would need the backend to compute rows that
     * then bypass the WAL, so they are refused.
     */
    private QueryResult insertOwned(QueryContext ctx, String table, Statement st, InputStream insertData) {
        if (insertData == null) {
            throw new ProxistException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "INSERT into " + table + " without data (INSERT ... SELECT) is not supported: " + table
                            + " is owned by Proxist and takes rows from clients only");
        }
        InputStream data = insertData;
        if ("Values".equalsIgnoreCase(st.format())) {
            byte[] raw = readAll(insertData);
            if (ValuesExpressions.present(new String(raw, StandardCharsets.UTF_8))) {
                throw new ProxistException(
                        ErrorCode.NOT_IMPLEMENTED,
                        "Expressions in VALUES are not supported for " + table
                                + ", which Proxist owns: send literal values");
            }
            data = new ByteArrayInputStream(raw);
        }
        InsertTranscoder.Written w = owned.insert(ctx, table, st, data);
        return new QueryResult.Done(w.rows(), w.bytes());
    }

    private static List<DataType> columnTypes(Block header) {
        List<DataType> types = new ArrayList<>(header.columnCount());
        for (int i = 0; i < header.columnCount(); i++)
            types.add(header.column(i).type());
        return types;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDescribe(String sql) {
        SqlToken first = new SqlLexer(sql).next();
        return first != null && (first.isWord("DESCRIBE") || first.isWord("DESC"));
    }

    /** DESCRIBE from an older server, padded with the empty columns a current server adds. */
    private static final class DescribeWidening implements BlockCursor {
        private final BlockCursor in;

        DescribeWidening(BlockCursor in) {
            this.in = in;
        }

        private static Block widen(Block b) {
            List<Column> cols = new ArrayList<>();
            for (int i = 0; i < DESCRIBE_COLUMNS.size(); i++) {
                cols.add(i < b.columnCount() ? b.column(i) : emptyStrings(b.rows()));
            }
            return new Block(DESCRIBE_COLUMNS, cols, b.rows());
        }

        private static Column emptyStrings(int rows) {
            return new BytesColumn(DataType.of("String"), new byte[0], new int[rows + 1], rows);
        }

        @Override
        public Block header() {
            Block h = in.header();
            if (h.columnCount() == 0) {
                List<Column> cols = new ArrayList<>();
                for (int i = 0; i < DESCRIBE_COLUMNS.size(); i++) cols.add(Columns.empty(DataType.of("String")));
                return Block.header(DESCRIBE_COLUMNS, cols);
            }
            return widen(h);
        }

        @Override
        public Block next() {
            Block b = in.next();
            return b == null ? null : widen(b);
        }

        @Override
        public Block totals() {
            Block b = in.totals();
            return b == null ? null : widen(b);
        }

        @Override
        public Block extremes() {
            Block b = in.extremes();
            return b == null ? null : widen(b);
        }

        @Override
        public long rowsRead() {
            return in.rowsRead();
        }

        @Override
        public long bytesRead() {
            return in.bytesRead();
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
