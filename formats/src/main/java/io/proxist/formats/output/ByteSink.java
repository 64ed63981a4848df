package io.proxist.formats.output;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array the encoders render into before copying a whole block into the caller's buffer (and that
 * serves as scratch space for values rendered twice, such as an Array's text inside a CSV field).
 */
final class ByteSink {
    private byte[] data;
    private int size;

    ByteSink() {
        this(256);
    }

    ByteSink(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return data;
    }

    byte at(int i) {
        return data[i];
    }

    void reset() {
        size = 0;
    }

    /** Drops everything after the first {@code newSize} bytes. */
    void truncate(int newSize) {
        size = newSize;
    }

    private void ensure(int extra) {
        int need = size + extra;
        if (need < 0) {
            throw new OutOfMemoryError("output value over 2 GiB");
        }
        if (need > data.length) {
            data = Arrays.copyOf(data, Math.max(need, data.length * 2));
        }
    }

    ByteSink write(int b) {
        ensure(1);
        data[size++] = (byte) b;
        return this;
    }

    ByteSink write(byte[] b) {
        return write(b, 0, b.length);
    }

    ByteSink write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
        return this;
    }

    ByteSink write(ByteSink other) {
        return write(other.data, 0, other.size);
    }

    /** Writes a string of ASCII characters (one byte per char). */
    ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) data[size++] = (byte) s.charAt(i);
        return this;
    }

    ByteSink utf8(String s) {
        return write(s.getBytes(StandardCharsets.UTF_8));
    }

    ByteSink repeat(int b, long times) {
        if (times <= 0) {
            return this;
        }
        int n = Math.toIntExact(times);
        ensure(n);
        Arrays.fill(data, size, size + n, (byte) b);
        size += n;
        return this;
    }

    ByteSink repeat(byte[] b, long times) {
        for (long i = 0; i < times; i++) write(b);
        return this;
    }

    ByteSink decimal(long v) {
        return ascii(Long.toString(v));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    void copyTo(ByteBuf out) {
        out.writeBytes(data, 0, size);
    }

    @Override
    public String toString() {
        return new String(data, 0, size, StandardCharsets.UTF_8);
    }
}
