package io.proxist.server.admin;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin API's JSON: values built from {@link Map} (objects, in their iteration order), {@link List}, String,
 * Number, Boolean, enums and null. {@link #write} indents by two spaces, {@link #line} writes one line. A non-finite
 * double is written as null.
 */
public final class Json {
    private Json() {}

    /** {@code value} indented, with a final newline. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.append('\n').toString();
    }

    /** {@code value} on one line, without a newline. */
    public static String line(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, boolean pretty) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> sb.append(Double.isFinite(d) ? d.toString() : "null");
            case Float f -> sb.append(Float.isFinite(f) ? f.toString() : "null");
            case Number n -> sb.append(n);
            case Enum<?> e -> string(sb, e.name());
            case Map<?, ?> m -> object(sb, m, indent, pretty);
            case List<?> l -> array(sb, l, indent, pretty);
            default -> string(sb, v.toString());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int indent, boolean pretty) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(sb, indent + 1, pretty);
            string(sb, String.valueOf(e.getKey()));
            sb.append(pretty ? ": " : ":");
            write(sb, e.getValue(), indent + 1, pretty);
            if (it.hasNext()) sb.append(',');
        }
        newline(sb, indent, pretty);
        sb.append('}');
    }

    private static void array(StringBuilder sb, List<?> l, int indent, boolean pretty) {
        if (l.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            newline(sb, indent + 1, pretty);
            write(sb, l.get(i), indent + 1, pretty);
            if (i + 1 < l.size()) sb.append(',');
        }
        newline(sb, indent, pretty);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, boolean pretty) {
        if (pretty) sb.append('\n').append("  ".repeat(indent));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
