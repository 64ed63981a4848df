package io.proxist.ingest;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.wal.Durability;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How Proxist keeps one owned table (ingest/README.md, "Policies").
 *
 * @param durability when an INSERT is acknowledged: after its WAL fsync (sync, group commit), in the page cache with
 *     an fsync started within wal.async-flush-ms (async), or with no WAL at all (memory)
 * @param critical past a budget, refuse the INSERT with an error (true) or accept it and drop its rows, counted
 *     (false: best effort)
 * @param flushRows rows per flush batch the flusher aims at (it adapts up to 40 times this under part pressure)
 * @param flushInterval longest a batch waits to fill before it is sent
 * @param hotWindow persisted rows older than this (by ts, against the newest row) leave memory
 * @param hotMemoryBytes persisted rows leave memory, oldest first, while the table holds more than this
 * @param maxPendingRows rows acknowledged and not yet in ClickHouse the table may hold (its budget in an outage)
 */
public record TablePolicy(
        Durability durability,
        boolean critical,
        int flushRows,
        Duration flushInterval,
        Duration hotWindow,
        long hotMemoryBytes,
        long maxPendingRows) {

    public TablePolicy {
        if (flushRows < 1) throw new IllegalArgumentException("flush-rows must be at least 1");
        if (flushInterval.isNegative()) throw new IllegalArgumentException("flush-interval-ms is negative");
        if (hotWindow.isNegative()) throw new IllegalArgumentException("hot-window-ms is negative");
        if (hotMemoryBytes < 1) throw new IllegalArgumentException("hot-memory-mb must be at least 1");
        if (maxPendingRows < 1) throw new IllegalArgumentException("max-pending-rows must be at least 1");
    }

    /** Market data: high volume, best effort, page-cache acknowledgement, big batches. */
    public static final TablePolicy MARKET_DATA = new TablePolicy(
            Durability.ASYNC, false, 5_000, Duration.ofMillis(250), Duration.ofHours(1), 1L << 30, 5_000_000);

    /** Public trades: market data too, but every print counts (critical), still acknowledged from the page cache. */
    public static final TablePolicy TRADES = new TablePolicy(
            Durability.ASYNC, true, 2_000, Duration.ofMillis(250), Duration.ofHours(1), 512L << 20, 5_000_000);

    /** The trading system's own records (orders, fills, positions, risk, ...): fsynced before the ack. */
    public static final TablePolicy AUDIT = new TablePolicy(
            Durability.SYNC, true, 500, Duration.ofMillis(500), Duration.ofHours(1), 256L << 20, 2_000_000);

    /** The default policy of a table of schemas/. */
    public static TablePolicy defaultFor(String table) {
        return switch (table) {
            case "market_data" -> MARKET_DATA;
            case "trades" -> TRADES;
            default -> AUDIT;
        };
    }

    /**
     * The policies of {@code tables}: each table's default with the overrides of {@code spec} applied, a list of
     * {@code table.field=value} separated by ';' (the ingest.policies configuration key).
     *
     * @throws ProxistException INVALID_CONFIG_PARAMETER naming the entry for an unknown table or field or a bad value
     */
    public static Map<String, TablePolicy> parse(String spec, Set<String> tables) {
        Map<String, TablePolicy> out = new LinkedHashMap<>();
        for (String t : tables) out.put(t, defaultFor(t));
        for (String raw : spec.split(";")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            int eq = entry.indexOf('=');
            int dot = entry.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) throw bad(entry, "expected table.field=value");
            String table = entry.substring(0, dot).strip();
            String field = entry.substring(dot + 1, eq).strip().toLowerCase(Locale.ROOT);
            String value = entry.substring(eq + 1).strip();
            TablePolicy p = out.get(table);
            if (p == null) throw bad(entry, "table " + table + " is not owned by Proxist (ingest.tables)");
            try {
                out.put(table, p.with(field, value));
            } catch (IllegalArgumentException e) {
                throw bad(entry, e.getMessage());
            }
        }
        return out;
    }

    public TablePolicy withDurability(Durability d) {
        return new TablePolicy(d, critical, flushRows, flushInterval, hotWindow, hotMemoryBytes, maxPendingRows);
    }

    private TablePolicy with(String field, String value) {
        return switch (field) {
            case "durability" ->
                new TablePolicy(
                        durability(value),
                        critical,
                        flushRows,
                        flushInterval,
                        hotWindow,
                        hotMemoryBytes,
                        maxPendingRows);
            case "critical" ->
                new TablePolicy(
                        durability, bool(value), flushRows, flushInterval, hotWindow, hotMemoryBytes, maxPendingRows);
            case "flush-rows" ->
                new TablePolicy(
                        durability,
                        critical,
                        Math.toIntExact(number(value)),
                        flushInterval,
                        hotWindow,
                        hotMemoryBytes,
                        maxPendingRows);
            case "flush-interval-ms" ->
                new TablePolicy(
                        durability,
                        critical,
                        flushRows,
                        Duration.ofMillis(number(value)),
                        hotWindow,
                        hotMemoryBytes,
                        maxPendingRows);
            case "hot-window-ms" ->
                new TablePolicy(
                        durability,
                        critical,
                        flushRows,
                        flushInterval,
                        Duration.ofMillis(number(value)),
                        hotMemoryBytes,
                        maxPendingRows);
            case "hot-memory-mb" ->
                new TablePolicy(
                        durability,
                        critical,
                        flushRows,
                        flushInterval,
                        hotWindow,
                        Math.multiplyExact(number(value), 1L << 20),
                        maxPendingRows);
            case "max-pending-rows" ->
                new TablePolicy(
                        durability, critical, flushRows, flushInterval, hotWindow, hotMemoryBytes, number(value));
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    private static Durability durability(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "sync" -> Durability.SYNC;
            case "async" -> Durability.ASYNC;
            case "memory" -> Durability.MEMORY;
            default -> throw new IllegalArgumentException("durability is sync, async or memory, not " + v);
        };
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false: " + v);
        };
    }

    private static long number(String v) {
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new IllegalArgumentException("negative: " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v);
        }
    }

    private static ProxistException bad(String entry, String why) {
        return new ProxistException(
                ErrorCode.INVALID_CONFIG_PARAMETER, "invalid ingest.policies entry [" + entry + "]: " + why);
    }
}
