package io.proxist.protocol.tcp;

/**
 * Upper bounds on what a native-protocol client may make the server allocate, checked before allocating.
 *
 * @param maxNameBytes names, users, passwords, query ids, setting names and values, client info strings
 * @param maxQueryBytes the query text
 * @param maxInsertBytes uncompressed bytes of the blocks of one INSERT held before it is sent on
 * @param maxFrameBytes one compressed frame, compressed or decompressed
 * @param block limits of one Native block (columns, rows, strings, array elements)
 */
public record ProtocolLimits(
        int maxNameBytes,
        int maxQueryBytes,
        long maxInsertBytes,
        int maxFrameBytes,
        io.proxist.formats.nativeformat.NativeLimits block) {

    public static final ProtocolLimits DEFAULT = new ProtocolLimits(
            1 << 20, 16 << 20, 256L << 20, 128 << 20, io.proxist.formats.nativeformat.NativeLimits.DEFAULT);
}
