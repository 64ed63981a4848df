package io.proxist.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real ClickHouse as the oracle for CityHash128 v1.0.2 and the frame layout: its HTTP interface reads a
 * request body of compressed frames ({@code decompress=1}) only when every checksum matches, and writes its
 * response as frames ({@code compress=1}) that this package must verify and decode.
 */
@WithClickHouse
class ClickHouseAcceptsFramesTest {
    private static final int ROWS = 100_000;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ParameterizedTest
    @EnumSource(CompressionMethod.class)
    void serverAcceptsAnInsertBodySentAsFrames(CompressionMethod method, TestClickHouse ch) throws Exception {
        String table = "rows_" + method.name().toLowerCase(Locale.ROOT);
        ch.query("CREATE TABLE " + table + " (id UInt64, name String) ENGINE = Memory");
        byte[] body = tsvRows(ROWS);
        byte[] frames = framesOfVaryingSizes(body, method, 7);
        assertArrayEquals(body, CompressedFrames.decompress(frames));

        HttpResponse<String> resp = postInsert(ch, table, frames);

        assertEquals(200, resp.statusCode(), () -> method + ": " + resp.body());
        long n = ROWS;
        assertEquals(
                n + "\t" + (n * (n - 1) / 2) + "\t" + expectedNameLengths(ROWS) + "\n",
                ch.query("SELECT count(), sum(id), sum(length(name)) FROM " + table));
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionMethod.class,
            names = {"LZ4", "ZSTD"})
    void serverRejectsAFrameWithOneFlippedChecksumBit(CompressionMethod method, TestClickHouse ch) throws Exception {
        String table = "flipped_" + method.name().toLowerCase(Locale.ROOT);
        ch.query("CREATE TABLE " + table + " (id UInt64, name String) ENGINE = Memory");
        byte[] frames = new FrameEncoder(method).encode(tsvRows(1000));
        FrameHeader header = FrameHeader.read(frames, 0, FrameLimits.DEFAULT);
        Hash128 ours = CityHash128.cityHash128(frames, FrameDescriptor.HEADER_OFFSET, header.compressedSize());
        frames[FrameDescriptor.CHECKSUM_HIGH_OFFSET + 3] ^= 0x10;

        HttpResponse<String> resp = postInsert(ch, table, frames);

        assertNotEquals(200, resp.statusCode(), resp.body());
        assertTrue(resp.body().contains("Checksum doesn't match"), resp.body());
        // The server names the checksum it computed itself ("Actual", low half first): it must be ours.
        assertTrue(resp.body().contains("Actual: " + ours.toHex()), () -> ours.toHex() + " vs " + resp.body());
        assertEquals("0\n", ch.query("SELECT count() FROM " + table));
    }

    @Test
    void serverRejectsAFlippedChecksumBitInALaterFrame(TestClickHouse ch) throws Exception {
        ch.query("CREATE TABLE flipped_later (id UInt64, name String) ENGINE = Memory");
        byte[] frames = new FrameEncoder(CompressionMethod.LZ4, 4096, 1).encode(tsvRows(5000));
        FrameHeader first = FrameHeader.read(frames, 0, FrameLimits.DEFAULT);
        frames[first.frameLength() + FrameDescriptor.CHECKSUM_LOW_OFFSET] ^= 0x01;

        HttpResponse<String> resp = postInsert(ch, "flipped_later", frames);

        assertNotEquals(200, resp.statusCode(), resp.body());
        assertTrue(resp.body().contains("Checksum doesn't match"), resp.body());
    }

    @Test
    void serverResponseFramesVerifyAndDecode(TestClickHouse ch) throws Exception {
        String sql = "SELECT number, toString(number * 7919) FROM system.numbers LIMIT 300000";
        byte[] plain = get(ch, sql, "");
        byte[] frames = get(ch, sql, "&compress=1");

        assertTrue(frames.length > FrameDescriptor.PREFIX_LENGTH);
        assertEquals(CompressionMethod.LZ4, CompressionMethod.of(frames[FrameDescriptor.METHOD_OFFSET]));
        assertArrayEquals(plain, CompressedFrames.decompress(frames));
    }

    /** "id\tname\n" rows whose names vary in length, so frames cut them at every kind of position. */
    private static byte[] tsvRows(int rows) {
        StringBuilder sb = new StringBuilder(rows * 24);
        for (int i = 0; i < rows; i++) {
            sb.append(i).append('\t').append(name(i)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String name(int i) {
        return "n" + Integer.toHexString(i * 0x9E3779B1).repeat(1 + i % 3);
    }

    private static long expectedNameLengths(int rows) {
        long sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += name(i).length();
        }
        return sum;
    }

    /**
     * Frames of 1, 2, ... 300 bytes first (checksummed lengths 10..309 reach every branch of CityHash128), then
     * random sizes up to 64 KiB, then the rest in ClickHouse's default 1 MiB blocks.
     */
    private static byte[] framesOfVaryingSizes(byte[] body, CompressionMethod method, long seed) {
        FrameEncoder encoder = new FrameEncoder(method);
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        for (int size = 1; size <= 300 && pos < body.length; size++) {
            out.writeBytes(encoder.encode(body, pos, size));
            pos += size;
        }
        for (int i = 0; i < 20 && pos < body.length; i++) {
            int size = Math.min(body.length - pos, 1 + random.nextInt(64 << 10));
            out.writeBytes(encoder.encode(body, pos, size));
            pos += size;
        }
        out.writeBytes(encoder.encode(body, pos, body.length - pos));
        return out.toByteArray();
    }

    private static HttpResponse<String> postInsert(TestClickHouse ch, String table, byte[] frames)
            throws IOException, InterruptedException {
        String query = URLEncoder.encode("INSERT INTO " + table + " FORMAT TabSeparated", StandardCharsets.UTF_8)
                .replace("+", "%20");
        URI uri = URI.create(base(ch) + "?database=" + ch.database() + "&decompress=1&query=" + query);
        HttpRequest req = authorized(ch, HttpRequest.newBuilder(uri))
                .POST(HttpRequest.BodyPublishers.ofByteArray(frames))
                .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] get(TestClickHouse ch, String sql, String extra) throws IOException, InterruptedException {
        String query = URLEncoder.encode(sql, StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(base(ch) + "?query=" + query + extra);
        HttpResponse<byte[]> resp = HTTP.send(
                authorized(ch, HttpRequest.newBuilder(uri)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, resp.statusCode(), () -> new String(resp.body(), StandardCharsets.UTF_8));
        return resp.body();
    }

    private static String base(TestClickHouse ch) {
        String url = ch.endpoint().httpUrl().toString();
        return url.endsWith("/") ? url : url + "/";
    }

    private static HttpRequest.Builder authorized(TestClickHouse ch, HttpRequest.Builder b) {
        b.timeout(Duration.ofSeconds(60))
                .header("X-ClickHouse-User", ch.endpoint().user());
        if (!ch.endpoint().password().isEmpty()) {
            b.header("X-ClickHouse-Key", ch.endpoint().password().reveal());
        }
        return b;
    }
}
