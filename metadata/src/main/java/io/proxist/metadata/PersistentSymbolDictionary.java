package io.proxist.metadata;

import io.proxist.core.dict.SymbolDictionary;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A {@link SymbolDictionary} whose ids survive restarts and crashes: every assignment is one entry
 * {@code value -> id} of a persisted Chronicle Map, written before the id is returned.
 *
 * <p>Ids are dense: interning is serialised by a lock and the next id is always the current size, so the entries
 * on disk are exactly {@code 0 .. size-1} (an id is returned only after its entry is in the map, so a crash can lose
 * at most an id nobody has seen). {@linkplain MetadataStore#open(java.nio.file.Path) Opening} checks this and refuses a file that breaks it.
 *
 * <p>Lookups never touch the file: a heap copy (a concurrent map from value to id, and volatile arrays from id to
 * value) is loaded at open and kept in step. Writers put a hot-executor {@code InternCache} in front, so the lock
 * is taken once per new value, not per row.
 */
public final class PersistentSymbolDictionary implements SymbolDictionary {
    private final ChronicleMap<CharSequence, Integer> map;
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Entries are written before the array is published or before the id leaves {@link #intern}. */
    private volatile String[] values;

    private volatile byte[][] bytes;
    private volatile int size;

    PersistentSymbolDictionary(ChronicleMap<CharSequence, Integer> map) {
        this.map = map;
        int n = Math.toIntExact(map.longSize());
        String[] v = new String[Math.max(64, n)];
        for (Map.Entry<CharSequence, Integer> e : map.entrySet()) {
            String value = e.getKey().toString();
            int id = e.getValue();
            if (id < 0 || id >= n || v[id] != null) {
                throw new ProxistException(
                        ErrorCode.CORRUPTED_DATA,
                        "symbol dictionary ids are not dense [value=" + value + ", id=" + id + ", size=" + n
                                + (id >= 0 && id < n ? ", also=" + v[id] : "") + ", file=" + map.file() + "]");
            }
            v[id] = value;
            ids.put(value, id);
        }
        byte[][] b = new byte[v.length][];
        for (int i = 0; i < n; i++) b[i] = v[i].getBytes(StandardCharsets.UTF_8);
        this.bytes = b;
        this.values = v;
        this.size = n;
    }

    @Override
    public int intern(byte[] utf8, int off, int len) {
        return intern(new String(utf8, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public int intern(String value) {
        Objects.requireNonNull(value, "value");
        Integer id = ids.get(value);
        if (id != null) return id;
        synchronized (lock) {
            id = ids.get(value);
            if (id != null) return id;
            int next = size;
            if (next == Integer.MAX_VALUE) {
                throw new ProxistException(
                        ErrorCode.MEMORY_LIMIT_EXCEEDED, "symbol dictionary is full [size=" + next + "]");
            }
            Integer previous;
            try {
                previous = map.putIfAbsent(value, next);
            } catch (IllegalStateException e) {
                throw new ProxistException(
                        ErrorCode.MEMORY_LIMIT_EXCEEDED,
                        "symbol dictionary file is full [size=" + next + ", file=" + map.file()
                                + "]: raise the symbol capacity for new stores",
                        e);
            }
            if (previous != null) {
                throw new ProxistException(
                        ErrorCode.LOGICAL_ERROR,
                        "symbol dictionary file and heap disagree [value=" + value + ", id=" + previous + "]");
            }
            String[] v = values;
            byte[][] b = bytes;
            if (next == v.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 16L, 2L * v.length);
                v = Arrays.copyOf(v, cap);
                b = Arrays.copyOf(b, cap);
            }
            v[next] = value;
            b[next] = value.getBytes(StandardCharsets.UTF_8);
            bytes = b;
            values = v;
            size = next + 1;
            ids.put(value, next);
            return next;
        }
    }

    @Override
    public int find(String value) {
        Integer id = ids.get(value);
        return id == null ? NOT_FOUND : id;
    }

    @Override
    public String value(int id) {
        checkId(id);
        return values[id];
    }

    @Override
    public byte[] bytes(int id) {
        checkId(id);
        return bytes[id];
    }

    @Override
    public int size() {
        return size;
    }

    private void checkId(int id) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException("unknown symbol id [id=" + id + ", size=" + size + "]");
        }
    }

    @Override
    public String toString() {
        return "PersistentSymbolDictionary[size=" + size + ", file=" + map.file() + "]";
    }
}
