package io.proxist.server.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.proxist.ingest.IngestService;
import io.proxist.pushdown.flush.FlushStats;
import io.proxist.pushdown.flush.Flusher;
import io.proxist.server.ingest.IngestRuntime;
import io.proxist.wal.Wal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The ingest path's meters: per owned table its queue (unpersisted rows against {@code max-pending-rows}), the
 * acknowledgement latency of its INSERTs, its counters, its watermark lag, its hot rows and its flusher's INSERTs
 * into ClickHouse (rate, latency, failures); the WAL's size, budget and state. Counters read the ingest side's own
 * counters at scrape time ({@link FunctionCounter}); the two latencies are histograms in milliseconds.
 */
final class IngestMeters implements MeterBinder {
    /** Histogram bucket bounds of both latencies, in milliseconds: sub-millisecond acks up to a 60 s outage stall. */
    static final double[] LATENCY_BUCKETS_MS = {
        0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000
    };

    private final IngestRuntime ingest;
    private final LongSupplier clockMillis;
    private final Map<String, DistributionSummary> insertLatency = new LinkedHashMap<>();

    IngestMeters(IngestRuntime ingest, LongSupplier clockMillis) {
        this.ingest = ingest;
        this.clockMillis = clockMillis;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Wal wal = ingest.wal();
        Gauge.builder("recorder.wal.size.bytes", wal, Wal::totalSize)
                .description("Bytes of WAL segments on disk")
                .register(registry);
        Gauge.builder("recorder.wal.segments", wal, Wal::segmentCount)
                .description("WAL segment files on disk")
                .register(registry);
        Gauge.builder("recorder.wal.budget.bytes", wal, w -> w.options().maxTotalSize())
                .description("The WAL's size budget (wal.budget-mb): past it critical tables refuse INSERTs")
                .register(registry);
        Gauge.builder("recorder.wal.failed", wal, w -> w.isFailed() ? 1 : 0)
                .description("1 when an I/O failure stopped the WAL (INSERTs fail until a restart)")
                .register(registry);
        FunctionCounter.builder("recorder.rejected.rows", ingest, IngestRuntime::rejectedRows)
                .description("Rows ClickHouse refused for good (kept in the WAL and memory, logged at ERROR)")
                .register(registry);
        IngestService service = ingest.service();
        for (String table : service.tableNames()) {
            bindTable(registry, service, table);
            Flusher flusher = ingest.flusher(table);
            bindFlusher(registry, flusher, table);
            DistributionSummary flushed = latency(
                    registry,
                    "recorder.flush.latency.ms",
                    table,
                    "Round trip of the flusher's INSERTs into ClickHouse");
            flusher.addInsertObserver((t, rows, nanos) -> flushed.record(nanos / 1e6));
        }
    }

    private void bindTable(MeterRegistry registry, IngestService service, String table) {
        insertLatency.put(
                table,
                latency(
                        registry,
                        "recorder.insert.latency.ms",
                        table,
                        "INSERT acknowledgement latency: decode, WAL append, fsync per policy, hot store"));
        gauge(
                registry,
                service,
                "recorder.queue.usage",
                table,
                "Rows not yet in ClickHouse over max-pending-rows",
                s -> {
                    IngestService.TableStats st = s.stats(table);
                    return (double) st.pendingRows() / st.policy().maxPendingRows();
                });
        gauge(
                registry,
                service,
                "recorder.pending.rows",
                table,
                "Acknowledged rows not yet confirmed in ClickHouse",
                s -> s.stats(table).pendingRows());
        counter(
                registry,
                service,
                "recorder.inserted.rows",
                table,
                "Rows acknowledged (new, not duplicates)",
                s -> s.stats(table).insertedRows());
        counter(
                registry,
                service,
                "recorder.duplicate.rows",
                table,
                "Rows acknowledged that were already held (retries)",
                s -> s.stats(table).duplicateRows());
        counter(
                registry,
                service,
                "recorder.dropped.rows",
                table,
                "Rows a best-effort table dropped past a budget",
                s -> s.stats(table).droppedRows());
        counter(
                registry,
                service,
                "recorder.refused.inserts",
                table,
                "INSERTs refused (budget, WAL failure)",
                s -> s.stats(table).refusedInserts());
        gauge(
                registry,
                service,
                "recorder.watermark.lag.seconds",
                table,
                "Wall clock minus T_persisted while rows are unpersisted, 0 when none is; NaN before the first"
                        + " confirmation",
                s -> lagSeconds(s.stats(table), clockMillis.getAsLong()));
        gauge(
                registry,
                service,
                "recorder.watermark.seconds",
                table,
                "T_persisted as Unix seconds (NaN: none yet)",
                s -> {
                    long w = s.stats(table).watermark();
                    return w == Long.MIN_VALUE ? Double.NaN : w / 1e9;
                });
        gauge(registry, service, "recorder.hot.rows", table, "Rows in the hot store", s -> s.table(table)
                .hot()
                .memory()
                .rows());
        gauge(registry, service, "recorder.hot.bytes", table, "Bytes of the hot store", s -> s.table(table)
                .hot()
                .memory()
                .bytes());
    }

    /**
     * How far ClickHouse is behind the acknowledged rows, in seconds: wall clock minus T_persisted while some rows
     * are unconfirmed; 0 when every acknowledged row is in ClickHouse (an idle table does not lag); NaN when rows
     * wait and no batch was ever confirmed.
     */
    static double lagSeconds(IngestService.TableStats st, long nowMillis) {
        if (st.pendingRows() == 0) return 0;
        if (st.watermark() == Long.MIN_VALUE) return Double.NaN;
        return Math.max(0, nowMillis / 1e3 - st.watermark() / 1e9);
    }

    private static void bindFlusher(MeterRegistry registry, Flusher flusher, String table) {
        flushCounter(
                registry,
                flusher,
                "recorder.flushed.rows",
                table,
                "Rows ClickHouse acknowledged",
                s -> s.rowsInserted());
        flushCounter(
                registry,
                flusher,
                "recorder.flush.inserts",
                table,
                "INSERTs sent to ClickHouse (retries too)",
                s -> s.inserts());
        flushCounter(
                registry,
                flusher,
                "recorder.flush.failures",
                table,
                "INSERT attempts into ClickHouse that failed",
                s -> s.failedAttempts());
        flushCounter(
                registry,
                flusher,
                "recorder.flush.rejected.batches",
                table,
                "Batches ClickHouse refused for good",
                s -> s.rejected());
        Gauge.builder("recorder.flush.queue.rows", flusher, f -> f.stats().queuedRows())
                .description("Rows queued in the flusher, not yet confirmed")
                .tag("table", table)
                .register(registry);
    }

    private static DistributionSummary latency(MeterRegistry registry, String name, String table, String description) {
        return DistributionSummary.builder(name)
                .description(description)
                .tag("table", table)
                .serviceLevelObjectives(LATENCY_BUCKETS_MS)
                .register(registry);
    }

    private static void gauge(
            MeterRegistry registry,
            IngestService service,
            String name,
            String table,
            String description,
            ToDoubleFunction<IngestService> f) {
        Gauge.builder(name, service, f)
                .description(description)
                .tag("table", table)
                .strongReference(true)
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry,
            IngestService service,
            String name,
            String table,
            String description,
            ToDoubleFunction<IngestService> f) {
        FunctionCounter.builder(name, service, f)
                .description(description)
                .tag("table", table)
                .register(registry);
    }

    private static void flushCounter(
            MeterRegistry registry,
            Flusher flusher,
            String name,
            String table,
            String description,
            ToDoubleFunction<FlushStats> f) {
        FunctionCounter.builder(name, flusher, x -> f.applyAsDouble(x.stats()))
                .description(description)
                .tag("table", table)
                .register(registry);
    }

    /** The latency of one acknowledged INSERT into {@code table}. */
    void insertAcknowledged(String table, long nanos) {
        DistributionSummary s = insertLatency.get(table);
        if (s != null) s.record(nanos / 1e6);
    }

    boolean owns(String table) {
        return insertLatency.containsKey(table);
    }
}
