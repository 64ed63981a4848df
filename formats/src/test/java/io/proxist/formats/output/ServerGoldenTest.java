package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real server is the oracle for every format it has: the same query is fetched as Native and as the format,
 * the Native blocks (7 rows each, 50 rows) go through Proxist's encoder, and the bytes must be equal.
 *
 * <p>The server here is ClickHouse 18.16; Proxist follows ClickHouse 25.8. Where 25.8 differs from 18.16 by a changed
 * default, the encoder is given the setting that restores the 18.16 behaviour ({@link #CH_18_16}), which is exactly
 * what a 25.8 user setting that option would get; each is listed there with its source. Where 25.8 differs by changed
 * code with no setting for it, the one difference is normalised in the comparison and listed at that place.
 */
@WithClickHouse
class ServerGoldenTest {
    /**
     * ClickHouse 25.8 settings that give ClickHouse 18.16's output:
     *
     * <ul>
     *   <li>output_format_json_quote_64bit_integers = 1: 25.8 changed the default to 0 (SettingsChangesHistory 25.8
     *       "Disable quoting of the 64 bit integers in JSON by default").
     *   <li>output_format_json_pretty_print = 0: default 1 since 25.1 (SettingsChangesHistory 25.1 "Print values in a
     *       pretty format in JSON output format by default"): arrays, tuples and maps of the JSON format spread over
     *       lines.
     *   <li>output_format_decimal_trailing_zeros = 1: default 0 since 21.9, so 25.8 writes {@code -12.5} for 18.16's
     *       {@code -12.500}.
     *   <li>Pretty: output_format_pretty_row_numbers = 0 (default 1 since 24.1),
     *       output_format_pretty_display_footer_column_names = 0 (24.6), output_format_pretty_max_rows = 10000 (1000
     *       since 25.2), output_format_pretty_single_large_number_tip_threshold = 0 (24.2),
     *       output_format_pretty_max_column_name_width_cut_to = 0, output_format_pretty_multiline_fields = 0 and
     *       output_format_pretty_fallback_to_vertical = 0 (all 25.1), output_format_pretty_max_value_width_apply_for_single_value = 1.
     * </ul>
     */
    static final FormatSettings CH_18_16 = new FormatSettings(ZoneOffset.UTC, true, false, 0)
            .withJson(FormatSettings.Json.DEFAULT.withPrettyPrint(false))
            .withText(FormatSettings.Text.DEFAULT.withDecimalTrailingZeros(true))
            .withPretty(new FormatSettings.Pretty(
                    false, 10000, 250, 10000, true, false, false, 50, 0, 0, 4, false, false, 100, 5, 250, false,
                    false));

    static final String ALL_TYPES = Bytes.resourceText("all-types.sql").strip();
    static final String PRINTABLE = Bytes.resourceText("printable.sql").strip();

    private static final Pattern STAT =
            Pattern.compile("\"(elapsed|rows_read|bytes_read|rows_before_limit_at_least)\": ([^,\\n]+)");

    /** The statistics the server reported, so the trailer can be compared byte for byte. */
    static ResultStatistics statisticsOf(String body) {
        double elapsed = 0;
        long rowsRead = 0;
        long bytesRead = 0;
        long beforeLimit = -1;
        Matcher m = STAT.matcher(body);
        while (m.find()) {
            switch (m.group(1)) {
                case "elapsed" -> elapsed = Double.parseDouble(m.group(2));
                case "rows_read" -> rowsRead = Long.parseLong(m.group(2));
                case "bytes_read" -> bytesRead = Long.parseLong(m.group(2));
                default -> beforeLimit = Long.parseLong(m.group(2));
            }
        }
        return new ResultStatistics(elapsed, rowsRead, bytesRead, beforeLimit);
    }

    private static void compare(TestClickHouse ch, String select, String format) throws Exception {
        List<Block> blocks = Encoding.nativeBlocks(ch, select);
        assertTrue(blocks.size() > 1, "the query should give several blocks");
        Encoding.Response server = Encoding.fetch(ch, select + " FORMAT " + format);
        ResultStatistics stats = statisticsOf(server.text());
        byte[] ours = Encoding.encode(format, CH_18_16, blocks, stats);
        Bytes.assertSame(normaliseServer(format, server.body()), normaliseOurs(format, ours), format);
    }

    /**
     * 18.16 wrote ANSI bold column names in Pretty formats by default; 25.8 resolves output_format_pretty_color=auto
     * to off when the output is not a terminal (PrettyBlockOutputFormat registration: color == 2 and
     * is_writing_to_terminal), which is never the case over HTTP. The escapes are removed from the server's output.
     */
    static byte[] normaliseServer(String format, byte[] body) {
        if (format.equals("TabSeparatedRaw")) {
            // 18.16 wrote NULL in TabSeparatedRaw as its plain text, ᴺᵁᴸᴸ; 25.8 writes the TSV null representation
            // (SerializationNullable::serializeTextRaw -> serializeNullRaw: settings.tsv.null_representation, "\\N").
            // The query has no string that contains ᴺᵁᴸᴸ.
            return new String(body, StandardCharsets.ISO_8859_1)
                    .replace(new String(ColumnText.PRETTY_NULL, StandardCharsets.ISO_8859_1), "\\N")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        if (!format.startsWith("Pretty")) {
            return body;
        }
        return new String(body, StandardCharsets.ISO_8859_1)
                .replace("\033[1m", "")
                .replace("\033[0m", "")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * 25.8's PrettySpace frames every cell like the other styles do, with a space before and after the value
     * (PrettyBlockOutputFormat::writeValueWithPadding) and a leading space before the names; 18.16 wrote neither.
     * One leading and one trailing space per line are removed from Proxist's output.
     */
    static byte[] normaliseOurs(String format, byte[] ours) {
        if (!format.equals("PrettySpace")) {
            return ours;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : new String(ours, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            String l = line.startsWith(" ") ? line.substring(1) : line;
            boolean nameLine = sb.isEmpty();
            if (!nameLine && l.endsWith(" ")) {
                l = l.substring(0, l.length() - 1);
            }
            sb.append(l);
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TabSeparated",
                "TabSeparatedWithNames",
                "TabSeparatedWithNamesAndTypes",
                "TabSeparatedRaw",
                "TSV",
                "TSKV",
                "CSV",
                "CSVWithNames",
                "JSON",
                "JSONCompact",
                "JSONEachRow",
                "RowBinary",
                "Values",
                "Vertical"
            })
    void everyTypeMatchesTheServer(String format, TestClickHouse ch) throws Exception {
        compare(ch, ALL_TYPES, format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pretty", "PrettyCompact", "PrettySpace", "PrettyNoEscapes", "PrettyCompactNoEscapes"})
    void prettyFormatsMatchTheServer(String format, TestClickHouse ch) throws Exception {
        compare(ch, PRINTABLE, format);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"TabSeparated", "CSV", "JSON", "JSONCompact", "JSONEachRow", "Vertical", "Values", "Pretty"})
    void printableValuesMatchTheServer(String format, TestClickHouse ch) throws Exception {
        compare(ch, PRINTABLE, format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TabSeparated", "JSON", "Pretty", "Vertical", "CSV"})
    void contentTypesFollowCurrentClickHouse(String format, TestClickHouse ch) throws Exception {
        Encoding.Response server = Encoding.fetch(ch, "SELECT 1 FORMAT " + format);
        // 18.16 sends the same Content-Type as 25.8 for these formats
        // (tests/queries/0_stateless/02935_http_content_type...)
        assertEquals(
                server.contentType(),
                OutputFormats.create(format, FormatSettings.DEFAULT).contentType());
    }
}
