package io.proxist.server.admin;

import io.proxist.server.ingest.IngestRuntime;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalDescriptor;
import io.proxist.wal.WalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/wal}: status (segments, positions, what holds them), a dry replay that re-reads and decodes every
 * record and reports it per table, and purge: segments below what every table has persisted and every kept snapshot
 * covers (what the maintenance pass deletes each second, now), or with {@code force} every segment but the active
 * one, reporting each deleted record that ClickHouse did not yet confirm.
 */
final class WalAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(WalAdmin.class);

    private final AdminContext context;

    WalAdmin(AdminContext context) {
        this.context = context;
    }

    /** The WAL in brief, for status and queues. */
    static Map<String, Object> summary(IngestRuntime ingest) {
        Wal wal = ingest.wal();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", wal.directory().toString());
        m.put("bytes", wal.totalSize());
        m.put("budget_bytes", wal.options().maxTotalSize());
        m.put("usage", (double) wal.totalSize() / wal.options().maxTotalSize());
        m.put("segments", wal.segmentCount());
        m.put("first_position", wal.firstPosition());
        m.put("end_position", wal.endPosition());
        List<Map<String, Object>> segs = segments(wal);
        m.put("oldest_segment", segs.isEmpty() ? null : segs.getFirst());
        m.put("failed", wal.isFailed());
        return m;
    }

    Map<String, Object> status() {
        IngestRuntime ingest = context.requireIngest();
        Wal wal = ingest.wal();
        Map<String, Object> m = summary(ingest);
        m.put("log_id", wal.logId());
        m.put("synced_position", wal.syncedPosition());
        m.put("segment_bytes", wal.options().segmentSize());
        m.put("purge_bound", safeBound(ingest));
        m.put("held_by", heldBy(ingest));
        m.put("segment_files", segments(wal));
        return m;
    }

    /**
     * Below this position every record is confirmed in ClickHouse and covered by the oldest kept snapshot (when
     * snapshots are on): the bound the maintenance pass deletes segments below.
     */
    static long safeBound(IngestRuntime ingest) {
        Wal wal = ingest.wal();
        long below = ingest.service().walPositionConfirmedBelow(wal.endPosition());
        if (!ingest.snapshotInterval().isZero()) {
            long oldest = ingest.oldestSnapshotLsn();
            below = Math.min(below, oldest < 0 ? 0 : oldest + 1);
        }
        return below;
    }

    /** What keeps segments: each table's confirmed position and unconfirmed rows, and the oldest snapshot. */
    private static Map<String, Object> heldBy(IngestRuntime ingest) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> tables = new ArrayList<>();
        for (String t : ingest.service().tableNames()) {
            if (ingest.service().table(t).durability() == Durability.MEMORY) continue;
            var st = ingest.service().stats(t);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("table", t);
            e.put("confirmed_position", st.confirmedLsn());
            e.put("pending_rows", st.pendingRows());
            tables.add(e);
        }
        m.put("tables", tables);
        m.put("snapshots", !ingest.snapshotInterval().isZero());
        m.put("oldest_snapshot_position", ingest.oldestSnapshotLsn() < 0 ? null : ingest.oldestSnapshotLsn());
        return m;
    }

    /** The segment files, oldest first: name, base position, bytes, last modified and age. */
    static List<Map<String, Object>> segments(Wal wal) {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(wal.directory())) {
            s.forEach(p -> {
                long base = WalDescriptor.parseSegmentFileName(p.getFileName().toString());
                if (base >= 0) files.put(base, p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Map.Entry<Long, Path> e : files.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", e.getValue().getFileName().toString());
            m.put("base_position", e.getKey());
            try {
                Instant modified = Files.getLastModifiedTime(e.getValue()).toInstant();
                m.put("bytes", Files.size(e.getValue()));
                m.put("modified", modified.toString());
                m.put("age_seconds", Duration.between(modified, now).toSeconds());
            } catch (IOException gone) {
                continue; // deleted by the maintenance pass meanwhile
            }
            out.add(m);
        }
        return out;
    }

    /** Re-reads every record from the first position and reports what it holds per table; changes nothing. */
    Map<String, Object> replay() {
        IngestRuntime ingest = context.requireIngest();
        Wal wal = ingest.wal();
        Map<Integer, String> names = WalRecords.tableNames(ingest);
        Map<String, Long> confirmed = new LinkedHashMap<>();
        Map<String, Long> pending = new LinkedHashMap<>();
        for (String t : ingest.service().tableNames()) {
            var st = ingest.service().stats(t);
            confirmed.put(t, st.confirmedLsn());
            pending.put(t, st.pendingRows());
        }
        long from = wal.firstPosition();
        long to = wal.endPosition();
        long t0 = System.nanoTime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from_position", from);
        m.put("to_position", to);
        Map<String, WalTally> all = new LinkedHashMap<>();
        Map<String, WalTally> unconfirmed = new LinkedHashMap<>();
        long records = 0;
        String error = null;
        try {
            for (WalRecords.Entry e : WalRecords.read(wal, from, to)) {
                records++;
                String t = names.getOrDefault(e.tableId(), "#" + e.tableId());
                all.computeIfAbsent(t, n -> new WalTally(n, false)).add(e);
                Long c = confirmed.get(t);
                if (c != null && e.position() > c)
                    unconfirmed.computeIfAbsent(t, n -> new WalTally(n, false)).add(e);
            }
        } catch (RuntimeException e) { // corruption, an undecodable block: what the verification is for
            error = e.toString();
            LOG.warn("wal replay (verification) failed [from={}, records read={}]", from, records, e);
        }
        m.put("ok", error == null);
        m.put("error", error);
        m.put("records", records);
        List<Object> tables = new ArrayList<>();
        for (String t : ingest.service().tableNames()) {
            Map<String, Object> row =
                    all.getOrDefault(t, new WalTally(t, false)).toMap();
            row.put("durability", ingest.service().table(t).durability().name().toLowerCase(java.util.Locale.ROOT));
            row.put("confirmed_position", confirmed.get(t));
            WalTally u = unconfirmed.getOrDefault(t, new WalTally(t, false));
            row.put("unconfirmed_records", u.records);
            row.put("unconfirmed_rows", u.rows);
            row.put("pending_rows", pending.get(t));
            tables.add(row);
        }
        m.put("tables", tables);
        List<Object> other = new ArrayList<>();
        for (Map.Entry<String, WalTally> e : all.entrySet()) {
            if (!confirmed.containsKey(e.getKey())) other.add(e.getValue().toMap());
        }
        m.put("tables_not_owned", other);
        m.put("took_ms", (System.nanoTime() - t0) / 1_000_000);
        return m;
    }

    /**
     * Deletes segments. Without {@code force}: those wholly below {@link #safeBound}, so nothing unpersisted or
     * needed by a kept snapshot goes. With it: every segment but the active one, after reading what they hold; the
     * report lists every deleted record ClickHouse had not confirmed (the flusher still holds and sends them, but a
     * restart before that loses them) and every deleted persisted record above the oldest snapshot (in ClickHouse,
     * but no longer restorable into the hot store).
     */
    synchronized Map<String, Object> purge(boolean force) {
        IngestRuntime ingest = context.requireIngest();
        Wal wal = ingest.wal();
        long bound = safeBound(ingest);
        long firstBefore = wal.firstPosition();
        long bytesBefore = wal.totalSize();
        int segmentsBefore = wal.segmentCount();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("force", force);
        m.put("safe_bound", bound);
        int deleted;
        List<WalRecords.Entry> beyond = List.of();
        if (!force) {
            deleted = wal.deleteUpTo(bound);
        } else {
            long target = wal.endPosition();
            // what could go: every record below the end; the active segment stays, so only sealed ones are deleted
            beyond = readFrom(wal, bound, target);
            deleted = wal.deleteUpTo(target);
        }
        long firstAfter = wal.firstPosition();
        m.put("deleted_segments", deleted);
        m.put("segments_before", segmentsBefore);
        m.put("segments_after", wal.segmentCount());
        m.put("freed_bytes", bytesBefore - wal.totalSize());
        m.put("first_position_before", firstBefore);
        m.put("first_position_after", firstAfter);
        if (force) {
            m.putAll(losses(ingest, beyond, firstAfter));
            LOG.warn(
                    "wal purged with force [deleted segments={}, below={}, unpersisted rows no longer in the WAL={}]",
                    deleted,
                    firstAfter,
                    m.get("unpersisted_rows"));
        } else {
            m.put("held_by", heldBy(ingest));
            if (deleted > 0) LOG.info("wal purged [deleted segments={}, below={}]", deleted, firstAfter);
        }
        return m;
    }

    /**
     * The records in {@code [max(from, first), to)}; when the maintenance pass deletes the first segment meanwhile
     * (records below its bound: persisted and snapshotted, nothing to report), again from the new first position.
     */
    private static List<WalRecords.Entry> readFrom(Wal wal, long from, long to) {
        for (int attempt = 0; ; attempt++) {
            long first = wal.firstPosition();
            if (Math.max(from, first) >= to) return List.of();
            try {
                return WalRecords.read(wal, Math.max(from, first), to);
            } catch (WalException e) {
                if (attempt == 2 || wal.firstPosition() == first) throw e;
            }
        }
    }

    private static Map<String, Object> losses(IngestRuntime ingest, List<WalRecords.Entry> read, long firstAfter) {
        Map<Integer, String> names = WalRecords.tableNames(ingest);
        long oldestSnapshot = ingest.snapshotInterval().isZero() ? Long.MAX_VALUE : ingest.oldestSnapshotLsn();
        Map<String, WalTally> unpersisted = new LinkedHashMap<>();
        Map<String, WalTally> notSnapshotted = new LinkedHashMap<>();
        long rows = 0;
        for (WalRecords.Entry e : read) {
            if (e.position() >= firstAfter) continue; // kept: it was in the active segment
            String t = names.getOrDefault(e.tableId(), "#" + e.tableId());
            long confirmed = names.containsKey(e.tableId())
                    ? ingest.service().stats(t).confirmedLsn()
                    : Long.MAX_VALUE; // a table no longer owned: nothing of it is sent again anyway
            if (e.position() > confirmed) {
                unpersisted.computeIfAbsent(t, n -> new WalTally(n, true)).add(e);
                rows += e.rows();
            } else if (e.position() > oldestSnapshot) {
                notSnapshotted.computeIfAbsent(t, n -> new WalTally(n, false)).add(e);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unpersisted_rows", rows);
        List<Object> u = new ArrayList<>();
        for (WalTally t : unpersisted.values()) u.add(t.toMap());
        m.put("unpersisted", u);
        List<Object> s = new ArrayList<>();
        for (WalTally t : notSnapshotted.values()) s.add(t.toMap());
        m.put("persisted_not_in_snapshot", s);
        m.put(
                "note",
                rows == 0
                        ? "no unpersisted record was deleted"
                        : "these records are no longer in the WAL and were not yet confirmed in ClickHouse: the"
                                + " flusher still holds and sends them, but if Proxist stops before that they are"
                                + " lost");
        return m;
    }
}
