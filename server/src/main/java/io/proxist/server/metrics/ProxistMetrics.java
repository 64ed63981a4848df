package io.proxist.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.proxist.core.query.QueryEngine;
import io.proxist.ingest.IngestTable;
import io.proxist.protocol.netty.ConnectionCounts;
import io.proxist.server.ingest.IngestRuntime;
import java.util.function.Supplier;

/**
 * Proxist's meters in one Prometheus registry (deploy/README.md lists them): the ingest path and the flushers
 * ({@link IngestMeters}), ClickHouse's health ({@link HealthMeters}), queries by kind ({@link MeteredQueryEngine}),
 * connections by protocol ({@link ConnectionMeters}) and the JVM's. {@link #scrape()} is the text of {@code /metrics}.
 */
public final class ProxistMetrics implements AutoCloseable {
    /** The content type of {@link #scrape()}: Prometheus text exposition 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final IngestMeters ingest;
    private final String database;

    /**
     * @param ingest the ingest side, or null when Proxist owns no table
     * @param connections the frontends' connection counts
     * @param database the database the owned tables live in (clickhouse.database)
     */
    public ProxistMetrics(IngestRuntime ingest, ConnectionCounts connections, String database) {
        this.database = database;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ConnectionMeters(connections).bindTo(registry);
        if (ingest != null) {
            this.ingest = new IngestMeters(ingest, System::currentTimeMillis);
            this.ingest.bindTo(registry);
            new HealthMeters(ingest.health()).bindTo(registry);
        } else {
            this.ingest = null;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** The engine behind the protocols, with query latency by kind and INSERT latency per owned table measured. */
    public QueryEngine instrument(QueryEngine engine) {
        return new MeteredQueryEngine(engine, registry, ingest, database);
    }

    /**
     * An INSERT that reaches the ingest path without a protocol (the demo feed, the Java API), timed as the protocol
     * ones are: {@code recorder_insert_latency_ms{table}}.
     */
    public IngestTable.Inserted timeInsert(String table, Supplier<IngestTable.Inserted> insert) {
        if (ingest == null) return insert.get();
        long t0 = System.nanoTime();
        IngestTable.Inserted r = insert.get();
        ingest.insertAcknowledged(table, System.nanoTime() - t0);
        return r;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
