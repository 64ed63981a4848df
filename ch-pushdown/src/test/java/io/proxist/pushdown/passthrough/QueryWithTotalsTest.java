package io.proxist.pushdown.passthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.query.QueryContext;
import io.proxist.formats.output.FormatSettings;
import io.proxist.formats.output.OutputFormat;
import io.proxist.formats.output.OutputFormats;
import io.proxist.formats.output.ResultStatistics;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UpstreamExecutor#queryWithTotals} against the real server, which is the oracle twice: the rows, totals and
 * extremes read from its TabSeparatedWithNamesAndTypes, written again as TabSeparated by Proxist's encoder, are its
 * own TabSeparated output byte for byte; and the rows equal those the ordinary (Native) path reads.
 */
@WithClickHouse
class QueryWithTotalsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** TabSeparated as 18.16 writes it: 64-bit integers as they are, decimals with their trailing zeros. */
    private static final FormatSettings TSV_18_16 = new FormatSettings(ZoneOffset.UTC, true, false, 0)
            .withText(FormatSettings.Text.DEFAULT.withDecimalTrailingZeros(true));

    static String allTypes;
    static UpstreamExecutor upstream;

    @BeforeAll
    static void start(TestClickHouse ch) throws IOException {
        try (InputStream in = QueryWithTotalsTest.class.getResourceAsStream("all-types.sql")) {
            allTypes = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        allTypes = allTypes.substring(0, allTypes.indexOf("SETTINGS")).strip();
        Set<String> names =
                Set.of(ch.client().query("SELECT name FROM system.settings").split("\n"));
        upstream = new UpstreamExecutor(ch.endpoint(), new SettingsPolicy(names, SettingsPolicy.modernSettings()));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    static QueryContext ctx(TestClickHouse ch, Map<String, String> settings) {
        return new QueryContext("default", ch.database(), "totals-" + UUID.randomUUID(), settings, Map.of(), false);
    }

    static byte[] server(TestClickHouse ch, Map<String, String> settings, String sql)
            throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(ch.endpoint().httpUrl() + "/?database=" + ch.database());
        settings.forEach((k, v) -> url.append('&').append(k).append('=').append(v));
        url.append("&query=").append(URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url.toString())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** The cursor's rows, totals and extremes, written as TabSeparated. */
    static byte[] tsv(BlockCursor c, boolean special) {
        OutputFormat f = OutputFormats.create("TabSeparated", TSV_18_16);
        ByteBuf out = Unpooled.buffer();
        try (c) {
            f.writePrefix(c.header(), out);
            for (Block b = c.next(); b != null; b = c.next()) f.writeBlock(b, out);
            if (special && c.totals() != null) f.writeTotals(c.totals(), out);
            if (special && c.extremes() != null) f.writeExtremes(c.extremes(), out);
            f.writeSuffix(new ResultStatistics(0, 0, 0, -1), out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    static void check(TestClickHouse ch, Map<String, String> settings, String sql, boolean totals) throws Exception {
        boolean extremes = "1".equals(settings.get("extremes"));
        byte[] expected = server(ch, settings, sql);
        byte[] ours = tsv(upstream.queryWithTotals(ctx(ch, settings), sql, totals, extremes), true);
        assertEquals(
                new String(expected, StandardCharsets.ISO_8859_1),
                new String(ours, StandardCharsets.ISO_8859_1),
                sql + " " + settings);
        Map<String, String> plain = new LinkedHashMap<>(settings);
        plain.remove("extremes");
        assertEquals(
                new String(tsv(upstream.query(ctx(ch, plain), sql), false), StandardCharsets.ISO_8859_1),
                new String(
                        tsv(upstream.queryWithTotals(ctx(ch, settings), sql, totals, extremes), false),
                        StandardCharsets.ISO_8859_1),
                "the rows the Native path reads: " + sql);
    }

    @Test
    void everyTypeWithExtremes(TestClickHouse ch) throws Exception {
        check(ch, Map.of("extremes", "1", "max_block_size", "7"), allTypes, false);
    }

    @Test
    void everyTypeWithTotals(TestClickHouse ch) throws Exception {
        String grouped =
                "SELECT n % 3 AS k, count() AS c, any(s) AS s, any(f64) AS f, any(dtny) AS dt, any(d128) AS dec,"
                        + " any(arr2) AS arr, any(tup2) AS tup, any(nn) AS nn, any(e8) AS e, any(uuid2) AS u"
                        + " FROM (" + allTypes + ") GROUP BY k WITH TOTALS ORDER BY k";
        check(ch, Map.of("extremes", "1"), grouped, true);
        check(ch, Map.of(), grouped, true);
    }

    @Test
    void manyRowsStreamBeforeTheTotals(TestClickHouse ch) throws Exception {
        String sql = "SELECT number % 50000 AS k, count() AS c, toString(k) AS s"
                + " FROM (SELECT number FROM system.numbers LIMIT 200000) GROUP BY k WITH TOTALS ORDER BY k";
        check(ch, Map.of("extremes", "1", "max_block_size", "1000"), sql, true);
        try (BlockCursor c = upstream.queryWithTotals(ctx(ch, Map.of()), sql, true, false)) {
            int blocks = 0;
            long rows = 0;
            for (Block b = c.next(); b != null; b = c.next()) {
                blocks++;
                rows += b.rows();
            }
            assertEquals(50000, rows);
            assertEquals(1, blocks, "one block of the reader's 65536 rows at most");
            assertNotNull(c.totals());
            assertNull(c.extremes());
        }
    }

    @Test
    void anEmptyResultHasItsHeaderAndTotals(TestClickHouse ch) throws Exception {
        String sql = "SELECT number % 2 AS k, count() AS c FROM (SELECT number FROM system.numbers LIMIT 0)"
                + " GROUP BY k WITH TOTALS";
        try (BlockCursor c = upstream.queryWithTotals(ctx(ch, Map.of("extremes", "1")), sql, true, true)) {
            assertEquals(List.of("k", "c"), c.header().names());
            assertNull(c.next());
            assertEquals(1, c.totals().rows());
            assertNull(c.extremes(), "the server writes no extremes without rows");
        }
    }
}
