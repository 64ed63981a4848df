package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Arrays;

/** A growable byte buffer for a value being unescaped, bounded by the string limit. */
final class Scratch {
    byte[] b = new byte[256];
    int len;
    private final int max;

    Scratch(int max) {
        this.max = max;
    }

    void clear() {
        len = 0;
    }

    void add(int c) {
        if (len == b.length) grow(1);
        b[len++] = (byte) c;
    }

    void add(byte[] src, int off, int n) {
        if (n > b.length - len) grow(n);
        System.arraycopy(src, off, b, len, n);
        len += n;
    }

    private void grow(int n) {
        long need = (long) len + n;
        if (need > max) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE, "string longer than the limit of " + max + " bytes");
        }
        b = Arrays.copyOf(b, (int) Math.min(Math.max(need, (long) b.length * 2), (long) max + 16));
    }
}
