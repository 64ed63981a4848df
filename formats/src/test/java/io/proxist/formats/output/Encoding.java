package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.formats.io.StreamInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.testkit.TestClickHouse;
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

/** Test helpers: fetch a result from the real server, decode Native, run an encoder over blocks. */
final class Encoding {
    private Encoding() {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The server's response body for {@code sql} (which names its FORMAT), with the Content-Type. */
    record Response(byte[] body, String contentType) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response fetch(TestClickHouse ch, String sql) throws IOException, InterruptedException {
        String url = ch.endpoint().httpUrl() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return new Response(r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    static List<Block> nativeBlocks(TestClickHouse ch, String select) throws IOException, InterruptedException {
        byte[] bytes = fetch(ch, select + " FORMAT Native").body();
        NativeBlockReader reader =
                new NativeBlockReader(new StreamInput(new ByteArrayInputStream(bytes), 4096), 0, NativeLimits.DEFAULT);
        List<Block> blocks = new ArrayList<>();
        for (Block b = reader.next(); b != null; b = reader.next()) blocks.add(b);
        return blocks;
    }

    static Block header(Block b) {
        List<Column> empty = new ArrayList<>();
        for (int i = 0; i < b.columnCount(); i++)
            empty.add(Columns.empty(b.column(i).type()));
        return Block.header(b.names(), empty);
    }

    /** Prefix, every block, suffix: the bytes one result gives. */
    static byte[] encode(String format, FormatSettings settings, List<Block> blocks, ResultStatistics stats) {
        OutputFormat f = OutputFormats.create(format, settings);
        ByteBuf out = Unpooled.buffer();
        try {
            f.writePrefix(header(blocks.getFirst()), out);
            for (Block b : blocks) f.writeBlock(b, out);
            f.writeSuffix(stats, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
