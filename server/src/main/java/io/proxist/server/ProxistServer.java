package io.proxist.server;

import io.proxist.chclient.ClickHouseServer;
import io.proxist.chclient.ExternalClickHouse;
import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.chclient.managed.ServerBinary;
import io.proxist.core.config.ClickHouseMode;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.query.QueryEngine;
import io.proxist.core.query.ServerIdentity;
import io.proxist.ingest.demo.DemoFeed;
import io.proxist.ingest.demo.DemoOptions;
import io.proxist.protocol.auth.Users;
import io.proxist.protocol.http.HttpFrontend;
import io.proxist.protocol.netty.EventLoops;
import io.proxist.protocol.tcp.NativeFrontend;
import io.proxist.protocol.tcp.ProtocolLimits;
import io.proxist.pushdown.passthrough.SettingsPolicy;
import io.proxist.pushdown.passthrough.UpstreamExecutor;
import io.proxist.schemas.Migrator;
import io.proxist.schemas.SchemaCatalog;
import io.proxist.server.admin.AdminContext;
import io.proxist.server.admin.AdminServer;
import io.proxist.server.admin.TextRoute;
import io.proxist.server.ingest.IngestRuntime;
import io.proxist.server.metrics.ProxistMetrics;
import io.proxist.server.route.LocalAnswers;
import io.proxist.server.route.OwnedTables;
import io.proxist.server.route.ProxistQueryEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Proxist process, wired: the backing ClickHouse (managed or external), migrations, and the servers on
 * the ClickHouse ports. {@link #close()} stops everything in reverse order of start.
 */
public final class ProxistServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxistServer.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ClickHouseServer clickhouse;
    private final HttpFrontend http;
    private final NativeFrontend nativePort;
    private final String host;
    private final ServerIdentity identity;
    private final IngestRuntime ingest;
    private final ProxistMetrics metrics;
    private final ProxistConfig config;
    private io.proxist.ingest.recorder.Recorder recorder;
    private final OwnedTables owned;
    private final AdminServer admin;

    private ProxistServer(ProxistConfig config) {
        this.config = config;
        host = config.get(ProxistConfigKeys.LISTEN_HOST);
        try {
            clickhouse = startClickHouse(config);
            started.push(clickhouse);
            SchemaCatalog catalog = SchemaCatalog.builtin();
            if (config.get(ProxistConfigKeys.SCHEMAS_APPLY)) {
                Migrator.Result r = new Migrator(
                                clickhouse.client(),
                                clickhouse.capabilities(),
                                config.get(ProxistConfigKeys.CLICKHOUSE_DATABASE),
                                config.get(ProxistConfigKeys.RETENTION_MARKET_DATA_DAYS),
                                config.get(ProxistConfigKeys.RETENTION_AUDIT_DAYS))
                        .migrate(catalog);
                LOG.info(
                        "schemas applied [applied={}, already there={}]",
                        r.applied().size(),
                        r.skipped().size());
            }
            EventLoops loops = new EventLoops(Math.max(2, Runtime.getRuntime().availableProcessors()));
            started.push(loops);
            identity = new ServerIdentity(
                    ServerIdentity.COMPAT_VERSION,
                    ServerIdentity.COMPAT_REVISION,
                    config.get(ProxistConfigKeys.DISPLAY_NAME),
                    clickhouse.client().query("SELECT timezone()").strip());
            Set<String> upstreamSettings = Set.of(clickhouse
                    .client()
                    .query("SELECT name FROM system.settings")
                    .split("\n"));
            UpstreamExecutor upstream = new UpstreamExecutor(
                    clickhouse.endpoint(), new SettingsPolicy(upstreamSettings, SettingsPolicy.modernSettings()));
            started.push(upstream);
            ingest = IngestRuntime.start(config, clickhouse, catalog);
            if (ingest != null) started.push(ingest);
            metrics =
                    new ProxistMetrics(ingest, loops.connections(), config.get(ProxistConfigKeys.CLICKHOUSE_DATABASE));
            started.push(metrics);
            int demoRate = config.get(ProxistConfigKeys.DEMO_EVENTS_PER_SECOND);
            if (demoRate > 0 && ingest != null) {
                // the live demo: a synthetic market feed through the same ingest path as clients' INSERTs
                IngestRuntime rt = ingest;
                ProxistMetrics m = metrics;
                DemoFeed feed = new DemoFeed(
                        DemoOptions.defaults().withEventsPerSecond(demoRate),
                        name -> catalog.table(name).orElseThrow(),
                        (table, rows) -> {
                            if (rt.service().manages(table))
                                m.timeInsert(table, () -> rt.service().insert(table, rows));
                        });
                feed.start();
                started.push(feed);
                LOG.info(
                        "demo feed started [events/s={}, symbols={}]",
                        demoRate,
                        feed.symbols().size());
            }
            OwnedTables owned = ingest == null
                    ? null
                    : new OwnedTables(
                            ingest.service(),
                            ingest::schema,
                            config.get(ProxistConfigKeys.CLICKHOUSE_DATABASE),
                            Duration.ofMillis(config.get(ProxistConfigKeys.INGEST_READ_BARRIER_MS)),
                            java.time.ZoneId.of(identity.timeZone()),
                            ingest::status);
            if (owned != null) {
                io.proxist.server.trace.SeamTelemetry telemetry = new io.proxist.server.trace.SeamTelemetry(
                        config.get(ProxistConfigKeys.QUERY_SLOW_LOG_MS),
                        config.get(ProxistConfigKeys.TRACING_OTLP_ENDPOINT),
                        config.get(ProxistConfigKeys.TRACING_SERVICE_NAME));
                started.push(telemetry);
                owned.enableSeam(
                        name -> ingest.store().table(name),
                        upstream,
                        clickhouse.client(),
                        clickhouse.capabilities().dateTime64(),
                        telemetry);
                OwnedTables o = owned;
                io.micrometer.core.instrument.FunctionCounter.builder("proxist_seam_queries", o, x -> x.seamCounts()[0])
                        .description("queries on owned tables answered at the seam (memory and ClickHouse stitched)")
                        .tag("outcome", "answered")
                        .register(metrics.registry());
                io.micrometer.core.instrument.FunctionCounter.builder("proxist_seam_queries", o, x -> x.seamCounts()[1])
                        .description("queries on owned tables the seam declined (answered after the read barrier)")
                        .tag("outcome", "declined")
                        .register(metrics.registry());
                io.micrometer.core.instrument.FunctionCounter.builder(
                                "proxist_plan_cache_hits", o, x -> x.seamCounts()[2])
                        .description("queries on owned tables whose parsed tree came from the cache of query shapes"
                                + " (literals as parameters)")
                        .register(metrics.registry());
                io.micrometer.core.instrument.FunctionCounter.builder(
                                "proxist_plan_cache_misses", o, x -> x.seamCounts()[3])
                        .description(
                                "queries on owned tables parsed (shape first seen, or all its cached trees in use)")
                        .register(metrics.registry());
            }
            this.owned = owned;
            ProxistQueryEngine router = new ProxistQueryEngine(
                    upstream,
                    new LocalAnswers(identity),
                    java.time.ZoneId.of(identity.timeZone()),
                    !clickhouse
                            .client()
                            .query("SELECT name FROM system.columns WHERE database = 'system' AND table = 'settings'"
                                    + " AND name = 'readonly'")
                            .isBlank(),
                    clickhouse.capabilities(),
                    owned);
            QueryEngine engine = metrics.instrument(router);
            String usersFile = config.get(ProxistConfigKeys.USERS_FILE);
            Users users = usersFile.isEmpty() ? Users.defaultOnly() : Users.load(Path.of(usersFile));
            http = HttpFrontend.start(
                    loops,
                    new HttpFrontend.Options(
                            host,
                            config.get(ProxistConfigKeys.HTTP_PORT),
                            config.get(ProxistConfigKeys.HTTPS_PORT),
                            Tls.serverContext(config),
                            config.get(ProxistConfigKeys.HTTP_MAX_REQUEST_BYTES),
                            config.get(ProxistConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS)),
                    engine,
                    users,
                    identity);
            started.push(http);
            ProtocolLimits defaults = ProtocolLimits.DEFAULT;
            nativePort = NativeFrontend.start(
                    loops,
                    new NativeFrontend.Options(
                            host,
                            config.get(ProxistConfigKeys.NATIVE_PORT),
                            config.get(ProxistConfigKeys.NATIVE_TLS_PORT),
                            Tls.serverContext(config),
                            http.port(),
                            new ProtocolLimits(
                                    defaults.maxNameBytes(),
                                    defaults.maxQueryBytes(),
                                    config.get(ProxistConfigKeys.NATIVE_MAX_INSERT_BYTES),
                                    defaults.maxFrameBytes(),
                                    defaults.block())),
                    engine,
                    users,
                    identity);
            started.push(nativePort);
            // the admin API (pxctl) on its own port; /metrics is served there too, without credentials as
            // ClickHouse's own Prometheus endpoint
            io.proxist.server.retention.PartitionRetention retention = ingest == null
                    ? null
                    : new io.proxist.server.retention.PartitionRetention(
                            clickhouse.client(),
                            config.get(ProxistConfigKeys.CLICKHOUSE_DATABASE),
                            ingest.service().tableNames(),
                            config.get(ProxistConfigKeys.RETENTION_MARKET_DATA_DAYS),
                            config.get(ProxistConfigKeys.RETENTION_AUDIT_DAYS));
            if (retention != null) {
                started.push(io.proxist.server.retention.RetentionSchedule.start(
                        retention, config.get(ProxistConfigKeys.RETENTION_CHECK_INTERVAL_SECONDS)));
                io.micrometer.core.instrument.FunctionCounter.builder(
                                "proxist_retention_partitions_dropped", retention, r -> r.partitionsDropped())
                        .description("day partitions of owned tables dropped past their retention")
                        .register(metrics.registry());
                io.micrometer.core.instrument.FunctionCounter.builder(
                                "proxist_retention_rows_dropped", retention, r -> r.rowsDropped())
                        .description("rows in the partitions dropped past their retention")
                        .register(metrics.registry());
            }
            admin = AdminServer.start(
                    new AdminContext(
                            config, clickhouse, ingest, identity, users, http.port(), nativePort.port(), retention),
                    java.util.Map.of("/metrics", new TextRoute(ProxistMetrics.CONTENT_TYPE, metrics::scrape, false)));
            started.push(admin);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts Proxist; returns once it serves both ports. */
    public static ProxistServer start(ProxistConfig config) {
        return new ProxistServer(config);
    }

    private static ClickHouseServer startClickHouse(ProxistConfig config) {
        if (config.get(ProxistConfigKeys.CLICKHOUSE_MODE) == ClickHouseMode.EXTERNAL) {
            String url = config.get(ProxistConfigKeys.CLICKHOUSE_URL);
            if (url.isEmpty()) {
                throw new ProxistException(
                        ErrorCode.INVALID_CONFIG_PARAMETER, "clickhouse.mode=external needs clickhouse.url");
            }
            return ExternalClickHouse.connect(
                    URI.create(url), 9000, config.get(ProxistConfigKeys.CLICKHOUSE_USER), config.clickhousePassword());
        }
        Path dir = Path.of(config.get(ProxistConfigKeys.HOME)).toAbsolutePath().resolve("clickhouse");
        return ManagedClickHouse.start(new ManagedClickHouse.Options(
                dir,
                ServerBinary.find(config.get(ProxistConfigKeys.CLICKHOUSE_SERVER_BINARY), System.getenv("PATH")),
                Duration.ofMillis(config.get(ProxistConfigKeys.CLICKHOUSE_STARTUP_TIMEOUT_MS)),
                Duration.ofMillis(config.get(ProxistConfigKeys.CLICKHOUSE_SHUTDOWN_TIMEOUT_MS))));
    }

    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port, or -1 without TLS. */
    public int httpsPort() {
        return http.tlsPort();
    }

    public ServerIdentity identity() {
        return identity;
    }

    public int nativePort() {
        return nativePort.port();
    }

    /** The native TLS port, or -1 without TLS. */
    public int nativeTlsPort() {
        return nativePort.tlsPort();
    }

    public String host() {
        return host;
    }

    /** The meters: {@link ProxistMetrics#scrape()} is the text of /metrics. */
    public ProxistMetrics metrics() {
        return metrics;
    }

    /** The admin API's port (admin.port). */
    public int adminPort() {
        return admin.port();
    }

    /** Queries answered at the seam, declined by it, and parse-cache hits: {answered, declined, hits}. */
    public long[] seamCounts() {
        return owned == null ? new long[4] : owned.seamCounts();
    }

    /**
     * The in-process recorder API (ingest/README.md, "Recorder API") over the owned tables, started on first use and
     * stopped, drained, with Proxist.
     */
    public synchronized io.proxist.ingest.recorder.Recorder recorder() {
        if (ingest == null) throw new IllegalStateException("Proxist owns no table (ingest.tables)");
        if (recorder == null) {
            recorder = io.proxist.server.ingest.RecorderRuntime.start(config, ingest, metrics.registry());
            started.push(recorder);
        }
        return recorder;
    }

    /** The ingest side, or null when Proxist owns no table (ingest.tables=none). */
    public IngestRuntime ingest() {
        return ingest;
    }

    public ClickHouseServer clickhouse() {
        return clickhouse;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
    }
}
