package io.proxist.formats.input;

import io.proxist.core.block.TypeCheck;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The ClickHouse input formats Proxist decodes, by name (case-insensitive, as current ClickHouse). */
public final class InputFormats {
    private InputFormats() {}

    @FunctionalInterface
    private interface Factory {
        InputFormat create(String name, List<String> names, List<DataType> types, InputSettings s);
    }

    private static final Map<String, Factory> FORMATS = new LinkedHashMap<>();
    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

    private static void add(String name, Factory f) {
        FORMATS.put(name, f);
        CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
    }

    static {
        add("RowBinary", (n, c, t, s) -> new RowBinaryInput(n, c, t, s, false, false, false));
        add("RowBinaryWithNames", (n, c, t, s) -> new RowBinaryInput(n, c, t, s, true, false, false));
        add("RowBinaryWithNamesAndTypes", (n, c, t, s) -> new RowBinaryInput(n, c, t, s, true, true, false));
        add("RowBinaryWithDefaults", (n, c, t, s) -> new RowBinaryInput(n, c, t, s, false, false, true));
        for (String json : List.of("JSONEachRow", "JSONLines", "NDJSON")) {
            add(json, (n, c, t, s) -> new JsonEachRowInput(n, c, t, s, false));
        }
        add("JSONStringsEachRow", (n, c, t, s) -> new JsonEachRowInput(n, c, t, s, true));
        for (String base : List.of("JSONCompactEachRow", "JSONCompactStringsEachRow")) {
            boolean strings = base.contains("Strings");
            add(base, (n, c, t, s) -> new JsonCompactEachRowInput(n, c, t, s, strings, false, false));
            add(base + "WithNames", (n, c, t, s) -> new JsonCompactEachRowInput(n, c, t, s, strings, true, false));
            add(
                    base + "WithNamesAndTypes",
                    (n, c, t, s) -> new JsonCompactEachRowInput(n, c, t, s, strings, true, true));
        }
        for (String base : List.of("TabSeparated", "TSV", "TabSeparatedRaw", "TSVRaw")) {
            boolean raw = base.endsWith("Raw");
            add(base, (n, c, t, s) -> new TabSeparatedInput(n, c, t, s, raw, false, false));
            add(base + "WithNames", (n, c, t, s) -> new TabSeparatedInput(n, c, t, s, raw, true, false));
            add(base + "WithNamesAndTypes", (n, c, t, s) -> new TabSeparatedInput(n, c, t, s, raw, true, true));
        }
        add("CSV", (n, c, t, s) -> new CsvInput(n, c, t, s, false, false));
        add("CSVWithNames", (n, c, t, s) -> new CsvInput(n, c, t, s, true, false));
        add("CSVWithNamesAndTypes", (n, c, t, s) -> new CsvInput(n, c, t, s, true, true));
        add("Values", ValuesInput::new);
        add("Native", NativeInput::new);
    }

    /** The names {@link #create} accepts, in their canonical spelling. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FORMATS.keySet());
    }

    public static boolean isSupported(String name) {
        return name != null && CANONICAL.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A decoder of an INSERT body in format {@code name} into blocks of the given target columns (the table's
     * columns, or the INSERT's column list, in order). Unknown format: UNKNOWN_FORMAT.
     */
    public static InputFormat create(
            String name, List<String> columnNames, List<DataType> columnTypes, InputSettings settings) {
        String canonical = name == null ? null : CANONICAL.get(name.toLowerCase(Locale.ROOT));
        if (canonical == null) throw new ProxistException(ErrorCode.UNKNOWN_FORMAT, "Unknown format " + name);
        if (columnNames.size() != columnTypes.size()) {
            throw new IllegalArgumentException(
                    "column names and types differ in number: " + columnNames + " vs " + columnTypes);
        }
        if (columnNames.isEmpty()) {
            throw new ProxistException(ErrorCode.INCORRECT_NUMBER_OF_COLUMNS, "an INSERT needs at least one column");
        }
        for (DataType t : columnTypes) TypeCheck.check(t);
        return FORMATS.get(canonical).create(name, columnNames, columnTypes, settings);
    }
}
