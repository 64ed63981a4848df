package io.proxist.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The hot-state snapshots that exist, per table: (snapshot LSN, file name, file checksum). Recovery starts from
 * the latest entry whose file still verifies; WAL segments below the smallest LSN still needed may be deleted.
 *
 * <p>Record an entry only after the snapshot file is written and fsynced; remove it before deleting the file. Each
 * value carries its own checksum ({@link SnapshotEntryDescriptor}); an entry that fails it is skipped by
 * {@link #list}. Thread-safe; small (a few entries per table), so listing scans the map.
 */
public final class SnapshotManifest {
    private final ChronicleMap<CharSequence, byte[]> map;

    SnapshotManifest(ChronicleMap<CharSequence, byte[]> map, List<String> corruptions) {
        this.map = map;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<CharSequence, byte[]> e : map.entrySet()) {
            String key = e.getKey().toString();
            SnapshotEntry s = SnapshotEntryDescriptor.decode(MetadataKeys.table(key), e.getValue());
            if (s == null || s.snapshotLsn() != MetadataKeys.number(key)) bad.add(key);
        }
        for (String key : bad) {
            map.remove(key);
            corruptions.add("snapshots: dropped an entry with a bad checksum [table=" + MetadataKeys.table(key)
                    + ", lsn=" + MetadataKeys.number(key) + "]");
        }
    }

    /** Records {@code entry}, replacing an entry of the same table and LSN. */
    public void add(SnapshotEntry entry) {
        map.put(MetadataKeys.key(entry.table(), entry.snapshotLsn()), SnapshotEntryDescriptor.encode(entry));
    }

    /** The entry of {@code (table, lsn)}, or {@code null}. */
    public SnapshotEntry get(String table, long lsn) {
        SnapshotEntry e = SnapshotEntryDescriptor.decode(table, map.get(MetadataKeys.key(table, lsn)));
        return e != null && e.snapshotLsn() == lsn ? e : null;
    }

    /** Removes the entry of {@code (table, lsn)}; true when it existed. */
    public boolean remove(String table, long lsn) {
        return map.remove(MetadataKeys.key(table, lsn)) != null;
    }

    /** The table's entries, oldest (smallest LSN) first. */
    public List<SnapshotEntry> list(String table) {
        String prefix = MetadataKeys.prefix(table);
        List<SnapshotEntry> out = new ArrayList<>();
        for (Map.Entry<CharSequence, byte[]> e : map.entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith(prefix) && key.indexOf(MetadataKeys.SEPARATOR, prefix.length()) < 0) {
                SnapshotEntry s = SnapshotEntryDescriptor.decode(table, e.getValue());
                if (s != null && s.snapshotLsn() == MetadataKeys.number(key)) out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(SnapshotEntry::snapshotLsn));
        return out;
    }

    /** The table's entry with the largest LSN, or {@code null}. */
    public SnapshotEntry latest(String table) {
        List<SnapshotEntry> all = list(table);
        return all.isEmpty() ? null : all.getLast();
    }
}
