package io.proxist.formats.nativeformat;

/** Which Native-format fields a protocol revision carries (ClickHouse src/Core/ProtocolDefines.h). */
public final class NativeRevision {
    /** BlockInfo precedes each block from this revision on; HTTP's client_protocol_version=0 has none. */
    public static final int WITH_BLOCK_INFO = 51903;
    /** A custom-serialization flag follows each column's type from this revision on. */
    public static final int WITH_CUSTOM_SERIALIZATION = 54454;

    private NativeRevision() {}

    public static boolean hasBlockInfo(int revision) {
        return revision >= WITH_BLOCK_INFO;
    }

    public static boolean hasCustomSerialization(int revision) {
        return revision >= WITH_CUSTOM_SERIALIZATION;
    }
}
