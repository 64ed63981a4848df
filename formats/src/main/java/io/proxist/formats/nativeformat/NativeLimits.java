package io.proxist.formats.nativeformat;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/** Upper bounds checked against every length read from the wire, before anything is allocated. */
public record NativeLimits(long maxColumns, long maxRows, long maxStringBytes, long maxElements, long maxNameBytes) {
    public static final NativeLimits DEFAULT = new NativeLimits(10_000, 100_000_000, 1L << 30, 1L << 31, 1 << 20);

    static int check(String what, long value, long max) {
        if (value < 0 || value > max || value > Integer.MAX_VALUE - 8) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    what + ": " + Long.toUnsignedString(value) + " (expected: <= " + max + ")");
        }
        return (int) value;
    }
}
