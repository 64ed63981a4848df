package io.proxist.formats.output;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The output formats by their ClickHouse names, aliases included (case-sensitive, as in ClickHouse's
 * FormatFactory): {@code OutputFormats.create("TSV", settings)}.
 */
public final class OutputFormats {
    private OutputFormats() {}

    private static final Map<String, Function<FormatSettings, OutputFormat>> FORMATS = new LinkedHashMap<>();

    static {
        for (boolean raw : new boolean[] {false, true}) {
            String canonical = raw ? "TabSeparatedRaw" : "TabSeparated";
            for (String base :
                    raw ? new String[] {"TabSeparatedRaw", "TSVRaw", "Raw"} : new String[] {"TabSeparated", "TSV"}) {
                withNamesAndTypes(
                        base,
                        canonical,
                        (name, names, types) -> s -> new SeparatedFormats.TabSeparated(name, s, names, types, raw));
            }
        }
        register("TSKV", SeparatedFormats.Tskv::new);
        withNamesAndTypes("CSV", (name, names, types) -> s -> new SeparatedFormats.Csv(name, s, names, types));
        register("JSON", s -> new JsonFormats.Document("JSON", s, false, false));
        register("JSONStrings", s -> new JsonFormats.Document("JSONStrings", s, false, true));
        register("JSONCompact", s -> new JsonFormats.Document("JSONCompact", s, true, false));
        register("JSONCompactStrings", s -> new JsonFormats.Document("JSONCompactStrings", s, true, true));
        for (String name : new String[] {"JSONEachRow", "JSONLines", "NDJSON"}) {
            register(name, s -> new JsonFormats.EachRow("JSONEachRow", s, false));
        }
        register("JSONStringsEachRow", s -> new JsonFormats.EachRow("JSONStringsEachRow", s, true));
        withNamesAndTypes(
                "JSONCompactEachRow",
                (name, names, types) -> s -> new JsonFormats.CompactEachRow(name, s, false, names, types));
        withNamesAndTypes(
                "JSONCompactStringsEachRow",
                (name, names, types) -> s -> new JsonFormats.CompactEachRow(name, s, true, names, types));
        withNamesAndTypes("RowBinary", (name, names, types) -> s -> new BinaryFormats.RowBinary(name, s, names, types));
        register("Native", BinaryFormats.Native::new);
        for (PrettyFormat.Style style : PrettyFormat.Style.values()) {
            for (boolean noEscapes : new boolean[] {false, true}) {
                String name = "Pretty"
                        + switch (style) {
                            case FULL -> "";
                            case COMPACT -> "Compact";
                            case SPACE -> "Space";
                        }
                        + (noEscapes ? "NoEscapes" : "");
                register(name, s -> new PrettyFormat(name, s, style, noEscapes));
            }
        }
        register("Vertical", VerticalFormat::new);
        register("Values", SeparatedFormats.Values::new);
        register("Null", BinaryFormats.Null::new);
    }

    private interface Variant {
        Function<FormatSettings, OutputFormat> make(String name, boolean withNames, boolean withTypes);
    }

    private static void withNamesAndTypes(String base, Variant variant) {
        withNamesAndTypes(base, base, variant);
    }

    /** Registers {@code base}, {@code baseWithNames} and {@code baseWithNamesAndTypes}, named after the canonical. */
    private static void withNamesAndTypes(String base, String canonical, Variant variant) {
        register(base, variant.make(canonical, false, false));
        register(base + "WithNames", variant.make(canonical + "WithNames", true, false));
        register(base + "WithNamesAndTypes", variant.make(canonical + "WithNamesAndTypes", true, true));
    }

    private static void register(String name, Function<FormatSettings, OutputFormat> factory) {
        if (FORMATS.put(name, factory) != null) {
            throw new IllegalStateException("format registered twice: " + name);
        }
    }

    /** A new encoder for one result; throws UNKNOWN_FORMAT (73) for a name ClickHouse would not know either. */
    public static OutputFormat create(String name, FormatSettings settings) {
        Function<FormatSettings, OutputFormat> factory = FORMATS.get(name);
        if (factory == null) {
            throw new ProxistException(ErrorCode.UNKNOWN_FORMAT, "Unknown format " + name);
        }
        return factory.apply(settings);
    }

    /** Every name {@link #create} accepts, aliases included, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FORMATS.keySet());
    }
}
