package io.proxist.server.admin;

import io.proxist.hot.snapshot.SnapshotDescriptor;
import io.proxist.hot.snapshot.SnapshotFiles;
import io.proxist.hot.snapshot.Snapshots;
import io.proxist.metadata.MetadataStore;
import io.proxist.metadata.Watermark;
import io.proxist.server.ingest.IngestRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/metadata}: the metadata store (owned tables and their stored watermarks, the symbol dictionary's
 * size, frontier-cache entries) and the hot-state snapshots on disk.
 */
final class MetadataReport {
    private MetadataReport() {}

    static Map<String, Object> of(AdminContext context) {
        IngestRuntime ingest = context.requireIngest();
        MetadataStore md = ingest.metadata();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", md.dir().toString());
        m.put("symbols", md.symbols().size());
        m.put("frontier_entries", md.frontier().size());
        Map<String, Watermark> stored = md.watermarks().all();
        List<Object> tables = new ArrayList<>();
        for (String t : ingest.service().tableNames()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("table", t);
            e.put("owned", true);
            e.put("columns", ingest.schema(t).columns().size());
            e.put("durability", ingest.service().table(t).durability().name().toLowerCase(java.util.Locale.ROOT));
            e.put("stored_watermark", watermark(stored.get(t)));
            tables.add(e);
        }
        for (Map.Entry<String, Watermark> w : stored.entrySet()) {
            if (ingest.service().manages(w.getKey())) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("table", w.getKey());
            e.put("owned", false);
            e.put("stored_watermark", watermark(w.getValue()));
            tables.add(e);
        }
        m.put("tables", tables);
        m.put("snapshots", snapshots(ingest));
        return m;
    }

    private static Map<String, Object> watermark(Watermark w) {
        if (w == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "t_persisted",
                w.tPersistedNanos() == Long.MIN_VALUE
                        ? null
                        : Instant.ofEpochSecond(0, w.tPersistedNanos()).toString());
        m.put("wal_position", w.walPosition());
        m.put("wal_log_id", w.walLogId());
        return m;
    }

    private static Map<String, Object> snapshots(IngestRuntime ingest) {
        Path dir = ingest.snapshotDirectory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("interval_seconds", ingest.snapshotInterval().toSeconds());
        m.put("oldest_kept_position", ingest.oldestSnapshotLsn() < 0 ? null : ingest.oldestSnapshotLsn());
        List<Object> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            for (long lsn : Snapshots.list(dir, SnapshotFiles.real())) {
                Path f = dir.resolve(SnapshotDescriptor.fileName(lsn));
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("file", f.getFileName().toString());
                e.put("position", lsn);
                try {
                    e.put("bytes", Files.size(f));
                    e.put("modified", Files.getLastModifiedTime(f).toInstant().toString());
                } catch (IOException gone) {
                    continue; // retention deleted it meanwhile
                }
                files.add(e);
            }
        }
        m.put("files", files);
        return m;
    }
}
