package io.proxist.hot.ops;

import java.util.Arrays;

/** A reusable, growable {@code long[]}: {@link #clear()} keeps the array; capacity doubles when full. */
public final class LongList {
    private long[] values;
    private int size;

    public LongList() {
        this(16);
    }

    public LongList(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return values[i];
    }

    public void set(int i, long v) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        values[i] = v;
    }

    public void add(long v) {
        if (size == values.length) grow(size + 1);
        values[size++] = v;
    }

    /** Makes room for {@code n} elements in total (keeps the content) and returns the backing array. */
    public long[] ensureCapacity(int n) {
        if (n > values.length) grow(n);
        return values;
    }

    /** Sets the size (after writing into {@link #array()} directly); must not exceed the capacity. */
    public void setSize(int n) {
        if (n < 0 || n > values.length) throw new IndexOutOfBoundsException(n + " of capacity " + values.length);
        size = n;
    }

    /** The backing array; valid elements are {@code [0, size())}. Replaced when the list grows. */
    public long[] array() {
        return values;
    }

    private void grow(int min) {
        int cap = values.length;
        while (cap < min) cap = cap <= (Integer.MAX_VALUE >> 1) ? cap << 1 : Integer.MAX_VALUE - 8;
        values = Arrays.copyOf(values, cap);
    }

    /** A copy of the content (tests, diagnostics: allocates). */
    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
