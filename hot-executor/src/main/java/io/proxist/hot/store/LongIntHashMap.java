package io.proxist.hot.store;

import java.util.Arrays;

/** {@code long} keys to non-negative {@code int} values, open addressing; not thread-safe (the writer's). */
final class LongIntHashMap {
    static final int MISSING = -1;

    private long[] keys = new long[16];
    private int[] values = new int[16];
    private int size;

    LongIntHashMap() {
        Arrays.fill(values, MISSING);
    }

    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) return MISSING;
            if (keys[i] == key) return values[i];
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) rehash(keys.length * 2);
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private void rehash(int capacity) {
        long[] k = keys;
        int[] v = values;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
        size = 0;
        for (int i = 0; i < k.length; i++) if (v[i] != MISSING) put(k[i], v[i]);
    }

    private static int mix(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
