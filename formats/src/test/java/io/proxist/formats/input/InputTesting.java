package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.io.StreamInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Feeding a decoder in different ways, and comparing blocks cell by cell. */
final class InputTesting {
    private InputTesting() {}

    /** How the body reaches the decoder. */
    enum Feed {
        /** One ByteBuf holding everything, marked last. */
        WHOLE,
        /** A blocking stream (StreamInput with a tiny buffer), marked last. */
        STREAM,
        /** One byte per piece, alternating ByteBuf and ByteInput pieces. */
        BYTES,
        /** Pieces of random sizes (seeded). */
        RANDOM
    }

    static List<DataType> types(String... types) {
        List<DataType> out = new ArrayList<>();
        for (String t : types) out.add(DataType.parse(t));
        return out;
    }

    static List<Block> decode(String format, List<String> names, List<DataType> types, InputSettings s, String body) {
        return decode(format, names, types, s, body.getBytes(StandardCharsets.UTF_8), Feed.WHOLE, 0);
    }

    static List<Block> decode(
            String format,
            List<String> names,
            List<DataType> types,
            InputSettings s,
            byte[] body,
            Feed feed,
            long seed) {
        InputFormat f = InputFormats.create(format, names, types, s);
        List<Block> out = new ArrayList<>();
        switch (feed) {
            case WHOLE -> {
                ByteBuf buf = Unpooled.wrappedBuffer(body);
                try {
                    f.feed(buf, true);
                    drain(f, out);
                } finally {
                    buf.release();
                }
            }
            case STREAM -> {
                f.open(new StreamInput(new ByteArrayInputStream(body), 7));
                drain(f, out);
            }
            case BYTES -> {
                if (body.length == 0) f.feed(Unpooled.EMPTY_BUFFER, true);
                for (int i = 0; i < body.length; i++) piece(f, body, i, 1, i == body.length - 1, i % 2 == 0, out);
                drain(f, out);
            }
            case RANDOM -> {
                Random rnd = new Random(seed);
                int at = 0;
                boolean done = false;
                while (!done) {
                    int n = Math.min(body.length - at, rnd.nextInt(4) == 0 ? rnd.nextInt(2000) : rnd.nextInt(40));
                    done = at + n == body.length && rnd.nextInt(3) != 0;
                    piece(f, body, at, n, done, rnd.nextBoolean(), out);
                    at += n;
                }
                drain(f, out);
            }
        }
        assertTrue(f.finished(), "decoder finished");
        assertEquals(out.stream().mapToLong(Block::rows).sum(), f.rowsRead());
        return out;
    }

    private static void piece(
            InputFormat f, byte[] body, int at, int n, boolean last, boolean asByteBuf, List<Block> out) {
        ByteBuf buf = Unpooled.wrappedBuffer(body, at, n);
        try {
            if (asByteBuf) f.feed(buf, last);
            else f.feed(new ByteBufInput(buf), last);
            drain(f, out);
            assertEquals(0, buf.readableBytes(), "a decoder takes every byte fed before returning null");
        } finally {
            buf.release();
        }
    }

    private static void drain(InputFormat f, List<Block> out) {
        for (Block b = f.next(); b != null; b = f.next()) out.add(b);
    }

    /** Every row of the blocks, each cell rendered canonically (type-sensitive). */
    static List<List<String>> rows(List<Block> blocks) {
        List<List<String>> out = new ArrayList<>();
        for (Block b : blocks) {
            for (int r = 0; r < b.rows(); r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < b.columnCount(); c++) row.add(cell(b.column(c), r));
                out.add(row);
            }
        }
        return out;
    }

    /** Blocks as text: names, types, row counts and cells; equal strings mean identical blocks. */
    static String describe(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            sb.append("block ").append(b.rows()).append(" rows\n");
            for (int c = 0; c < b.columnCount(); c++) {
                sb.append(b.name(c)).append(' ').append(b.column(c).type()).append('\n');
            }
            for (List<String> row : rows(List.of(b)))
                sb.append(String.join(" | ", row)).append('\n');
        }
        return sb.toString();
    }

    static String cell(Column c, int row) {
        return switch (c) {
            case LongColumn l -> Long.toString(l.get(row));
            case DoubleColumn d -> Double.isNaN(d.get(row)) ? "nan" : Double.toString(d.get(row));
            case BytesColumn b -> "'" + escape(b.data(), b.start(row), b.length(row)) + "'";
            case FixedBytesColumn f -> "x" + HexFormat.of().formatHex(f.data(), row * f.width(), (row + 1) * f.width());
            case NullableColumn n -> n.isNull(row) ? "NULL" : cell(n.inner(), row);
            case ArrayColumn a -> {
                List<String> e = new ArrayList<>();
                for (int i = a.start(row); i < a.end(row); i++) e.add(cell(a.elements(), i));
                yield "[" + String.join(",", e) + "]";
            }
            case TupleColumn t -> {
                List<String> e = new ArrayList<>();
                for (Column x : t.elements()) e.add(cell(x, row));
                yield "(" + String.join(",", e) + ")";
            }
        };
    }

    private static String escape(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xFF;
            if (v < 0x20 || v == '\\' || v == '\'' || v >= 0x7F) sb.append(String.format("\\x%02x", v));
            else sb.append((char) v);
        }
        return sb.toString();
    }
}
