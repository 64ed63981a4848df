package io.proxist.protocol.tcp;

import io.netty.buffer.ByteBuf;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;
import java.nio.charset.StandardCharsets;

/** Reading and writing the native protocol's primitives: VarUInt, length-prefixed strings, fixed-width LE. */
final class Wire {
    private Wire() {}

    /** A String whose length is checked against {@code max} before any allocation. */
    static String readString(ByteInput in, long max, String what) {
        return new String(readBytes(in, max, what), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(ByteInput in, long max, String what) {
        long len = in.readVarUInt();
        if (len > max) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_STRING_SIZE,
                    "Too large string size: " + Long.toUnsignedString(len) + " bytes for " + what + " (maximum " + max
                            + ")");
        }
        byte[] b = new byte[(int) len];
        in.readFully(b, 0, b.length);
        return b;
    }

    static void writeVarUInt(ByteBuf out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static void writeString(ByteBuf out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarUInt(out, b.length);
        out.writeBytes(b);
    }

    /** ZigZag-encoded VarInt, as ClickHouse's readVarInt. */
    static long readVarInt(ByteInput in) {
        long u = in.readVarUInt();
        return (u >>> 1) ^ -(u & 1);
    }
}
