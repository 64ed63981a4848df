package io.proxist.hot.dict;

import io.proxist.core.dict.SymbolDictionary;
import java.util.Arrays;

/**
 * A writer-local cache in front of a {@link SymbolDictionary}: UTF-8 byte slices to ids without allocating a
 * {@code String} per row. Open addressing with linear probing; cleared when it reaches {@link #MAX_ENTRIES} (the
 * dictionary stays authoritative). Not thread-safe: one cache per writer.
 */
public final class InternCache {
    static final int MAX_ENTRIES = 1 << 20;

    private final SymbolDictionary dictionary;
    private byte[][] keys = new byte[64][];
    private int[] hashes = new int[64];
    private int[] ids = new int[64];
    private int entries;

    public InternCache(SymbolDictionary dictionary) {
        this.dictionary = dictionary;
    }

    public SymbolDictionary dictionary() {
        return dictionary;
    }

    /** The id of {@code data[off, off + len)}, interning it in the dictionary on a miss. */
    public int idOf(byte[] data, int off, int len) {
        int h = hash(data, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) break;
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, data, off, off + len)) return ids[i];
        }
        int id = dictionary.intern(data, off, len);
        if (entries >= MAX_ENTRIES) clear();
        if ((entries + 1) * 2 > keys.length) rehash(keys.length * 2);
        insert(Arrays.copyOfRange(data, off, off + len), h, id);
        return id;
    }

    /** Number of cached values. */
    public int size() {
        return entries;
    }

    private void clear() {
        keys = new byte[64][];
        hashes = new int[64];
        ids = new int[64];
        entries = 0;
    }

    private void insert(byte[] key, int h, int id) {
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) i = (i + 1) & mask;
        keys[i] = key;
        hashes[i] = h;
        ids[i] = id;
        entries++;
    }

    private void rehash(int capacity) {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldIds = ids;
        keys = new byte[capacity][];
        hashes = new int[capacity];
        ids = new int[capacity];
        entries = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) insert(oldKeys[i], oldHashes[i], oldIds[i]);
        }
    }

    private static int hash(byte[] data, int off, int len) {
        int h = 0x811C9DC5;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ data[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
