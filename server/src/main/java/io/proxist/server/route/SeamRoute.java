package io.proxist.server.route;

import io.proxist.chclient.ClickHouseHttp;
import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.ingest.IngestService;
import io.proxist.planner.expr.Backend;
import io.proxist.planner.seam.SeamExecutor;
import io.proxist.planner.seam.SeamSource;
import io.proxist.pushdown.passthrough.UpstreamExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries on owned tables answered at the seam ({@link SeamExecutor}): recent rows from memory, older rows from
 * ClickHouse, one exact answer without waiting for the flush. A query the seam cannot plan (a join, a window
 * function, a function it does not know, SQL its parser does not read) returns null here and takes the read barrier
 * and pass-through, which is exact too, only slower. Setting {@code proxist_persisted_only = 1} asks for the
 * persisted rows alone: no seam, no barrier.
 */
final class SeamRoute {
    private static final Logger LOG = LoggerFactory.getLogger(SeamRoute.class);
    static final String PERSISTED_ONLY = "proxist_persisted_only";
    static final String PUSHDOWN = "proxist_seam_pushdown";

    private final IngestService service;
    private final Function<String, HotTable> hot;
    private final Function<String, TableSchema> schemas;
    private final UpstreamExecutor upstream;
    private final ClickHouseHttp admin;
    private final String database;
    private final Backend backend;
    private final Duration barrier;
    private final io.proxist.server.trace.SeamTelemetry telemetry;
    private final Map<String, Long> floors = new ConcurrentHashMap<>();
    /** Parsed queries by their shape (literals as parameters): a query of a known shape is not parsed again. */
    private final io.proxist.planner.parse.ShapeCache parsed = new io.proxist.planner.parse.ShapeCache();
    /** Per table: the oldest time ClickHouse held when the floor was learnt (Long.MAX_VALUE: none). */
    private final Map<String, Long> startMins = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong declined = new java.util.concurrent.atomic.AtomicLong();

    SeamRoute(
            IngestService service,
            Function<String, HotTable> hot,
            Function<String, TableSchema> schemas,
            UpstreamExecutor upstream,
            ClickHouseHttp admin,
            String database,
            boolean dateTime64,
            Duration barrier,
            io.proxist.server.trace.SeamTelemetry telemetry) {
        this.telemetry = telemetry;
        this.service = service;
        this.hot = hot;
        this.schemas = schemas;
        this.upstream = upstream;
        this.admin = admin;
        this.database = database;
        this.backend = dateTime64 ? Backend.MODERN : Backend.LOWERED;
        this.barrier = barrier;
    }

    static boolean persistedOnly(QueryContext ctx) {
        String v = ctx.settings().get(PERSISTED_ONLY);
        return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** Queries whose parsed tree came from the cache (their shape seen before). */
    long parseHits() {
        return parsed.hits();
    }

    /** Queries parsed: shape first seen, or every cached instance of it in use. */
    long parseMisses() {
        return parsed.misses();
    }

    /** Queries on owned tables answered at the seam. */
    long answered() {
        return answered.get();
    }

    /** Queries on owned tables the seam planned but declined (they took the read barrier). */
    long declined() {
        return declined.get();
    }

    /** Learns every owned table's floor now, before new rows arrive (see {@link #floor}). */
    void primeFloors() {
        for (String t : service.tableNames()) {
            try {
                floor(t);
            } catch (RuntimeException e) {
                LOG.warn("seam floor of {} not known yet, queries on it wait at the read barrier: {}", t, e.toString());
            }
        }
    }

    /** The answer at the seam, or null when the query is not one the seam plans. */
    BlockCursor tryAnswer(QueryContext ctx, String sql) {
        io.proxist.planner.parse.ShapeCache.Checkout lent;
        try {
            lent = parsed.lookup(sql);
        } catch (ProxistException e) {
            return null; // not a query the parser reads: the backend answers (or reports the error)
        }
        try (lent) {
            // a SETTINGS clause of its own goes to ClickHouse with the query: the fallback passes it on
            if (!lent.parsed().settings().isEmpty()) return null;
            return answer(ctx, sql, lent.parsed().query());
        }
    }

    private BlockCursor answer(QueryContext ctx, String sql, SqlNode query) {
        List<String> tables = SeamExecutor.tablesOf(query);
        if (tables == null || !database.equals(ctx.database())) return null;
        for (String table : tables) if (!service.manages(table) || hot.apply(table) == null) return null;
        Source source = new Source(ctx);
        io.proxist.planner.seam.SeamTrace trace = new io.proxist.planner.seam.SeamTrace();
        try {
            Block result = new SeamExecutor(source, trace).execute(query, System.currentTimeMillis() * 1_000_000L);
            answered.incrementAndGet();
            telemetry.record(sql, trace, System.nanoTime(), "answered");
            return new LocalAnswers.OneBlock(result);
        } catch (ProxistException e) {
            if (e.code() == ErrorCode.TIMEOUT_EXCEEDED) {
                telemetry.record(sql, trace, System.nanoTime(), "timeout");
                throw e;
            }
            declined.incrementAndGet();
            LOG.debug("seam declined [query={}]: {}", sql, e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // a fault of the seam itself: logged in full, and the query still answered exactly the slow way
            declined.incrementAndGet();
            LOG.warn("seam failed, answering after the read barrier [query={}]", sql, e);
            return null;
        }
    }

    /**
     * Below this time ClickHouse may hold rows memory never had (rows persisted before this process started, or
     * inserted into ClickHouse directly): one more than the largest time ClickHouse holds when first asked, or
     * Long.MIN_VALUE when the table is empty there. Learnt once per table; asked at start, before new rows arrive.
     */
    long floor(String table) {
        Long f = floors.get(table);
        if (f != null) return f;
        String ts = hot.apply(table)
                .layout()
                .column(hot.apply(table).layout().tsColumn())
                .name();
        String text = admin.query("SELECT count(), max(" + quote(ts) + "), min(" + quote(ts) + ") FROM "
                        + quote(database) + "." + quote(table) + " FORMAT TabSeparated")
                .strip();
        String[] parts = text.split("\t");
        if (parts.length != 3) throw new IllegalStateException("unexpected answer to the floor query: " + text);
        long floor;
        long min;
        if (Long.parseLong(parts[0]) == 0) {
            floor = Long.MIN_VALUE;
            min = Long.MAX_VALUE;
        } else {
            floor = (backend.dateTime64() ? parseTime(parts[1]) : Long.parseLong(parts[1])) + 1;
            min = backend.dateTime64() ? parseTime(parts[2]) : Long.parseLong(parts[2]);
        }
        startMins.putIfAbsent(table, min);
        Long prev = floors.putIfAbsent(table, floor);
        return prev != null ? prev : floor;
    }

    private static long parseTime(String text) {
        return io.proxist.planner.expr.TimeLiterals.parse(text);
    }

    private static String quote(String id) {
        return "`" + id.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private final class Source implements SeamSource {
        private final QueryContext ctx;

        Source(QueryContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public boolean pushdown() {
            String v = ctx.settings().get(PUSHDOWN);
            return v == null || !(v.equals("0") || v.equalsIgnoreCase("false"));
        }

        @Override
        public TableSchema schema(String table) {
            return service.manages(table) ? schemas.apply(table) : null;
        }

        @Override
        public TableSnapshot snapshot(String table) {
            return hot.apply(table).snapshot();
        }

        @Override
        public long floor(String table) {
            return SeamRoute.this.floor(table);
        }

        @Override
        public long coldMin(String table) {
            SeamRoute.this.floor(table);
            Long start = startMins.get(table);
            return start == null ? Long.MIN_VALUE : Math.min(start, service.minHandedOffTs(table));
        }

        @Override
        public void awaitPersisted(String table, long lsn) {
            service.awaitPersisted(table, lsn, barrier);
        }

        @Override
        public List<Block> cold(String sql) {
            List<Block> out = new ArrayList<>();
            try (BlockCursor c = upstream.query(ctx, sql)) {
                for (Block b = c.next(); b != null; b = c.next()) out.add(b);
            }
            return out;
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public Backend backend() {
            return backend;
        }
    }
}
