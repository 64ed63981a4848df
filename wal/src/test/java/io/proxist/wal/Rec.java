package io.proxist.wal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/** A record as a test sees it: where it is and what it holds. */
final class Rec {
    final long position;
    final int type;
    final int tableId;
    final byte[] payload;
    final Durability durability;

    Rec(long position, int type, int tableId, byte[] payload, Durability durability) {
        this.position = position;
        this.type = type;
        this.tableId = tableId;
        this.payload = payload;
        this.durability = durability;
    }

    static Rec copyOf(long position, int type, int tableId, ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        return new Rec(position, type, tableId, b, null);
    }

    long length() {
        return WalDescriptor.RECORD_HEADER_LENGTH + payload.length;
    }

    long end() {
        return position + length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rec r
                && r.position == position
                && r.type == type
                && r.tableId == tableId
                && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(position) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(payload, 0, Math.min(8, payload.length));
        return "Rec[pos=" + position + ", type=" + type + ", table=" + tableId + ", len=" + payload.length + ", " + hex
                + (payload.length > 8 ? "..." : "") + "]";
    }
}
