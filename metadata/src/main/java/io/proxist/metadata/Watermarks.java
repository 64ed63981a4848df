package io.proxist.metadata;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * T_persisted, the confirmed WAL position and the WAL's log id per table: one map value per write (see
 * {@link WatermarkDescriptor}), so the three always change together, and only forward.
 *
 * <p>{@link #advance} refuses a watermark whose T_persisted is below the stored one, or whose WAL position is
 * below the stored one in the same log. A different log id means a new WAL (its positions start again at 0): then
 * only T_persisted is compared. Writing the stored value again is allowed and changes nothing.
 *
 * <p>Crash safety: a Chronicle Map value updated in place and cut short by a crash fails its entry checksum, and
 * recovery drops the whole entry. Each table therefore has two slots (keys {@code table\0 0} and {@code table\0 1})
 * written alternately, each value carrying a sequence number; the valid slot with the larger sequence wins. A torn
 * write loses only itself, never the previous watermark.
 *
 * <p>Reads come from a heap copy loaded at open; writes are serialised by a lock (one flusher per table writes a
 * few times a second) and go to the file before the heap copy.
 */
public final class Watermarks {
    private final ChronicleMap<CharSequence, byte[]> map;
    private final ConcurrentHashMap<String, WatermarkDescriptor.Stored> current = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    /** Loads every stored watermark; a slot whose checksum fails is dropped and reported in {@code corruptions}. */
    Watermarks(ChronicleMap<CharSequence, byte[]> map, List<String> corruptions) {
        this.map = map;
        List<String> bad = new ArrayList<>();
        Map<String, WatermarkDescriptor.Stored> best = new HashMap<>();
        for (Map.Entry<CharSequence, byte[]> e : map.entrySet()) {
            String key = e.getKey().toString();
            WatermarkDescriptor.Stored s = WatermarkDescriptor.decode(e.getValue());
            if (s == null || (s.sequence() & 1) != MetadataKeys.number(key)) {
                bad.add(key);
                continue;
            }
            best.merge(MetadataKeys.table(key), s, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        current.putAll(best);
        for (String key : bad) {
            // The other slot still holds the previous watermark; with neither, the table has none, which is the
            // safe direction (the flusher re-checks from the WAL; a guessed watermark could claim missing rows).
            map.remove(key);
            corruptions.add("watermarks: dropped a slot with a bad checksum [table=" + MetadataKeys.table(key)
                    + ", slot=" + MetadataKeys.number(key) + "]");
        }
    }

    /** The table's watermark, or {@code null} when none was ever stored. */
    public Watermark get(String table) {
        WatermarkDescriptor.Stored s = current.get(MetadataKeys.checkTable(table));
        return s == null ? null : s.watermark();
    }

    /**
     * Stores {@code next} as the table's watermark.
     *
     * @throws ProxistException ({@code LOGICAL_ERROR}) when it would move T_persisted or the WAL position backwards
     */
    public void advance(String table, Watermark next) {
        MetadataKeys.checkTable(table);
        synchronized (lock) {
            WatermarkDescriptor.Stored stored = current.get(table);
            long sequence = 1;
            if (stored != null) {
                Watermark prev = stored.watermark();
                boolean tBack = next.tPersistedNanos() < prev.tPersistedNanos();
                boolean posBack = next.walLogId() == prev.walLogId() && next.walPosition() < prev.walPosition();
                if (tBack || posBack) {
                    throw new ProxistException(
                            ErrorCode.LOGICAL_ERROR,
                            "watermark would move backwards [table=" + table + ", stored=" + prev + ", refused=" + next
                                    + "]");
                }
                if (prev.equals(next)) return;
                sequence = stored.sequence() + 1;
            }
            map.put(MetadataKeys.key(table, sequence & 1), WatermarkDescriptor.encode(next, sequence));
            current.put(table, new WatermarkDescriptor.Stored(next, sequence));
        }
    }

    /** Forgets the table's watermark (the table was dropped); true when there was one. */
    public boolean remove(String table) {
        MetadataKeys.checkTable(table);
        synchronized (lock) {
            map.remove(MetadataKeys.key(table, 0));
            map.remove(MetadataKeys.key(table, 1));
            return current.remove(table) != null;
        }
    }

    /** Every stored watermark, by table name. */
    public Map<String, Watermark> all() {
        Map<String, Watermark> out = new TreeMap<>();
        current.forEach((table, s) -> out.put(table, s.watermark()));
        return out;
    }
}
