package io.proxist.protocol.compress;

/**
 * A 128-bit hash as ClickHouse stores it: {@code low} is {@code uint128.first}, written first, and
 * {@code high} is {@code uint128.second}; both little-endian on the wire.
 */
public record Hash128(long low, long high) {
    /** Both halves as 32 lowercase hex digits, low half first (the order ClickHouse's messages use). */
    public String toHex() {
        return String.format("%016x%016x", low, high);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
