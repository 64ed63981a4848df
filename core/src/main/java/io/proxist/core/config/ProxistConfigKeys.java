package io.proxist.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key of Proxist, each with its default and meaning. docs/configuration.md is generated
 * from this class ({@link ConfigDocs}); a test fails when the page is stale.
 *
 * <p>Secrets are not keys: the ClickHouse password comes from the environment variable
 * {@value #CLICKHOUSE_PASSWORD_ENV} or from the file named by {@link #CLICKHOUSE_PASSWORD_FILE}, never from
 * the command line, and is never logged.
 */
public final class ProxistConfigKeys {
    /** Environment variable holding the password of Proxist's ClickHouse user. */
    public static final String CLICKHOUSE_PASSWORD_ENV = "PROXIST_CLICKHOUSE_PASSWORD";

    public static final ConfigKey<String> HOME = ConfigKey.string(
            "proxist.home",
            "var",
            "Proxist's own directory: WAL, metadata, snapshots, and the managed ClickHouse"
                    + " (under clickhouse/). Relative paths resolve against the working directory.");

    public static final ConfigKey<String> LISTEN_HOST =
            ConfigKey.string("listen.host", "127.0.0.1", "Address the HTTP and native servers bind to.");

    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer(
            "http.port", 8123, 0, 65535, "Port of the ClickHouse HTTP interface (0 picks a free port).");

    public static final ConfigKey<Integer> NATIVE_PORT = ConfigKey.integer(
            "native.port", 9000, 0, 65535, "Port of the ClickHouse native TCP protocol (0 picks a free port).");

    public static final ConfigKey<Integer> NATIVE_TLS_PORT = ConfigKey.integer(
            "native.tls-port",
            9440,
            0,
            65535,
            "Port of the native TCP protocol over TLS; served only when tls.certificate is set.");

    public static final ConfigKey<Integer> NATIVE_MAX_INSERT_BYTES = ConfigKey.integer(
            "native.max-insert-bytes",
            256 * 1024 * 1024,
            1024,
            Integer.MAX_VALUE,
            "Largest INSERT over the native protocol (its blocks, uncompressed) held before it is sent on whole.");

    public static final ConfigKey<Integer> HTTPS_PORT = ConfigKey.integer(
            "https.port", 8443, 0, 65535, "Port of the HTTPS interface; served only when tls.certificate is set.");

    public static final ConfigKey<String> TLS_CERTIFICATE = ConfigKey.string(
            "tls.certificate", "", "PEM certificate chain for HTTPS (and native TLS); empty: no TLS ports.");

    public static final ConfigKey<String> TLS_PRIVATE_KEY =
            ConfigKey.string("tls.private-key", "", "PEM PKCS#8 private key of tls.certificate.");

    public static final ConfigKey<String> USERS_FILE = ConfigKey.string(
            "users.file",
            "",
            "Users of Proxist in ClickHouse's users.xml shape (password_sha256_hex, password);"
                    + " empty: one user, default, without password.");

    public static final ConfigKey<Integer> HTTP_MAX_REQUEST_BYTES = ConfigKey.integer(
            "http.max-request-bytes",
            256 * 1024 * 1024,
            1024,
            Integer.MAX_VALUE,
            "Largest HTTP request body accepted.");

    public static final ConfigKey<Integer> HTTP_IDLE_TIMEOUT_SECONDS = ConfigKey.integer(
            "http.idle-timeout-seconds", 30, 1, 86_400, "An HTTP connection idle this long (not mid-query) is closed.");

    public static final ConfigKey<String> DISPLAY_NAME =
            ConfigKey.string("server.display-name", "proxist", "Server display name reported to clients.");

    public static final ConfigKey<ClickHouseMode> CLICKHOUSE_MODE = ConfigKey.enumeration(
            "clickhouse.mode",
            ClickHouseMode.MANAGED,
            ClickHouseMode.class,
            "managed: Proxist starts a local ClickHouse server of its own; external: it uses clickhouse.url.");

    public static final ConfigKey<String> CLICKHOUSE_URL = ConfigKey.string(
            "clickhouse.url",
            "",
            "HTTP URL of an external ClickHouse server (clickhouse.mode=external)," + " e.g. http://127.0.0.1:8123.");

    public static final ConfigKey<String> CLICKHOUSE_USER =
            ConfigKey.string("clickhouse.user", "default", "ClickHouse user Proxist connects as.");

    public static final ConfigKey<String> CLICKHOUSE_PASSWORD_FILE = ConfigKey.string(
            "clickhouse.password-file",
            "",
            "File whose first line is the ClickHouse password; the environment" + " variable " + CLICKHOUSE_PASSWORD_ENV
                    + " takes precedence. Empty: no password.");

    public static final ConfigKey<String> CLICKHOUSE_DATABASE =
            ConfigKey.string("clickhouse.database", "default", "Database holding Proxist's tables.");

    public static final ConfigKey<String> CLICKHOUSE_SERVER_BINARY = ConfigKey.string(
            "clickhouse.server-binary",
            "",
            "ClickHouse server executable for the managed mode; empty searches"
                    + " PATH, /usr/sbin and /usr/bin for clickhouse-server, then clickhouse.");

    public static final ConfigKey<Integer> CLICKHOUSE_STARTUP_TIMEOUT_MS = ConfigKey.integer(
            "clickhouse.startup-timeout-ms",
            60_000,
            1,
            Integer.MAX_VALUE,
            "How long to wait for the managed" + " ClickHouse to answer /ping.");

    public static final ConfigKey<Integer> CLICKHOUSE_SHUTDOWN_TIMEOUT_MS = ConfigKey.integer(
            "clickhouse.shutdown-timeout-ms",
            15_000,
            1,
            Integer.MAX_VALUE,
            "How long the managed ClickHouse" + " gets after SIGTERM before it is killed.");

    public static final ConfigKey<Boolean> SCHEMAS_APPLY =
            ConfigKey.bool("schemas.apply", true, "Apply the migrations of schemas/ to ClickHouse at startup.");

    public static final ConfigKey<Integer> RETENTION_MARKET_DATA_DAYS = ConfigKey.integer(
            "retention.market-data-days",
            90,
            1,
            36_500,
            "Retention of market_data and trades, in days (TTL" + " where the server supports it).");

    public static final ConfigKey<Integer> RETENTION_AUDIT_DAYS = ConfigKey.integer(
            "retention.audit-days",
            2_557,
            1,
            36_500,
            "Retention of the audit tables (orders, fills, positions,"
                    + " account state, risk decisions, guardrail transitions, system events), in days.");

    public static final ConfigKey<Integer> RETENTION_CHECK_INTERVAL_SECONDS = ConfigKey.integer(
            "retention.check-interval-seconds",
            3600,
            0,
            Integer.MAX_VALUE,
            "How often the partition-maintenance job drops the owned tables' day partitions that are past their"
                    + " retention (the first run one interval after start; pxctl retention runs it at once). 0: never"
                    + " on its own.");

    public static final ConfigKey<String> INGEST_TABLES = ConfigKey.string(
            "ingest.tables",
            "all",
            "Tables of schemas/ Proxist owns (INSERTs go through its WAL and hot store, then to ClickHouse):"
                    + " all, none, or a comma-separated list of names.");

    public static final ConfigKey<String> INGEST_POLICIES = ConfigKey.string(
            "ingest.policies",
            "",
            "Per-table policy overrides, table.field=value separated by ';' (fields: durability=sync|async|memory,"
                    + " critical=true|false, flush-rows, flush-interval-ms, hot-window-ms, hot-memory-mb,"
                    + " max-pending-rows). ingest/README.md lists the defaults.");

    public static final ConfigKey<Integer> INGEST_READ_BARRIER_MS = ConfigKey.integer(
            "ingest.read-barrier-ms",
            10_000,
            0,
            3_600_000,
            "How long a query on an owned table waits for the rows acknowledged before it to reach ClickHouse"
                    + " (read-after-write through pass-through) before it fails with TIMEOUT_EXCEEDED.");

    public static final ConfigKey<String> WAL_DIR =
            ConfigKey.string("wal.dir", "", "Directory of the write-ahead log; empty: wal/ under proxist.home.");

    public static final ConfigKey<Integer> WAL_BUDGET_MB = ConfigKey.integer(
            "wal.budget-mb",
            8_192,
            1,
            Integer.MAX_VALUE,
            "Most disk the WAL may use, in MiB; past it critical tables refuse INSERTs (NOT_ENOUGH_SPACE)"
                    + " and best-effort tables drop them, counted.");

    public static final ConfigKey<Integer> WAL_SEGMENT_MB =
            ConfigKey.integer("wal.segment-mb", 64, 1, 4_096, "Size of one WAL segment file, in MiB.");

    public static final ConfigKey<Integer> WAL_ASYNC_FLUSH_MS = ConfigKey.integer(
            "wal.async-flush-ms",
            10,
            0,
            60_000,
            "Longest time an INSERT into an async table stays in the page cache before its fsync starts.");

    public static final ConfigKey<Integer> SNAPSHOT_INTERVAL_SECONDS = ConfigKey.integer(
            "snapshot.interval-seconds",
            120,
            0,
            86_400,
            "How often the hot store is written to a snapshot under snapshots/ (restart = latest snapshot + WAL"
                    + " replay; WAL segments are kept from the oldest retained snapshot on); 0: no snapshots.");

    public static final ConfigKey<Integer> DEMO_EVENTS_PER_SECOND = ConfigKey.integer(
            "demo.events-per-second",
            0,
            0,
            10_000_000,
            "Synthetic market feed (quotes, trades, orders, fills for about 50 symbols) through the ingest path;"
                    + " 0: off. ./proxist run turns it on.");

    public static final ConfigKey<Integer> QUERY_SLOW_LOG_MS = ConfigKey.integer(
            "query.slow-log-ms",
            1000,
            -1,
            Integer.MAX_VALUE,
            "Queries answered at the seam taking at least this long are logged (logger proxist.slow-query, one JSON"
                    + " line: plan, rows from memory and from ClickHouse, time and SQL of each step); 0 logs every"
                    + " one, -1 none.");

    public static final ConfigKey<String> TRACING_OTLP_ENDPOINT = ConfigKey.string(
            "tracing.otlp-endpoint",
            "",
            "OTLP/HTTP traces URL (e.g. http://127.0.0.1:4318/v1/traces): when set, queries answered at the seam are"
                    + " exported as OpenTelemetry spans (proxist.query with proxist.seam.hot, proxist.seam.pushdown and"
                    + " proxist.seam.stitch children). Empty: no spans.");

    public static final ConfigKey<String> TRACING_SERVICE_NAME =
            ConfigKey.string("tracing.service-name", "proxist", "The service.name of exported spans.");

    public static final ConfigKey<Integer> RECORDER_QUEUE_CAPACITY = ConfigKey.integer(
            "recorder.queue-capacity",
            65_536,
            2,
            1 << 26,
            "Events each table's queue of the in-process recorder API holds (ProxistServer.recorder()).");

    public static final ConfigKey<Integer> RECORDER_BATCH_ROWS = ConfigKey.integer(
            "recorder.batch-rows", 2_000, 1, 1_000_000, "Rows per INSERT the recorder thread builds at most.");

    public static final ConfigKey<Integer> RECORDER_FLUSH_INTERVAL_MS = ConfigKey.integer(
            "recorder.flush-interval-ms",
            50,
            0,
            60_000,
            "How long a partial batch of the recorder waits for more rows at most.");

    public static final ConfigKey<Integer> RECORDER_CRITICAL_WAIT_MS = ConfigKey.integer(
            "recorder.critical-wait-ms",
            5,
            0,
            60_000,
            "How long record() waits for room in a critical table's full queue before answering TIMED_OUT.");

    public static final ConfigKey<Integer> RECORDER_MARKET_DATA_MIN_INTERVAL_MS = ConfigKey.integer(
            "recorder.market-data.min-interval-ms",
            0,
            0,
            3_600_000,
            "Per symbol, the least time between two recorded market snapshots (0: no limit); unchanged best bid and"
                    + " ask are never recorded twice, and sampling rises under pressure whatever this is.");

    public static final ConfigKey<String> RECORDER_SOURCE =
            ConfigKey.string("recorder.source", "recorder", "The source column of rows recorded through the API.");

    public static final ConfigKey<String> RECORDER_ENVIRONMENT = ConfigKey.string(
            "recorder.environment", "prod", "The environment column of rows recorded through the API.");

    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.integer(
            "admin.port",
            -1,
            -1,
            65535,
            "Port of the admin API (HTTP+JSON for pxctl, and /metrics), bound to listen.host and authenticated with"
                    + " the users of the HTTP interface; 0 picks a free port; -1 (the default): 9363, or a free port"
                    + " when http.port is 0 (tests and side-by-side instances).");

    public static final ConfigKey<Integer> ADMIN_FLUSH_TIMEOUT_MS = ConfigKey.integer(
            "admin.flush-timeout-ms",
            60_000,
            1,
            3_600_000,
            "How long POST /admin/flush (pxctl flush) waits for the acknowledged rows to reach ClickHouse when the"
                    + " request names no timeout; can be changed live through POST /admin/config.");

    private static final List<ConfigKey<?>> ALL = collect();

    private ProxistConfigKeys() {}

    /** All keys, in declaration order. */
    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    private static List<ConfigKey<?>> collect() {
        List<ConfigKey<?>> keys = new ArrayList<>();
        for (Field f : ProxistConfigKeys.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
                try {
                    keys.add((ConfigKey<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(keys);
    }
}
