package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputFormat;
import io.proxist.formats.input.InputFormats;
import io.proxist.formats.input.InputSettings;
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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Totals ({@code WITH TOTALS}) and extremes ({@code extremes=1}) in every output format, with the real server as the
 * oracle: the data comes as Native (which carries neither), the totals and extremes rows are read from the server's
 * TabSeparatedWithNamesAndTypes, everything goes through Proxist's encoder, and the bytes must equal the server's own
 * output in the format (18.16 settings: {@link ServerGoldenTest#CH_18_16}; the differences of code between 18.16 and
 * 25.8 are normalised where they are, each with its source).
 */
@WithClickHouse
class TotalsGoldenTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Three groups, one block; a 64-bit count, a string, a Nullable, a date, a float. */
    static final String GROUPED = "SELECT k, count() AS c, sum(x) AS total, concat('g', toString(k)) AS s,"
            + " if(k = 1, NULL, k) AS n, min(d) AS d, avg(x) AS f"
            + " FROM (SELECT number % 3 AS k, number AS x, toDate('2020-01-01') + number AS d"
            + " FROM system.numbers LIMIT 10) GROUP BY k WITH TOTALS ORDER BY k";

    static final String NO_TOTALS = "SELECT number AS x, toString(number) AS s, number / 4 AS f"
            + " FROM (SELECT number FROM system.numbers LIMIT 5)";

    /** WITH TOTALS over no rows: the server writes the totals row (of defaults) and no extremes. */
    static final String EMPTY = "SELECT k, count() AS c FROM (SELECT number % 3 AS k FROM system.numbers LIMIT 0)"
            + " GROUP BY k WITH TOTALS";

    static final String[] FORMATS = {
        "TabSeparated",
        "TabSeparatedWithNames",
        "TabSeparatedWithNamesAndTypes",
        "TabSeparatedRaw",
        "TSKV",
        "CSV",
        "CSVWithNames",
        "JSON",
        "JSONCompact",
        "JSONEachRow",
        "RowBinary",
        "Values",
        "Native",
        "Vertical",
        "Pretty",
        "PrettyCompact",
        "PrettySpace",
        "PrettyNoEscapes"
    };

    record Sections(Block header, Block totals, Block extremes) {}

    static byte[] fetch(TestClickHouse ch, String params, String sql) throws IOException, InterruptedException {
        String url =
                ch.endpoint().httpUrl() + "/?" + params + "&query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8);
        HttpResponse<byte[]> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** The header, totals and extremes of the server's TabSeparatedWithNamesAndTypes (no row of it is empty). */
    static Sections sections(TestClickHouse ch, String params, String sql) throws IOException, InterruptedException {
        String text =
                new String(fetch(ch, params, sql + " FORMAT TabSeparatedWithNamesAndTypes"), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        assertEquals("", lines.removeLast(), "the body ends with a line feed");
        List<String> names = List.of(lines.get(0).split("\t"));
        List<DataType> types = new ArrayList<>();
        List<Column> empty = new ArrayList<>();
        for (String t : lines.get(1).split("\t")) {
            types.add(DataType.parse(t));
            empty.add(Columns.empty(DataType.parse(t)));
        }
        int blank = lines.indexOf("");
        List<String> tail = blank < 0 ? List.of() : lines.subList(blank + 1, lines.size());
        Block totals = null;
        Block extremes = null;
        switch (tail.size()) {
            case 0 -> {}
            case 1 -> totals = rows(names, types, tail);
            case 2 -> extremes = rows(names, types, tail);
            case 4 -> {
                assertEquals("", tail.get(1), text);
                totals = rows(names, types, tail.subList(0, 1));
                extremes = rows(names, types, tail.subList(2, 4));
            }
            default -> throw new AssertionError("unexpected sections in\n" + text);
        }
        return new Sections(Block.header(names, empty), totals, extremes);
    }

    static Block rows(List<String> names, List<DataType> types, List<String> lines) {
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        InputFormat in = InputFormats.create("TabSeparated", names, types, InputSettings.DEFAULT)
                .open(new StreamInput(new ByteArrayInputStream(body)));
        Block b = in.next();
        assertEquals(null, in.next());
        return b;
    }

    static byte[] encode(String format, Sections s, List<Block> data, ResultStatistics stats) {
        OutputFormat f = OutputFormats.create(format, ServerGoldenTest.CH_18_16);
        ByteBuf out = Unpooled.buffer();
        try {
            f.writePrefix(s.header(), out);
            for (Block b : data) f.writeBlock(b, out);
            if (s.totals() != null) f.writeTotals(s.totals(), out);
            if (s.extremes() != null) f.writeExtremes(s.extremes(), out);
            f.writeSuffix(stats, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    private static void compare(TestClickHouse ch, String params, String sql, String format) throws Exception {
        Sections s = sections(ch, params, sql);
        List<Block> data = Encoding.nativeBlocks(ch, sql);
        byte[] server = fetch(ch, params, sql + " FORMAT " + format);
        ResultStatistics stats = ServerGoldenTest.statisticsOf(new String(server, StandardCharsets.UTF_8));
        byte[] ours = encode(format, s, data, stats);
        Bytes.assertSame(normaliseServer(format, server), normaliseOurs(format, ours), format + " [" + params + "]");
    }

    private static final Pattern COMPACT_SPECIAL_ROW =
            Pattern.compile("(?m)^(\\t\"totals\": |\\t\\t\"m(?:in|ax)\": )(\\[.*\\])");

    /**
     * 18.16 wrote the values of JSONCompact's totals and extremes arrays with a bare comma between them; 25.8 writes
     * them as the data rows, with a comma and a space (JSONUtils::writeCompactColumns, writeFieldCompactDelimiter).
     * The test's values contain no comma. Pretty: the colour escapes as in {@link ServerGoldenTest#normaliseServer}.
     */
    static byte[] normaliseServer(String format, byte[] body) {
        if (format.equals("JSONCompact")) {
            Matcher m = COMPACT_SPECIAL_ROW.matcher(new String(body, StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        sb, Matcher.quoteReplacement(m.group(1) + m.group(2).replace(",", ", ")));
            }
            m.appendTail(sb);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return ServerGoldenTest.normaliseServer(format, body);
    }

    /**
     * PrettySpace: 25.8 frames each cell with a space on both sides and starts the names with a space (see {@link
     * ServerGoldenTest#normaliseOurs}); here every table (data, totals, extremes) has its own names line.
     */
    static byte[] normaliseOurs(String format, byte[] ours) {
        if (!format.equals("PrettySpace")) {
            return ours;
        }
        StringBuilder sb = new StringBuilder();
        boolean nameLine = true;
        String[] lines = new String(ours, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i > 0) {
                sb.append('\n');
            }
            if (l.equals("Totals:") || l.equals("Extremes:")) {
                sb.append(l);
                nameLine = true;
                continue;
            }
            if (l.isEmpty()) {
                sb.append(l);
                continue;
            }
            l = l.startsWith(" ") ? l.substring(1) : l;
            if (!nameLine && l.endsWith(" ")) {
                l = l.substring(0, l.length() - 1);
            }
            nameLine = false;
            sb.append(l);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String[] formats() {
        return FORMATS;
    }

    @ParameterizedTest
    @MethodSource("formats")
    void totalsAndExtremesMatchTheServer(String format, TestClickHouse ch) throws Exception {
        compare(ch, "extremes=1", GROUPED, format);
        compare(ch, "extremes=0", GROUPED, format);
        compare(ch, "extremes=1", NO_TOTALS, format);
    }

    @Test
    void totalsOfAnEmptyResultMatchTheServer(TestClickHouse ch) throws Exception {
        for (String format : FORMATS) {
            Sections s = sections(ch, "extremes=1", EMPTY);
            assertEquals(null, s.extremes(), "18.16 writes no extremes for no rows");
            compare(ch, "extremes=1", EMPTY, format);
        }
    }

    /** JSONCompactEachRow (not in 18.16): the totals row after an empty line, only with the names line. */
    @Test
    void jsonCompactEachRowWritesTotalsOnlyWithNames(TestClickHouse ch) throws Exception {
        Sections s = sections(ch, "extremes=1", GROUPED);
        List<Block> data = Encoding.nativeBlocks(ch, GROUPED);
        ResultStatistics none = new ResultStatistics(0, 0, 0, -1);
        String rows = "[0, \"4\", \"18\", \"g0\", 0, \"2020-01-01\", 4.5]\n"
                + "[1, \"3\", \"12\", \"g1\", null, \"2020-01-02\", 4]\n"
                + "[2, \"3\", \"15\", \"g2\", 2, \"2020-01-03\", 5]\n";
        assertEquals(rows, Encoding.text(encode("JSONCompactEachRow", s, data, none)));
        assertEquals(
                "[\"k\", \"c\", \"total\", \"s\", \"n\", \"d\", \"f\"]\n" + rows
                        + "\n[0, \"10\", \"45\", \"g0\", 0, \"2020-01-01\", 4.5]\n",
                Encoding.text(encode("JSONCompactEachRowWithNames", s, data, none)));
    }
}
