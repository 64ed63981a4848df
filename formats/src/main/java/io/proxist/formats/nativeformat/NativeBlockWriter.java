package io.proxist.formats.nativeformat;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import java.nio.charset.StandardCharsets;

/**
 * Writes blocks in ClickHouse's Native format for a protocol revision (0 for HTTP without
 * client_protocol_version). LowCardinality never appears: columns are held materialised and written plain.
 */
public final class NativeBlockWriter {
    private static final byte[] BLOCK_INFO = {1, 0, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};

    private NativeBlockWriter() {}

    public static void write(Block block, int revision, ByteBuf out) {
        if (NativeRevision.hasBlockInfo(revision)) {
            out.writeBytes(BLOCK_INFO);
        }
        writeVarUInt(out, block.columnCount());
        writeVarUInt(out, block.rows());
        for (int c = 0; c < block.columnCount(); c++) {
            Column col = block.column(c);
            writeString(out, block.name(c));
            writeString(out, col.type().toString());
            if (NativeRevision.hasCustomSerialization(revision)) {
                out.writeByte(0);
            }
            if (block.rows() > 0) {
                writeColumn(col, 0, block.rows(), out);
            }
        }
    }

    /** Rows {@code [from, to)} of a column. */
    static void writeColumn(Column col, int from, int to, ByteBuf out) {
        switch (col) {
            case LongColumn l -> writeLongs(l, from, to, out);
            case DoubleColumn d -> {
                if (d.type().is("Float32")) {
                    for (int i = from; i < to; i++) out.writeIntLE(Float.floatToRawIntBits((float) d.values()[i]));
                } else {
                    for (int i = from; i < to; i++) out.writeLongLE(Double.doubleToRawLongBits(d.values()[i]));
                }
            }
            case BytesColumn b -> {
                if (b.type().is("FixedString")) {
                    int n = Integer.parseInt(b.type().literal(0));
                    for (int i = from; i < to; i++) {
                        int len = Math.min(n, b.length(i));
                        out.writeBytes(b.data(), b.start(i), len);
                        out.writeZero(n - len);
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        writeVarUInt(out, b.length(i));
                        out.writeBytes(b.data(), b.start(i), b.length(i));
                    }
                }
            }
            case FixedBytesColumn f -> out.writeBytes(f.data(), from * f.width(), (to - from) * f.width());
            case NullableColumn n -> {
                out.writeBytes(n.nullMap(), from, to - from);
                writeColumn(n.inner(), from, to, out);
            }
            case ArrayColumn a -> {
                long base = a.start(from);
                for (int i = from; i < to; i++) out.writeLongLE(a.offsets()[i] - base);
                writeColumn(a.elements(), (int) base, a.end(to - 1), out);
            }
            case TupleColumn t -> {
                for (Column e : t.elements()) writeColumn(e, from, to, out);
            }
        }
    }

    private static void writeLongs(LongColumn l, int from, int to, ByteBuf out) {
        long[] v = l.values();
        switch (io.proxist.core.block.ColumnKind.width(l.type())) {
            case 1 -> {
                for (int i = from; i < to; i++) out.writeByte((int) v[i]);
            }
            case 2 -> {
                for (int i = from; i < to; i++) out.writeShortLE((int) v[i]);
            }
            case 4 -> {
                for (int i = from; i < to; i++) out.writeIntLE((int) v[i]);
            }
            default -> {
                for (int i = from; i < to; i++) out.writeLongLE(v[i]);
            }
        }
    }

    public static void writeVarUInt(ByteBuf out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    public static void writeString(ByteBuf out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarUInt(out, b.length);
        out.writeBytes(b);
    }
}
