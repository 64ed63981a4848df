package io.proxist.server.retention;

import io.proxist.chclient.ClickHouseHttp;
import io.proxist.schemas.SchemaCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention by partition: the owned tables are partitioned by day ({@code PARTITION BY toDate(ts)}), so a table's
 * rows older than its retention (market data and trades: {@code retention.market-data-days}; the audit tables:
 * {@code retention.audit-days}) are whole partitions, and dropping them is what enforces retention on servers
 * without TTL (ClickHouse 18.16) and what TTL would eventually do elsewhere.
 *
 * <p>A day partition {@code D} holds rows with {@code D <= ts < D + 1 day} (UTC); it is expired when {@code D + 1 day
 * <= now - retention}, i.e. every row it can hold is older than the cutoff, as a TTL of {@code ts + retention} would
 * have it. A partition with any row inside the retention period is never dropped; a partition whose id is not a day
 * (not {@code YYYYMMDD}) is never dropped either, only reported. The list comes from {@code system.parts} (active
 * parts); a dry run reports it and drops nothing.
 */
public final class PartitionRetention {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRetention.class);

    /** A partition of an owned table. */
    public record Partition(String table, String partitionId, LocalDate day, long rows, long bytes) {}

    /** What a run found and did. */
    public record Report(
            Instant now,
            Map<String, Instant> cutoffs,
            List<Partition> expired,
            List<Partition> unreadable,
            boolean dryRun) {}

    private final ClickHouseHttp clickhouse;
    private final String database;
    private final Set<String> tables;
    private volatile int marketDataDays;
    private volatile int auditDays;
    private final AtomicLong partitionsDropped = new AtomicLong();
    private final AtomicLong rowsDropped = new AtomicLong();

    public PartitionRetention(
            ClickHouseHttp clickhouse, String database, Set<String> tables, int marketDataDays, int auditDays) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.tables = tables;
        this.marketDataDays = marketDataDays;
        this.auditDays = auditDays;
    }

    /** New retentions, in force from the next run (pxctl apply of retention.* keys). */
    public void setDays(int marketData, int audit) {
        this.marketDataDays = marketData;
        this.auditDays = audit;
    }

    /** The retention of an owned table, in days. */
    public int days(String table) {
        return SchemaCatalog.MARKET_DATA_TABLES.contains(table) ? marketDataDays : auditDays;
    }

    /** Rows older than this are past the table's retention. */
    public Instant cutoff(String table, Instant now) {
        return now.minusSeconds(86_400L * days(table));
    }

    /** Whether every row a day partition can hold is older than the cutoff. */
    static boolean expired(LocalDate day, Instant cutoff) {
        return !day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff);
    }

    /** Finds the expired partitions and, unless {@code dryRun}, drops them. */
    public synchronized Report run(Instant now, boolean dryRun) {
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        for (String t : tables) cutoffs.put(t, cutoff(t, now));
        List<Partition> expired = new ArrayList<>();
        List<Partition> unreadable = new ArrayList<>();
        for (Partition p : partitions()) {
            if (p.day() == null) unreadable.add(p);
            else if (expired(p.day(), cutoffs.get(p.table()))) expired.add(p);
        }
        if (!dryRun) {
            for (Partition p : expired) {
                clickhouse.query("ALTER TABLE " + ident(database) + "." + ident(p.table()) + " DROP PARTITION '"
                        + p.day() + "'");
                partitionsDropped.incrementAndGet();
                rowsDropped.addAndGet(p.rows());
                LOG.info(
                        "retention: dropped partition {} of {}.{} ({} rows, {} bytes; retention {} days)",
                        p.day(),
                        database,
                        p.table(),
                        p.rows(),
                        p.bytes(),
                        days(p.table()));
            }
        }
        for (Partition p : unreadable)
            LOG.warn("retention: partition {} of {} is not a day, left alone", p.partitionId(), p.table());
        return new Report(now, cutoffs, expired, unreadable, dryRun);
    }

    /** The active partitions of the owned tables, with their rows and bytes. */
    List<Partition> partitions() {
        String sql = "SELECT table, partition_id, sum(rows), sum(bytes) FROM system.parts WHERE active AND database = "
                + literal(database) + " GROUP BY table, partition_id ORDER BY table, partition_id FORMAT TabSeparated";
        List<Partition> out = new ArrayList<>();
        for (String line : clickhouse.query(sql).split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            if (!tables.contains(f[0])) continue;
            LocalDate day;
            try {
                day = LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                day = null;
            }
            out.add(new Partition(f[0], f[1], day, Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        return out;
    }

    public long partitionsDropped() {
        return partitionsDropped.get();
    }

    public long rowsDropped() {
        return rowsDropped.get();
    }

    private static String ident(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
