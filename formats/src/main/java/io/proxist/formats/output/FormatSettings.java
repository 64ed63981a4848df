package io.proxist.formats.output;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Settings that change how values are written, with the defaults of ClickHouse 25.8 (the version Proxist
 * presents itself as). Every component names the ClickHouse setting it stands for.
 *
 * @param serverTimeZone the zone DateTime values without their own zone are shown in
 * @param quote64BitIntegers output_format_json_quote_64bit_integers (25.8 default false: ClickHouse 25.8 turned it
 *     off, see SettingsChangesHistory "Disable quoting of the 64 bit integers in JSON by default"; 18.16 had true)
 * @param quoteDenormals output_format_json_quote_denormals (default false: inf and nan become null in JSON)
 * @param nativeRevision the revision of Native output (client_protocol_version; 0 = none)
 * @param json the other JSON settings
 * @param text the TSV, CSV and Decimal settings
 * @param pretty the Pretty and Vertical settings
 */
public record FormatSettings(
        ZoneId serverTimeZone,
        boolean quote64BitIntegers,
        boolean quoteDenormals,
        int nativeRevision,
        Json json,
        Text text,
        Pretty pretty) {

    public static final FormatSettings DEFAULT = new FormatSettings(ZoneOffset.UTC, false, false, 0);

    public FormatSettings {
        Objects.requireNonNull(serverTimeZone, "serverTimeZone");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pretty, "pretty");
    }

    /** The four basic settings, every other one at its ClickHouse 25.8 default. */
    public FormatSettings(
            ZoneId serverTimeZone, boolean quote64BitIntegers, boolean quoteDenormals, int nativeRevision) {
        this(
                serverTimeZone,
                quote64BitIntegers,
                quoteDenormals,
                nativeRevision,
                Json.DEFAULT,
                Text.DEFAULT,
                Pretty.DEFAULT);
    }

    public FormatSettings withServerTimeZone(ZoneId zone) {
        return new FormatSettings(zone, quote64BitIntegers, quoteDenormals, nativeRevision, json, text, pretty);
    }

    public FormatSettings withQuote64BitIntegers(boolean quote) {
        return new FormatSettings(serverTimeZone, quote, quoteDenormals, nativeRevision, json, text, pretty);
    }

    public FormatSettings withQuoteDenormals(boolean quote) {
        return new FormatSettings(serverTimeZone, quote64BitIntegers, quote, nativeRevision, json, text, pretty);
    }

    public FormatSettings withNativeRevision(int revision) {
        return new FormatSettings(serverTimeZone, quote64BitIntegers, quoteDenormals, revision, json, text, pretty);
    }

    public FormatSettings withJson(Json newJson) {
        return new FormatSettings(
                serverTimeZone, quote64BitIntegers, quoteDenormals, nativeRevision, newJson, text, pretty);
    }

    public FormatSettings withText(Text newText) {
        return new FormatSettings(
                serverTimeZone, quote64BitIntegers, quoteDenormals, nativeRevision, json, newText, pretty);
    }

    public FormatSettings withPretty(Pretty newPretty) {
        return new FormatSettings(
                serverTimeZone, quote64BitIntegers, quoteDenormals, nativeRevision, json, text, newPretty);
    }

    /**
     * JSON family settings.
     *
     * @param quote64BitFloats output_format_json_quote_64bit_floats (default false)
     * @param quoteDecimals output_format_json_quote_decimals (default false)
     * @param escapeForwardSlashes output_format_json_escape_forward_slashes (default true: '/' is written '\/')
     * @param namedTuplesAsObjects output_format_json_named_tuples_as_objects (default true)
     * @param prettyPrint output_format_json_pretty_print (default true since 25.1: arrays, tuples and maps in the
     *     JSON format are written across lines; 18.16 wrote them on one line)
     * @param validateUtf8 output_format_json_validate_utf8 (default false; JSON and JSONCompact always validate)
     * @param writeStatistics output_format_write_statistics (default true)
     */
    public record Json(
            boolean quote64BitFloats,
            boolean quoteDecimals,
            boolean escapeForwardSlashes,
            boolean namedTuplesAsObjects,
            boolean prettyPrint,
            boolean validateUtf8,
            boolean writeStatistics) {
        public static final Json DEFAULT = new Json(false, false, true, true, true, false, true);

        public Json withPrettyPrint(boolean value) {
            return new Json(
                    quote64BitFloats,
                    quoteDecimals,
                    escapeForwardSlashes,
                    namedTuplesAsObjects,
                    value,
                    validateUtf8,
                    writeStatistics);
        }

        public Json withValidateUtf8(boolean value) {
            return new Json(
                    quote64BitFloats,
                    quoteDecimals,
                    escapeForwardSlashes,
                    namedTuplesAsObjects,
                    prettyPrint,
                    value,
                    writeStatistics);
        }
    }

    /**
     * Settings of the separated text formats and of Decimal text.
     *
     * @param decimalTrailingZeros output_format_decimal_trailing_zeros (default false since 21.9: {@code -12.5}
     *     rather than 18.16's {@code -12.500} for a Decimal(18, 3))
     * @param csvDelimiter format_csv_delimiter (default ',')
     * @param csvCrlfEndOfLine output_format_csv_crlf_end_of_line (default false)
     * @param tsvCrlfEndOfLine output_format_tsv_crlf_end_of_line (default false)
     * @param csvTupleIntoSeparateColumns output_format_csv_serialize_tuple_into_separate_columns (default true)
     */
    public record Text(
            boolean decimalTrailingZeros,
            char csvDelimiter,
            boolean csvCrlfEndOfLine,
            boolean tsvCrlfEndOfLine,
            boolean csvTupleIntoSeparateColumns) {
        public static final Text DEFAULT = new Text(false, ',', false, false, true);

        public Text withDecimalTrailingZeros(boolean value) {
            return new Text(value, csvDelimiter, csvCrlfEndOfLine, tsvCrlfEndOfLine, csvTupleIntoSeparateColumns);
        }
    }

    /**
     * Pretty and Vertical settings. Over HTTP a current ClickHouse resolves {@code output_format_pretty_color=auto}
     * and {@code output_format_pretty_glue_chunks=auto} to off (the response is not a terminal), and squashing of
     * consecutive blocks ({@code output_format_pretty_squash_consecutive_ms}) depends on arrival times, so Proxist
     * renders each block as its own table.
     *
     * @param color output_format_pretty_color (ANSI escapes; off over HTTP)
     * @param maxRows output_format_pretty_max_rows (default 1000 since 25.2, 10000 before)
     * @param maxColumnPadWidth output_format_pretty_max_column_pad_width (default 250)
     * @param maxValueWidth output_format_pretty_max_value_width (default 10000)
     * @param maxValueWidthApplyForSingleValue output_format_pretty_max_value_width_apply_for_single_value (false)
     * @param rowNumbers output_format_pretty_row_numbers (default true since 24.1)
     * @param displayFooterColumnNames output_format_pretty_display_footer_column_names (default true)
     * @param displayFooterColumnNamesMinRows output_format_pretty_display_footer_column_names_min_rows (50)
     * @param singleLargeNumberTipThreshold output_format_pretty_single_large_number_tip_threshold (1000000; 0 = off)
     * @param maxColumnNameWidthCutTo output_format_pretty_max_column_name_width_cut_to (24; 0 = off)
     * @param maxColumnNameWidthMinCharsToCut output_format_pretty_max_column_name_width_min_chars_to_cut (4)
     * @param multilineFields output_format_pretty_multiline_fields (default true)
     * @param fallbackToVertical output_format_pretty_fallback_to_vertical (default true)
     * @param fallbackToVerticalMaxRowsPerChunk output_format_pretty_fallback_to_vertical_max_rows_per_chunk (100)
     * @param fallbackToVerticalMinColumns output_format_pretty_fallback_to_vertical_min_columns (5)
     * @param fallbackToVerticalMinTableWidth output_format_pretty_fallback_to_vertical_min_table_width (250)
     * @param highlightDigitGroups output_format_pretty_highlight_digit_groups (true; only with color)
     * @param highlightTrailingSpaces output_format_pretty_highlight_trailing_spaces (true; only with color)
     */
    public record Pretty(
            boolean color,
            long maxRows,
            long maxColumnPadWidth,
            long maxValueWidth,
            boolean maxValueWidthApplyForSingleValue,
            boolean rowNumbers,
            boolean displayFooterColumnNames,
            long displayFooterColumnNamesMinRows,
            long singleLargeNumberTipThreshold,
            long maxColumnNameWidthCutTo,
            long maxColumnNameWidthMinCharsToCut,
            boolean multilineFields,
            boolean fallbackToVertical,
            long fallbackToVerticalMaxRowsPerChunk,
            long fallbackToVerticalMinColumns,
            long fallbackToVerticalMinTableWidth,
            boolean highlightDigitGroups,
            boolean highlightTrailingSpaces) {
        public static final Pretty DEFAULT = new Pretty(
                false, 1000, 250, 10000, false, true, true, 50, 1_000_000, 24, 4, true, true, 100, 5, 250, true, true);

        public Pretty withMaxRows(long value) {
            return new Pretty(
                    color,
                    value,
                    maxColumnPadWidth,
                    maxValueWidth,
                    maxValueWidthApplyForSingleValue,
                    rowNumbers,
                    displayFooterColumnNames,
                    displayFooterColumnNamesMinRows,
                    singleLargeNumberTipThreshold,
                    maxColumnNameWidthCutTo,
                    maxColumnNameWidthMinCharsToCut,
                    multilineFields,
                    fallbackToVertical,
                    fallbackToVerticalMaxRowsPerChunk,
                    fallbackToVerticalMinColumns,
                    fallbackToVerticalMinTableWidth,
                    highlightDigitGroups,
                    highlightTrailingSpaces);
        }
    }
}
