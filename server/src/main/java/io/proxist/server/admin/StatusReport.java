package io.proxist.server.admin;

import io.proxist.chclient.ClickHouseHttp;
import io.proxist.hot.store.MemoryUsage;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.TablePolicy;
import io.proxist.pushdown.flush.FlushStats;
import io.proxist.pushdown.flush.HealthTracker;
import io.proxist.server.ingest.IngestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /admin/status} and {@code GET /admin/queues}: per owned table its policy, watermark and lag, hot
 * store, queue depth and flush rate; the WAL; ClickHouse's health as the flushers see it and whether it answers a
 * ping now.
 */
final class StatusReport {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final AdminContext context;
    private final FlushRates rates;
    private final ConfigAdmin config;
    private final ClickHouseHttp ping;
    private final Instant started = Instant.now();

    StatusReport(AdminContext context, FlushRates rates, ConfigAdmin config) {
        this.context = context;
        this.rates = rates;
        this.config = config;
        this.ping = new ClickHouseHttp(context.clickhouse().endpoint(), PING_TIMEOUT);
    }

    Map<String, Object> status() {
        long nowMillis = System.currentTimeMillis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", server());
        m.put("clickhouse", clickhouse());
        IngestRuntime ingest = context.ingest();
        m.put("wal", ingest == null ? null : WalAdmin.summary(ingest));
        List<Object> tables = new ArrayList<>();
        if (ingest != null) {
            for (String t : ingest.service().tableNames()) tables.add(table(ingest, t, nowMillis));
        }
        m.put("tables", tables);
        return m;
    }

    private Map<String, Object> server() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("display_name", context.identity().displayName());
        s.put("reported_version", context.identity().version());
        s.put("time", Instant.now().toString());
        s.put("started", started.toString());
        s.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        s.put("http_port", context.httpPort());
        s.put("native_port", context.nativePort());
        s.put("config_version", config.version());
        return s;
    }

    private Map<String, Object> clickhouse() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("url", Redaction.url(context.clickhouse().endpoint().httpUrl().toString()));
        c.put("version", context.clickhouse().capabilities().version().toString());
        IngestRuntime ingest = context.ingest();
        if (ingest != null) {
            HealthTracker h = ingest.health();
            c.put("health", h.state().name());
            c.put("health_transitions", h.transitions());
            c.put("consecutive_failures", h.consecutiveFailures());
            c.put("failures_total", h.failuresTotal());
            c.put("rejected_rows", ingest.rejectedRows());
        } else {
            c.put("health", null);
        }
        c.put("reachable", reachable());
        return c;
    }

    private boolean reachable() {
        try {
            return ping.ping();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Map<String, Object> policy(TablePolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("durability", p.durability().name().toLowerCase(Locale.ROOT));
        m.put("critical", p.critical());
        m.put("flush-rows", p.flushRows());
        m.put("flush-interval-ms", p.flushInterval().toMillis());
        m.put("hot-window-ms", p.hotWindow().toMillis());
        m.put("hot-memory-mb", p.hotMemoryBytes() >> 20);
        m.put("max-pending-rows", p.maxPendingRows());
        return m;
    }

    private Map<String, Object> table(IngestRuntime ingest, String table, long nowMillis) {
        IngestService.TableStats st = ingest.service().stats(table);
        FlushStats fs = ingest.flusher(table).stats();
        MemoryUsage mem = ingest.service().table(table).hot().memory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("policy", policy(st.policy()));
        boolean none = st.watermark() == Long.MIN_VALUE;
        m.put(
                "t_persisted",
                none ? null : Instant.ofEpochSecond(0, st.watermark()).toString());
        m.put("t_persisted_nanos", none ? null : st.watermark());
        m.put("lag_seconds", lagSeconds(st, nowMillis));
        m.put("confirmed_position", st.confirmedLsn());
        m.put("pending_rows", st.pendingRows());
        m.put("queue_usage", (double) st.pendingRows() / st.policy().maxPendingRows());
        m.put("hot_rows", mem.rows());
        m.put("hot_bytes", mem.bytes());
        m.put("flush_queue_batches", fs.queuedBatches());
        m.put("flush_queue_rows", fs.queuedRows());
        m.put("flushed_rows", fs.rowsInserted());
        m.put("flush_rows_per_second", round(rates.rowsPerSecond(table)));
        m.put("flush_failures", fs.failedAttempts());
        m.put("inserted_rows", st.insertedRows());
        m.put("duplicate_rows", st.duplicateRows());
        m.put("dropped_rows", st.droppedRows());
        m.put("refused_inserts", st.refusedInserts());
        return m;
    }

    /**
     * Wall clock minus T_persisted while rows wait for ClickHouse, 0 when none waits (an idle table does not lag),
     * null when rows wait and none was ever confirmed: recorder_watermark_lag_seconds of /metrics.
     */
    static Double lagSeconds(IngestService.TableStats st, long nowMillis) {
        if (st.pendingRows() == 0) return 0.0;
        if (st.watermark() == Long.MIN_VALUE) return null;
        return round(Math.max(0, nowMillis / 1e3 - st.watermark() / 1e9));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    Map<String, Object> queues() {
        IngestRuntime ingest = context.requireIngest();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> tables = new ArrayList<>();
        for (String t : ingest.service().tableNames()) {
            IngestService.TableStats st = ingest.service().stats(t);
            FlushStats fs = ingest.flusher(t).stats();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("table", t);
            q.put("pending_rows", st.pendingRows());
            q.put("max_pending_rows", st.policy().maxPendingRows());
            q.put("queue_usage", (double) st.pendingRows() / st.policy().maxPendingRows());
            q.put("past_budget", st.policy().critical() ? "refuse" : "drop");
            q.put("flush_queue_batches", fs.queuedBatches());
            q.put("flush_queue_rows", fs.queuedRows());
            q.put("target_rows_per_insert", fs.targetRows());
            q.put("active_parts", fs.activeParts());
            q.put("inserts", fs.inserts());
            q.put("flushed_rows", fs.rowsInserted());
            q.put("failed_attempts", fs.failedAttempts());
            q.put("ambiguous_attempts", fs.ambiguous());
            q.put("key_checks", fs.keyChecks());
            q.put("rows_found_landed", fs.rowsFoundLanded());
            q.put("confirmed_batches", fs.confirmed());
            q.put("rejected_batches", fs.rejected());
            q.put("dropped_rows", st.droppedRows());
            q.put("refused_inserts", st.refusedInserts());
            tables.add(q);
        }
        m.put("tables", tables);
        m.put("wal", WalAdmin.summary(ingest));
        return m;
    }
}
