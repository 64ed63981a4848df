package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * How INSERT bodies are decoded: block sizes, limits on lengths read from the input, and the ClickHouse input
 * settings that change parsing, with current ClickHouse's defaults.
 *
 * @param maxBlockRows rows per block at most (a block is emitted when it has this many)
 * @param maxBlockBytes a block is also emitted once its columns hold about this many bytes (checked every 64 rows)
 * @param maxStringBytes longest String / FixedString value, checked before it is allocated
 * @param maxArrayElements most elements in one Array or Map value, checked before they are allocated
 * @param maxRowBytes largest row (for Native: block) kept in memory while waiting for the rest of it
 * @param serverTimeZone the zone of DateTime / DateTime64 columns declared without one
 * @param skipUnknownFields input_format_skip_unknown_fields (JSONEachRow keys, -WithNames headers)
 * @param nullAsDefault input_format_null_as_default: NULL into a non-Nullable column gives the default
 * @param csvEmptyAsDefault input_format_csv_empty_as_default: an empty unquoted CSV field is the default
 * @param tsvEmptyAsDefault input_format_tsv_empty_as_default: an empty TSV field is the default
 * @param withNamesUseHeader input_format_with_names_use_header: map -WithNames columns by the header's names
 * @param withTypesUseHeader input_format_with_types_use_header: check -WithNamesAndTypes header types
 * @param csvDelimiter format_csv_delimiter
 * @param csvAllowSingleQuotes format_csv_allow_single_quotes
 * @param csvAllowDoubleQuotes format_csv_allow_double_quotes
 */
public record InputSettings(
        int maxBlockRows,
        long maxBlockBytes,
        int maxStringBytes,
        int maxArrayElements,
        int maxRowBytes,
        ZoneId serverTimeZone,
        boolean skipUnknownFields,
        boolean nullAsDefault,
        boolean csvEmptyAsDefault,
        boolean tsvEmptyAsDefault,
        boolean withNamesUseHeader,
        boolean withTypesUseHeader,
        char csvDelimiter,
        boolean csvAllowSingleQuotes,
        boolean csvAllowDoubleQuotes) {

    /** The largest row or string a decoder will hold: 1 GiB, as ClickHouse's DEFAULT_MAX_STRING_SIZE. */
    public static final int MAX_BYTES = 1 << 30;

    public static final InputSettings DEFAULT = new InputSettings(
            65_536,
            64L << 20,
            MAX_BYTES,
            MAX_BYTES,
            256 << 20,
            ZoneOffset.UTC,
            true,
            true,
            true,
            false,
            true,
            true,
            ',',
            false,
            true);

    public InputSettings {
        if (maxBlockRows < 1) throw new IllegalArgumentException("maxBlockRows must be positive: " + maxBlockRows);
        if (maxBlockBytes < 1) throw new IllegalArgumentException("maxBlockBytes must be positive: " + maxBlockBytes);
        if (maxStringBytes < 0 || maxStringBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxStringBytes outside [0, 1 GiB]: " + maxStringBytes);
        }
        if (maxArrayElements < 0 || maxArrayElements > MAX_BYTES) {
            throw new IllegalArgumentException("maxArrayElements outside [0, 2^30]: " + maxArrayElements);
        }
        if (maxRowBytes < 16 || maxRowBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxRowBytes outside [16, 1 GiB]: " + maxRowBytes);
        }
        java.util.Objects.requireNonNull(serverTimeZone, "serverTimeZone");
        if (csvDelimiter == '\n' || csvDelimiter == '\r' || csvDelimiter == '"' || csvDelimiter == '\'') {
            throw new IllegalArgumentException("unusable CSV delimiter: " + (int) csvDelimiter);
        }
    }

    public InputSettings withMaxBlockRows(int rows) {
        return new InputSettings(
                rows,
                maxBlockBytes,
                maxStringBytes,
                maxArrayElements,
                maxRowBytes,
                serverTimeZone,
                skipUnknownFields,
                nullAsDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    public InputSettings withMaxBlockBytes(long bytes) {
        return new InputSettings(
                maxBlockRows,
                bytes,
                maxStringBytes,
                maxArrayElements,
                maxRowBytes,
                serverTimeZone,
                skipUnknownFields,
                nullAsDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    /** The three length limits at once: string bytes, array elements, bytes of one row. */
    public InputSettings withLimits(int stringBytes, int arrayElements, int rowBytes) {
        return new InputSettings(
                maxBlockRows,
                maxBlockBytes,
                stringBytes,
                arrayElements,
                rowBytes,
                serverTimeZone,
                skipUnknownFields,
                nullAsDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    public InputSettings withServerTimeZone(ZoneId zone) {
        return new InputSettings(
                maxBlockRows,
                maxBlockBytes,
                maxStringBytes,
                maxArrayElements,
                maxRowBytes,
                zone,
                skipUnknownFields,
                nullAsDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    public InputSettings withSkipUnknownFields(boolean skip) {
        return new InputSettings(
                maxBlockRows,
                maxBlockBytes,
                maxStringBytes,
                maxArrayElements,
                maxRowBytes,
                serverTimeZone,
                skip,
                nullAsDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    public InputSettings withNullAsDefault(boolean nullDefault) {
        return new InputSettings(
                maxBlockRows,
                maxBlockBytes,
                maxStringBytes,
                maxArrayElements,
                maxRowBytes,
                serverTimeZone,
                skipUnknownFields,
                nullDefault,
                csvEmptyAsDefault,
                tsvEmptyAsDefault,
                withNamesUseHeader,
                withTypesUseHeader,
                csvDelimiter,
                csvAllowSingleQuotes,
                csvAllowDoubleQuotes);
    }

    /**
     * Applies ClickHouse settings by name (as sent with a query) over {@link #DEFAULT}: the input_format_* and
     * format_csv_* settings above, max_insert_block_size and session_timezone. Other names are ignored; a bad value
     * is BAD_ARGUMENTS.
     */
    public static InputSettings fromClickHouseSettings(Map<String, String> settings, ZoneId serverTimeZone) {
        InputSettings d = DEFAULT;
        String tz = settings.get("session_timezone");
        ZoneId zone = serverTimeZone;
        if (tz != null && !tz.isEmpty()) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                throw bad("session_timezone", tz);
            }
        }
        String delimiter = settings.getOrDefault("format_csv_delimiter", ",");
        if (delimiter.length() != 1) throw bad("format_csv_delimiter", delimiter);
        int blockRows = d.maxBlockRows;
        String rows = settings.get("max_insert_block_size");
        if (rows != null) {
            try {
                long v = Long.parseLong(rows.strip());
                blockRows = (int) Math.max(1, Math.min(v, Integer.MAX_VALUE - 16));
            } catch (NumberFormatException e) {
                throw bad("max_insert_block_size", rows);
            }
        }
        return new InputSettings(
                blockRows,
                d.maxBlockBytes,
                d.maxStringBytes,
                d.maxArrayElements,
                d.maxRowBytes,
                zone,
                flag(settings, "input_format_skip_unknown_fields", d.skipUnknownFields),
                flag(settings, "input_format_null_as_default", d.nullAsDefault),
                flag(settings, "input_format_csv_empty_as_default", d.csvEmptyAsDefault),
                flag(settings, "input_format_tsv_empty_as_default", d.tsvEmptyAsDefault),
                flag(settings, "input_format_with_names_use_header", d.withNamesUseHeader),
                flag(settings, "input_format_with_types_use_header", d.withTypesUseHeader),
                delimiter.charAt(0),
                flag(settings, "format_csv_allow_single_quotes", d.csvAllowSingleQuotes),
                flag(settings, "format_csv_allow_double_quotes", d.csvAllowDoubleQuotes));
    }

    private static boolean flag(Map<String, String> settings, String name, boolean dflt) {
        String v = settings.get(name);
        if (v == null) return dflt;
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw bad(name, v);
        };
    }

    private static ProxistException bad(String name, String value) {
        return new ProxistException(
                ErrorCode.BAD_ARGUMENTS, "bad value of setting [setting=" + name + ", value=" + value + "]");
    }
}
