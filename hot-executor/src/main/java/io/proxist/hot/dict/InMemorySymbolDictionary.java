package io.proxist.hot.dict;

import io.proxist.core.dict.SymbolDictionary;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SymbolDictionary} held on the heap: ids are lost on restart. Interning is serialised by a lock (writers
 * put a writer-local {@link InternCache} in front, so the lock is taken once per new value, not per row); lookups by
 * id read a volatile array and take no lock.
 */
public final class InMemorySymbolDictionary implements SymbolDictionary {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Entries are written before the array is published or before the id leaves {@link #intern}. */
    private volatile String[] values = new String[64];

    private volatile byte[][] bytes = new byte[64][];
    private volatile int size;

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
        return "InMemorySymbolDictionary[size=" + size + "]";
    }
}
