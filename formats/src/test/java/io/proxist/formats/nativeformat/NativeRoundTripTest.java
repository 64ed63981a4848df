package io.proxist.formats.nativeformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.io.EndOfInputException;
import io.proxist.formats.io.StreamInput;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real server is the oracle: what it writes in Native, Proxist reads and writes back byte for byte. */
@WithClickHouse
class NativeRoundTripTest {
    static final String ALL_TYPES =
            "SELECT toInt8(-number) AS i8, toUInt8(number) AS u8, toInt16(-300 * number) AS i16,"
                    + " toUInt16(60000 + number) AS u16, toInt32(-70000 * number) AS i32, toUInt32(4000000000 + number) AS u32,"
                    + " toInt64(-5000000000 * number) AS i64, toUInt64(18446744073709551615 - number) AS u64,"
                    + " toFloat32(number / 3) AS f32, toFloat64(number / 7) AS f64, concat('s', toString(number), '\\t\\n\\'') AS s,"
                    + " toFixedString(toString(number % 100), 3) AS fs, toDate('2024-02-29') + number AS d,"
                    + " toDateTime('2024-03-10 06:59:59', 'UTC') + number * 3600 AS dt,"
                    + " CAST(number % 2 + 1 AS Enum8('a' = 1, 'b' = 2)) AS e8, CAST(number % 2 AS Enum16('x' = 0, 'y' = 1000)) AS e16,"
                    + " toUUID('01234567-89ab-cdef-0123-456789abcdef') AS uuid,"
                    + " if(number % 3 = 0, NULL, number) AS n, range(number % 4) AS arr, [[toString(number)], []] AS arr2,"
                    + " [if(number % 2 = 0, NULL, 'z')] AS arrn, (number, toString(number)) AS tup"
                    + " FROM system.numbers LIMIT 1000";

    static byte[] fetch(TestClickHouse ch, String sql) throws IOException, InterruptedException {
        String url = ch.endpoint().httpUrl() + "/?query="
                + URLEncoder.encode(sql + " FORMAT Native", StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    static List<Block> readAll(byte[] bytes, int revision) {
        NativeBlockReader reader = new NativeBlockReader(
                new StreamInput(new ByteArrayInputStream(bytes), 7), revision, NativeLimits.DEFAULT);
        List<Block> blocks = new ArrayList<>();
        for (Block b = reader.next(); b != null; b = reader.next()) blocks.add(b);
        return blocks;
    }

    static byte[] writeAll(List<Block> blocks, int revision) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (Block b : blocks) NativeBlockWriter.write(b, revision, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    @Test
    void everyTypeRoundTripsByteForByte(TestClickHouse ch) throws Exception {
        byte[] server = fetch(ch, ALL_TYPES);
        List<Block> blocks = readAll(server, 0);
        assertEquals(1000, blocks.stream().mapToInt(Block::rows).sum());
        assertArrayEquals(server, writeAll(blocks, 0));
        Block first = blocks.getFirst();
        assertEquals(-1L * 0, ((LongColumn) first.column(0)).get(0));
        assertEquals(-1L, ((LongColumn) first.column(7)).get(0), "UInt64 max as its bits");
        assertEquals("s0\t\n'", ((BytesColumn) first.column(10)).getString(0));
    }

    @Test
    void blockInfoAndCustomSerializationRevisionsRoundTrip(TestClickHouse ch) throws Exception {
        List<Block> blocks = readAll(fetch(ch, ALL_TYPES), 0);
        for (int revision : new int[] {54405, 54460}) {
            byte[] bytes = writeAll(blocks, revision);
            assertArrayEquals(bytes, writeAll(readAll(bytes, revision), revision), "revision " + revision);
        }
    }

    @Test
    void lowCardinalityIsReadAsItsValues(TestClickHouse ch) throws Exception {
        String sql =
                "SELECT toLowCardinality(toString(number % 5)) AS lc, toString(number % 5) AS s FROM system.numbers"
                        + " LIMIT 300 SETTINGS allow_experimental_low_cardinality_type = 1";
        byte[] server;
        try {
            server = fetch(ch, sql);
        } catch (AssertionError unsupported) {
            server = null;
        }
        if (server != null) {
            for (Block b : readAll(server, 0)) {
                BytesColumn lc = assertInstanceOf(BytesColumn.class, b.column(0));
                BytesColumn s = (BytesColumn) b.column(1);
                assertEquals("String", lc.type().toString());
                for (int i = 0; i < b.rows(); i++) assertEquals(s.getString(i), lc.getString(i));
            }
        }
        // a dictionary-encoded column written as ClickHouse writes it: version, flags, dictionary, rows, indexes
        ByteBuf buf = Unpooled.buffer();
        try {
            NativeBlockWriter.writeVarUInt(buf, 1);
            NativeBlockWriter.writeVarUInt(buf, 3);
            NativeBlockWriter.writeString(buf, "lc");
            NativeBlockWriter.writeString(buf, "LowCardinality(Nullable(String))");
            buf.writeLongLE(1); // key version
            buf.writeLongLE((1L << 9) | 0); // additional keys, UInt8 indexes
            buf.writeLongLE(2); // dictionary: NULL slot, "x"
            NativeBlockWriter.writeVarUInt(buf, 0);
            NativeBlockWriter.writeString(buf, "x");
            buf.writeLongLE(3);
            buf.writeBytes(new byte[] {1, 0, 1});
            Block b = new NativeBlockReader(new ByteBufInput(buf), 0, NativeLimits.DEFAULT).next();
            assertEquals("Nullable(String)", b.column(0).type().toString());
            var n = (io.proxist.core.block.NullableColumn) b.column(0);
            assertEquals(List.of(false, true, false), List.of(n.isNull(0), n.isNull(1), n.isNull(2)));
            assertEquals("x", ((BytesColumn) n.inner()).getString(2));
        } finally {
            buf.release();
        }
    }

    @Test
    void truncatedInputAtEveryPointFailsCleanly(TestClickHouse ch) throws Exception {
        byte[] server = fetch(ch, ALL_TYPES.replace("LIMIT 1000", "LIMIT 3"));
        for (int cut = 1; cut < server.length; cut++) {
            ByteBuf buf = Unpooled.wrappedBuffer(server, 0, cut);
            try {
                NativeBlockReader r = new NativeBlockReader(new ByteBufInput(buf), 0, NativeLimits.DEFAULT);
                assertThrows(EndOfInputException.class, r::next, "cut at " + cut);
            } finally {
                buf.release();
            }
        }
        assertNull(
                new NativeBlockReader(new StreamInput(new ByteArrayInputStream(new byte[0])), 0, NativeLimits.DEFAULT)
                        .next());
    }

    @Test
    void lengthsOverTheLimitsAreRefusedBeforeAllocating() {
        NativeLimits small = new NativeLimits(10, 1000, 100, 1000, 100);
        ByteBuf buf = Unpooled.buffer();
        try {
            NativeBlockWriter.writeVarUInt(buf, 1);
            NativeBlockWriter.writeVarUInt(buf, 1_000_000_000L);
            ProxistException e = assertThrows(
                    ProxistException.class, () -> new NativeBlockReader(new ByteBufInput(buf), 0, small).next());
            assertEquals("block rows: 1000000000 (expected: <= 1000)", e.getMessage());
        } finally {
            buf.release();
        }
    }

    @Test
    void seededMutationsNeverEscapeAsOtherExceptions(TestClickHouse ch) throws Exception {
        byte[] valid = fetch(ch, ALL_TYPES.replace("LIMIT 1000", "LIMIT 20"));
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        NativeLimits limits = new NativeLimits(100, 100_000, 1 << 20, 1 << 20, 1 << 10);
        for (int iter = 0; iter < 5_000; iter++) {
            byte[] m = valid.clone();
            for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            ByteBuf buf = Unpooled.wrappedBuffer(m);
            try {
                NativeBlockReader r = new NativeBlockReader(new ByteBufInput(buf), 0, limits);
                while (r.next() != null) {
                    // decode everything
                }
            } catch (ProxistException expected) {
                // a clean refusal
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", iteration " + iter + ": " + e, e);
            } finally {
                buf.release();
            }
        }
        assertTrue(valid.length > 0);
    }
}
