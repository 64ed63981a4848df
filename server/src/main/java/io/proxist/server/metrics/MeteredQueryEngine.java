package io.proxist.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.QueryContext;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.QueryResult;
import io.proxist.core.query.Statement;
import io.proxist.core.query.StatementKind;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query engine with its statements measured: {@code proxist_query_latency_seconds{kind}} (p50, p95, p99 and a
 * count) and {@code proxist_query_errors_total{kind}} by kind ({@code query}, {@code insert}, {@code other}: SET, USE,
 * DDL). A statement that returns rows is timed until its cursor is closed, i.e. to the last row streamed. An INSERT
 * into an owned table is also recorded in {@code recorder_insert_latency_ms{table}} and logged: acknowledged at
 * DEBUG, failed at WARN.
 */
final class MeteredQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MeteredQueryEngine.class);
    private static final String[] KINDS = {"query", "insert", "other"};

    private final QueryEngine delegate;
    private final IngestMeters ingest;
    private final String database;
    private final Timer[] latency = new Timer[KINDS.length];
    private final Counter[] errors = new Counter[KINDS.length];

    MeteredQueryEngine(QueryEngine delegate, MeterRegistry registry, IngestMeters ingest, String database) {
        this.delegate = delegate;
        this.ingest = ingest;
        this.database = database;
        for (int i = 0; i < KINDS.length; i++) {
            latency[i] = Timer.builder("proxist.query.latency")
                    .description("Statements from receipt to the last row sent (or the acknowledgement), by kind")
                    .tag("kind", KINDS[i])
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry);
            errors[i] = Counter.builder("proxist.query.errors")
                    .description("Statements that failed, by kind")
                    .tag("kind", KINDS[i])
                    .register(registry);
        }
    }

    private static int kind(StatementKind k) {
        return switch (k) {
            case QUERY -> 0;
            case INSERT -> 1;
            case SET, USE, OTHER -> 2;
        };
    }

    @Override
    public QueryResult execute(QueryContext ctx, Statement statement, InputStream insertData) {
        long t0 = System.nanoTime();
        int k = kind(statement.kind());
        String owned = k == 1 ? ownedTable(ctx, statement.insertTable()) : null;
        QueryResult r;
        try {
            r = delegate.execute(ctx, statement, insertData);
        } catch (RuntimeException e) {
            failed(k, owned, t0, e);
            throw e;
        }
        if (r instanceof QueryResult.Rows rows) {
            return new QueryResult.Rows(new TimedCursor(rows.cursor(), latency[k], errors[k], t0));
        }
        done(k, owned, t0, r);
        return r;
    }

    @Override
    public Block insertHeader(QueryContext ctx, Statement statement) {
        return delegate.insertHeader(ctx, statement);
    }

    @Override
    public QueryResult insertBlocks(QueryContext ctx, Statement statement, List<Block> blocks) {
        long t0 = System.nanoTime();
        String owned = ownedTable(ctx, statement.insertTable());
        QueryResult r;
        try {
            r = delegate.insertBlocks(ctx, statement, blocks);
        } catch (RuntimeException e) {
            failed(1, owned, t0, e);
            throw e;
        }
        if (r != null) done(1, owned, t0, r); // null: the caller re-sends the data through execute, timed there
        return r;
    }

    @Override
    public boolean knowsSetting(String name) {
        return delegate.knowsSetting(name);
    }

    private void done(int k, String owned, long t0, QueryResult r) {
        long nanos = System.nanoTime() - t0;
        latency[k].record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (owned == null) return;
        ingest.insertAcknowledged(owned, nanos);
        if (LOG.isDebugEnabled() && r instanceof QueryResult.Done d) {
            LOG.debug(
                    "insert acknowledged [table={}, rows={}, bytes={}, micros={}]",
                    owned,
                    d.writtenRows(),
                    d.writtenBytes(),
                    nanos / 1000);
        }
    }

    private void failed(int k, String owned, long t0, RuntimeException e) {
        long nanos = System.nanoTime() - t0;
        latency[k].record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        errors[k].increment();
        if (owned == null) return;
        if (e instanceof ProxistException p) {
            LOG.warn(
                    "insert failed [table={}, code={}, error={}, micros={}]: {}",
                    owned,
                    p.codeNumber(),
                    p.codeName(),
                    nanos / 1000,
                    p.getMessage());
        } else {
            LOG.warn("insert failed [table={}, micros={}]", owned, nanos / 1000, e);
        }
    }

    /** The owned table an INSERT names ({@code t} in the owned database, or {@code db.t}), or null. */
    private String ownedTable(QueryContext ctx, String insertTable) {
        if (ingest == null || insertTable == null) return null;
        int dot = insertTable.indexOf('.');
        String db = dot >= 0 ? unquote(insertTable.substring(0, dot)) : ctx.database();
        String table = unquote(dot >= 0 ? insertTable.substring(dot + 1) : insertTable);
        return db.equals(database) && ingest.owns(table) ? table : null;
    }

    private static String unquote(String name) {
        String n = name.strip();
        if (n.length() >= 2 && (n.charAt(0) == '`' || n.charAt(0) == '"') && n.charAt(n.length() - 1) == n.charAt(0)) {
            return n.substring(1, n.length() - 1);
        }
        return n;
    }
}
