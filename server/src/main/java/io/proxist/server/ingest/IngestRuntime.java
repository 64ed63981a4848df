package io.proxist.server.ingest;

import io.proxist.chclient.ClickHouseServer;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.schema.TableSchema;
import io.proxist.core.type.DataType;
import io.proxist.hot.snapshot.SnapshotFiles;
import io.proxist.hot.snapshot.SnapshotInfo;
import io.proxist.hot.snapshot.SnapshotLoad;
import io.proxist.hot.snapshot.SnapshotOptions;
import io.proxist.hot.snapshot.SnapshotWriter;
import io.proxist.hot.snapshot.Snapshots;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.ingest.FrontierTracker;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.IngestTable;
import io.proxist.ingest.TablePolicy;
import io.proxist.ingest.WatermarkTracker;
import io.proxist.metadata.MetadataStore;
import io.proxist.metadata.Watermark;
import io.proxist.pushdown.flush.FlushBatch;
import io.proxist.pushdown.flush.FlushConfig;
import io.proxist.pushdown.flush.FlushListener;
import io.proxist.pushdown.flush.FlushTable;
import io.proxist.pushdown.flush.Flusher;
import io.proxist.pushdown.flush.HealthTracker;
import io.proxist.schemas.SchemaCatalog;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest side of a running Proxist (ingest/README.md): the metadata store (symbol dictionary, watermarks), the
 * WAL, the hot store, the {@link IngestService} over the owned tables, one {@link Flusher} per table into the backing
 * ClickHouse, and a maintenance task (WAL segments below what every table has persisted deleted, persisted rows
 * beyond the hot retention evicted). Started by recovery: the WAL is replayed into the hot store and every record
 * above a table's stored watermark is handed to its flusher again, checked by key before it is sent.
 */
public final class IngestRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRuntime.class);

    private final MetadataStore metadata;
    private final Wal wal;
    private final HotStore store;
    private final IngestService service;
    private final Map<String, Flusher> flushers = new LinkedHashMap<>();
    private final Map<String, TableSchema> schemas = new LinkedHashMap<>();
    private final HealthTracker health;
    private final AtomicLong rejectedRows = new AtomicLong();
    private final ScheduledExecutorService maintenance;
    private final boolean dateTime64;
    private final FrontierTracker frontier;
    private final Path snapshotDir;
    private final Duration snapshotEvery;
    private long lastSnapshotNanos = System.nanoTime();
    /** LSN of the newest snapshot written or loaded, -1: none. Maintenance thread only. */
    private long lastSnapshotLsn;
    /** LSN of the oldest snapshot kept, -1: none; WAL segments are kept from it on. */
    private volatile long oldestSnapshotLsn;

    private IngestRuntime(ProxistConfig config, ClickHouseServer clickhouse, SchemaCatalog catalog, Set<String> owned) {
        Path home = Path.of(config.get(ProxistConfigKeys.HOME)).toAbsolutePath();
        String walDir = config.get(ProxistConfigKeys.WAL_DIR);
        dateTime64 = clickhouse.capabilities().dateTime64();
        Map<String, TablePolicy> policies = TablePolicy.parse(config.get(ProxistConfigKeys.INGEST_POLICIES), owned);
        metadata = MetadataStore.open(home.resolve("metadata"));
        try {
            long segment = (long) config.get(ProxistConfigKeys.WAL_SEGMENT_MB) << 20;
            wal = Wal.open(
                    walDir.isEmpty() ? home.resolve("wal") : Path.of(walDir).toAbsolutePath(),
                    WalOptions.defaults()
                            .withSegmentSize(segment)
                            .withMaxTotalSize(
                                    Math.max(segment, (long) config.get(ProxistConfigKeys.WAL_BUDGET_MB) << 20))
                            .withAsyncFlushInterval(
                                    Duration.ofMillis(config.get(ProxistConfigKeys.WAL_ASYNC_FLUSH_MS))));
        } catch (RuntimeException e) {
            metadata.close();
            throw e;
        }
        store = new HotStore(metadata.symbols());
        frontier = new FrontierTracker(metadata.frontier());
        health = new HealthTracker("clickhouse", 3, Duration.ofSeconds(1).toNanos());
        Map<String, WatermarkTracker.Version> stored = new LinkedHashMap<>();
        for (TableSchema s : catalog.tables()) {
            if (!owned.contains(s.name())) continue;
            schemas.put(s.name(), s);
            Watermark w = metadata.watermarks().get(s.name());
            if (w == null) continue;
            boolean sameLog = w.walLogId() == wal.logId() && w.walPosition() <= wal.endPosition();
            boolean memory = policies.get(s.name()).durability() == Durability.MEMORY;
            // a position of another log (the WAL was removed) says nothing about this one; T_persisted still holds
            stored.put(
                    s.name(),
                    new WatermarkTracker.Version(w.tPersistedNanos(), sameLog || memory ? w.walPosition() : 0));
        }
        service = new IngestService(wal, store, catalog.tables(), policies, stored, this::submit);
        String database = config.get(ProxistConfigKeys.CLICKHOUSE_DATABASE);
        FlushListener listener = new FlushListener() {
            @Override
            public void onConfirmed(String table, long toLsn, Block block) {
                persisted(table, toLsn);
            }

            @Override
            public void onRejected(String table, FlushBatch batch, ProxistException error) {
                // ClickHouse keeps refusing these rows (not an outage): they stay in the WAL and in memory, the table
                // moves on so the rest is not held hostage, and the loss to ClickHouse is counted and logged
                rejectedRows.addAndGet(batch.rows());
                LOG.error(
                        "ClickHouse refused a batch for good; its rows are not in ClickHouse [table={}, rows={},"
                                + " lsn={}..{}]",
                        table,
                        batch.rows(),
                        batch.fromLsn(),
                        batch.toLsn(),
                        error);
                persisted(table, batch.toLsn());
            }
        };
        for (String table : service.tableNames()) {
            TablePolicy p = service.policy(table);
            FlushConfig fc =
                    FlushConfig.defaults().withBatchRows(p.flushRows(), Math.max(p.flushRows(), p.flushRows() * 40));
            fc = fc.withPressure(fc.slowInsert(), fc.partsThreshold(), fc.partsCheckInterval(), p.flushInterval());
            flushers.put(
                    table,
                    new Flusher(
                            new FlushTable(database, table, sortKey(schemas.get(table))),
                            clickhouse.endpoint(),
                            health,
                            listener,
                            fc));
        }
        long t0 = System.nanoTime();
        snapshotDir = home.resolve("snapshots");
        snapshotEvery = Duration.ofSeconds(config.get(ProxistConfigKeys.SNAPSHOT_INTERVAL_SECONDS));
        // the latest snapshot, then every WAL record still there: replay over rows the snapshot holds is a no-op
        // (dedup), and records above a table's stored watermark go to the flusher again
        SnapshotLoad loaded = Snapshots.loadLatest(snapshotDir, store);
        List<Long> kept = Snapshots.list(snapshotDir, SnapshotFiles.real());
        oldestSnapshotLsn = kept.isEmpty() ? -1 : kept.getFirst();
        lastSnapshotLsn = loaded.found() ? loaded.lsn() : -1;
        service.recover(wal.firstPosition());
        for (Flusher f : flushers.values()) f.start();
        LOG.info(
                "ingest recovered [tables={}, wal={}, records from {} to {}, snapshot={} ({} rows), took {} ms]",
                service.tableNames(),
                wal.directory(),
                wal.firstPosition(),
                wal.endPosition(),
                loaded.found() ? loaded.snapshot().file() : "none",
                loaded.rowsLoaded(),
                (System.nanoTime() - t0) / 1_000_000);
        maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("proxist-ingest-maintenance").factory());
        maintenance.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts the ingest side for the tables {@code ingest.tables} names, or returns null when it names none.
     *
     * @throws ProxistException INVALID_CONFIG_PARAMETER for a table that is not in the catalogue or a bad policy
     */
    public static IngestRuntime start(ProxistConfig config, ClickHouseServer clickhouse, SchemaCatalog catalog) {
        Set<String> owned = ownedTables(config.get(ProxistConfigKeys.INGEST_TABLES), catalog);
        if (owned.isEmpty()) return null;
        return new IngestRuntime(config, clickhouse, catalog, owned);
    }

    static Set<String> ownedTables(String spec, SchemaCatalog catalog) {
        Set<String> all = new LinkedHashSet<>();
        for (TableSchema s : catalog.tables()) all.add(s.name());
        String v = spec.strip();
        if (v.equalsIgnoreCase("all")) return all;
        Set<String> out = new LinkedHashSet<>();
        if (v.isEmpty() || v.equalsIgnoreCase("none")) return out;
        for (String part : v.split(",")) {
            String t = part.strip();
            if (t.isEmpty()) continue;
            if (!all.contains(t)) {
                throw new ProxistException(
                        ErrorCode.INVALID_CONFIG_PARAMETER,
                        "ingest.tables names " + t + ", which is not a table of schemas/ " + all);
            }
            out.add(t);
        }
        return out;
    }

    private static List<String> sortKey(TableSchema s) {
        String o = s.orderBy().strip();
        if (o.startsWith("(") && o.endsWith(")")) o = o.substring(1, o.length() - 1);
        List<String> key = new ArrayList<>();
        for (String part : o.split(",")) key.add(part.strip());
        return key;
    }

    private void submit(String table, long lsn, Block rows, boolean recovered) {
        flushers.get(table).submit(new FlushBatch(physical(rows), lsn, lsn, recovered));
    }

    /** The rows as the backend stores them: DateTime64 is Int64 nanoseconds where the server lacks it. */
    private Block physical(Block rows) {
        if (dateTime64) return rows;
        List<Column> cols = new ArrayList<>(rows.columnCount());
        for (Column c : rows.columns()) {
            cols.add(c.type().is("DateTime64") ? Columns.withType(c, DataType.of("Int64")) : c);
        }
        return new Block(rows.names(), cols, rows.rows());
    }

    private void persisted(String table, long lsn) {
        WatermarkTracker.Version v = service.confirmed(table, lsn);
        try {
            metadata.watermarks().advance(table, new Watermark(v.watermark(), v.confirmedLsn(), wal.logId()));
        } catch (RuntimeException e) {
            LOG.error("cannot store the watermark [table={}, version={}]", table, v, e);
        }
    }

    /**
     * Writes a snapshot of the hot store when one is due. Every table that writes the WAL is locked while its state is
     * captured (a cheap immutable view), so no INSERT sits between its WAL append and its hot-store commit: the views
     * hold exactly the records up to the largest LSN they contain. The file is written after the locks are released.
     */
    private synchronized void snapshotIfDue(boolean force) {
        if (snapshotEvery.isZero() && !force) return;
        if (!force && System.nanoTime() - lastSnapshotNanos < snapshotEvery.toNanos()) return;
        lastSnapshotNanos = System.nanoTime();
        List<IngestTable> logged = new ArrayList<>();
        for (String t : service.tableNames()) {
            if (service.table(t).durability() != Durability.MEMORY) logged.add(service.table(t));
        }
        List<TableSnapshot> views = new ArrayList<>();
        capture(logged, 0, views);
        long lsn = Long.MIN_VALUE;
        for (TableSnapshot v : views) lsn = Math.max(lsn, v.lastLsn());
        if (lsn < 0 || lsn == lastSnapshotLsn) return;
        SnapshotWriter writer = new SnapshotWriter(snapshotDir, SnapshotOptions.DEFAULT.withWalLogId(wal.logId()));
        long t0 = System.nanoTime();
        SnapshotInfo info = writer.write(views, lsn);
        lastSnapshotLsn = lsn;
        Snapshots.retain(snapshotDir, SnapshotFiles.real(), SnapshotOptions.DEFAULT.retain());
        List<Long> kept = Snapshots.list(snapshotDir, SnapshotFiles.real());
        oldestSnapshotLsn = kept.isEmpty() ? -1 : kept.getFirst();
        LOG.info(
                "snapshot written [file={}, lsn={}, rows={}, bytes={}, took {} ms]",
                info.file(),
                lsn,
                info.totalRows(),
                info.fileLength(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static void capture(List<IngestTable> tables, int i, List<TableSnapshot> views) {
        if (i == tables.size()) {
            for (IngestTable t : tables) views.add(t.hot().snapshot());
            return;
        }
        synchronized (tables.get(i)) {
            capture(tables, i + 1, views);
        }
    }

    /** WAL segments nobody needs deleted; persisted rows beyond the hot retention evicted; snapshots. */
    private synchronized void maintain() {
        try {
            snapshotIfDue(false);
            long below = service.walPositionConfirmedBelow(wal.endPosition());
            if (!snapshotEvery.isZero()) below = Math.min(below, oldestSnapshotLsn < 0 ? 0 : oldestSnapshotLsn + 1);
            int deleted = wal.deleteUpTo(below);
            if (deleted > 0) LOG.debug("wal segments deleted [count={}, below={}]", deleted, below);
            for (String table : service.tableNames()) {
                HotTable hot = service.table(table).hot();
                WatermarkTracker.Version v = service.table(table).watermark().version();
                if (v.watermark() == Long.MIN_VALUE) continue;
                frontier.update(table, hot, v.watermark()); // before eviction: the rows it needs are in memory
                // the window is measured back from the newest row, not the wall clock: a backfill of last week
                // stays hot (and deduplicated against) like today's feed
                long window = service.policy(table).hotWindow().toNanos();
                long newest = service.table(table).maxTs();
                long byWindow = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - window;
                long bound = Math.min(v.watermark(), Math.max(byWindow, hot.boundForBudget()));
                hot.evict(bound, v.confirmedLsn());
            }
        } catch (RuntimeException e) {
            LOG.warn("ingest maintenance failed; it runs again in a second", e);
        }
    }

    /** Writes a snapshot now (operators, tests); the periodic ones continue. */
    public synchronized void snapshotNow() {
        snapshotIfDue(true);
    }

    /** Runs the maintenance pass now (WAL deletion, eviction, a due snapshot): operators, tests. */
    public synchronized void maintainNow() {
        maintain();
    }

    public IngestService service() {
        return service;
    }

    public HealthTracker health() {
        return health;
    }

    public Wal wal() {
        return wal;
    }

    public HotStore store() {
        return store;
    }

    public Flusher flusher(String table) {
        return flushers.get(table);
    }

    /** The logical schema of an owned table. */
    public TableSchema schema(String table) {
        return schemas.get(table);
    }

    /** The metadata store (symbol dictionary, watermarks, frontier cache, snapshot manifests): the admin API. */
    public MetadataStore metadata() {
        return metadata;
    }

    /** Where the hot-state snapshots are written (snap-&lt;lsn&gt;.px). */
    public Path snapshotDirectory() {
        return snapshotDir;
    }

    /** How often a snapshot is written; zero: never (WAL segments are then kept for persistence only). */
    public Duration snapshotInterval() {
        return snapshotEvery;
    }

    /** LSN of the oldest snapshot kept, -1 when there is none: WAL segments are kept from it on. */
    public long oldestSnapshotLsn() {
        return oldestSnapshotLsn;
    }

    /** The columns of {@link #status()}. */
    public static final List<String> STATUS_COLUMNS = List.of(
            "table",
            "durability",
            "critical",
            "health",
            "health_transitions",
            "inserted_rows",
            "duplicate_rows",
            "dropped_rows",
            "refused_inserts",
            "pending_rows",
            "flushed_rows",
            "flush_failures",
            "t_persisted",
            "confirmed_position",
            "hot_rows",
            "hot_bytes",
            "wal_bytes");

    private static final List<String> STATUS_TYPES = List.of(
            "String", "String", "UInt8", "String", "UInt64", "UInt64", "UInt64", "UInt64", "UInt64", "UInt64", "UInt64",
            "UInt64", "Int64", "UInt64", "UInt64", "UInt64", "UInt64");

    /**
     * One row per owned table: policy, backend health, counters, watermark (T_persisted in UTC nanoseconds,
     * Long.MIN_VALUE before the first confirmation), hot-store size and the WAL's size on disk. Proxist answers
     * {@code SELECT * FROM system.proxist_ingest} with it.
     */
    public Block status() {
        List<io.proxist.core.block.build.ColumnBuilder> b = new ArrayList<>();
        for (String t : STATUS_TYPES) b.add(io.proxist.core.block.build.ColumnBuilder.forType(DataType.parse(t)));
        int rows = 0;
        String state = health.state().name();
        for (String table : service.tableNames()) {
            IngestService.TableStats st = service.stats(table);
            io.proxist.pushdown.flush.FlushStats fs = flushers.get(table).stats();
            io.proxist.hot.store.MemoryUsage mem = service.table(table).hot().memory();
            Object[] v = {
                table,
                st.policy().durability().name().toLowerCase(java.util.Locale.ROOT),
                st.policy().critical() ? 1L : 0L,
                state,
                health.transitions(),
                st.insertedRows(),
                st.duplicateRows(),
                st.droppedRows(),
                st.refusedInserts(),
                st.pendingRows(),
                fs.rowsInserted(),
                fs.failedAttempts(),
                st.watermark(),
                st.confirmedLsn(),
                mem.rows(),
                mem.bytes(),
                wal.totalSize()
            };
            for (int i = 0; i < v.length; i++) {
                if (v[i] instanceof String str) {
                    ((io.proxist.core.block.build.BytesColumnBuilder) b.get(i)).appendString(str);
                } else {
                    ((io.proxist.core.block.build.LongColumnBuilder) b.get(i)).appendLong((Long) v[i]);
                }
            }
            rows++;
        }
        List<Column> cols = new ArrayList<>();
        for (io.proxist.core.block.build.ColumnBuilder c : b) cols.add(c.build());
        return new Block(STATUS_COLUMNS, cols, rows);
    }

    /** Rows ClickHouse refused for good (a bug somewhere: logged at ERROR). */
    public long rejectedRows() {
        return rejectedRows.get();
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        for (Flusher f : flushers.values()) {
            try {
                f.close();
            } catch (RuntimeException e) {
                LOG.warn("error while stopping the flusher of {}", f.table().table(), e);
            }
        }
        try {
            wal.close();
        } finally {
            metadata.close();
        }
    }
}
