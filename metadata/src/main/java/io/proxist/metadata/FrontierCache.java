package io.proxist.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Per table and symbol id, the last row at or before the table's T_persisted, as bytes the caller encodes (the
 * store never looks inside). Used to answer last-by and as-of lookups at the seam without asking ClickHouse.
 *
 * <p>Ordering with the watermark: entries live in a different map from the watermark, so the two cannot change in
 * one step. Write the frontier rows for a new T_persisted <em>before</em> advancing the watermark: after a crash
 * in between, an entry may describe a row newer than the stored T_persisted (the caller sees that from the row's
 * timestamp and refreshes it), but never an entry that is silently too old.
 *
 * <p>Reads go to the file (the cache can hold more rows than the heap should); every method is thread-safe.
 */
public final class FrontierCache {
    /** Receives one frontier entry of a table. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int symbolId, byte[] row);
    }

    private final ChronicleMap<CharSequence, byte[]> map;

    FrontierCache(ChronicleMap<CharSequence, byte[]> map) {
        this.map = map;
    }

    /** Stores {@code row} (copied) as the frontier of {@code (table, symbolId)}, replacing the previous one. */
    public void put(String table, int symbolId, byte[] row) {
        map.put(MetadataKeys.key(table, checkId(symbolId)), row.clone());
    }

    /** The frontier row of {@code (table, symbolId)}, or {@code null}. */
    public byte[] get(String table, int symbolId) {
        return map.get(MetadataKeys.key(table, checkId(symbolId)));
    }

    /** Removes one entry; true when it existed. */
    public boolean remove(String table, int symbolId) {
        return map.remove(MetadataKeys.key(table, checkId(symbolId))) != null;
    }

    /** Every entry of {@code table}, in no particular order. Scans the whole cache. */
    public void forEach(String table, EntryConsumer consumer) {
        String prefix = MetadataKeys.prefix(table);
        for (Map.Entry<CharSequence, byte[]> e : map.entrySet()) {
            String key = e.getKey().toString();
            if (key.startsWith(prefix) && key.indexOf(MetadataKeys.SEPARATOR, prefix.length()) < 0) {
                consumer.accept((int) MetadataKeys.number(key), e.getValue());
            }
        }
    }

    /** Removes every entry of {@code table}; returns how many. */
    public int removeTable(String table) {
        List<Integer> ids = new ArrayList<>();
        forEach(table, (id, row) -> ids.add(id));
        int removed = 0;
        for (int id : ids) {
            if (remove(table, id)) removed++;
        }
        return removed;
    }

    /** Number of entries over all tables. */
    public long size() {
        return map.longSize();
    }

    private static int checkId(int symbolId) {
        if (symbolId < 0) throw new IllegalArgumentException("negative symbol id [id=" + symbolId + "]");
        return symbolId;
    }
}
