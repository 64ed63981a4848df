package io.proxist.protocol.compress;

/** Little-endian integers in byte arrays, as every field of a frame is stored. */
final class LittleEndian {
    private LittleEndian() {}

    /** The unsigned 32-bit integer at {@code b[i]}. */
    static long getUint32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    static long getLong(byte[] b, int i) {
        return getUint32(b, i) | getUint32(b, i + 4) << 32;
    }

    /** Writes the low 32 bits of {@code v}. */
    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    static void putLong(byte[] b, int i, long v) {
        putInt(b, i, (int) v);
        putInt(b, i + 4, (int) (v >>> 32));
    }
}
