package io.proxist.protocol.compress;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/** The method byte of a compressed frame (ClickHouse's {@code CompressionMethodByte}) this package handles. */
public enum CompressionMethod {
    /** A raw LZ4 block (LZ4 and LZ4HC share it). */
    LZ4(0x82),
    /** One or more zstd frames. */
    ZSTD(0x90),
    /** The uncompressed bytes themselves. */
    NONE(0x02);

    private static final CompressionMethod[] BY_BYTE = new CompressionMethod[256];

    static {
        for (CompressionMethod m : values()) {
            BY_BYTE[m.methodByte] = m;
        }
    }

    private final int methodByte;

    CompressionMethod(int methodByte) {
        this.methodByte = methodByte;
    }

    /** The method byte, 0..255. */
    public int methodByte() {
        return methodByte;
    }

    /** The method with this byte (only its low 8 bits count), or null when there is none. */
    public static CompressionMethod find(int methodByte) {
        return BY_BYTE[methodByte & 0xff];
    }

    /**
     * The method with this byte (only its low 8 bits count).
     *
     * @throws ProxistException UNKNOWN_COMPRESSION_METHOD when no method has it
     */
    public static CompressionMethod of(int methodByte) {
        CompressionMethod m = find(methodByte);
        if (m == null) {
            throw new ProxistException(
                    ErrorCode.UNKNOWN_COMPRESSION_METHOD,
                    "unknown compression method [byte=" + String.format("0x%02x", methodByte & 0xff) + "]");
        }
        return m;
    }
}
