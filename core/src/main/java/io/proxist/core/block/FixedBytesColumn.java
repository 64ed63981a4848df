package io.proxist.core.block;

import io.proxist.core.type.DataType;

/**
 * Fixed-width values kept as their wire bytes: FixedString(N), UUID (16), Int128/UInt128/Decimal128 (16),
 * Int256/UInt256/Decimal256 (32), IPv6 (16). Value {@code i} is {@code data[i * width .. (i + 1) * width)}.
 */
public record FixedBytesColumn(DataType type, int width, byte[] data, int size) implements Column {}
