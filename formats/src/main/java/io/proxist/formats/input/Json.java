package io.proxist.formats.input;

import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.block.build.TupleColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;

/**
 * JSON values as the JSON* formats read them. Numbers may come bare or quoted ("123", as 64-bit integers are
 * written); true/false count as 1/0 for numbers; a String column takes a string, or the text of a number, a bool, an
 * array or an object; null is NULL (or the default for a non-Nullable column, input_format_null_as_default); arrays
 * are arrays, tuples arrays or (named) objects, maps objects. In the *Strings formats every value is a string holding
 * the value's text.
 */
final class Json {
    private static final byte[] ONE = {'1'};
    private static final byte[] ZERO = {'0'};

    private final InputSettings settings;
    private final boolean strings;
    private final Scratch str;
    private final WholeText whole;

    Json(InputSettings settings, boolean strings) {
        this.settings = settings;
        this.strings = strings;
        this.str = new Scratch(settings.maxStringBytes());
        this.whole = new WholeText(settings);
    }

    /** Reads a JSON string at {@code src.pos} into {@code out} (cleared first). */
    static void readString(Source src, Scratch out) {
        if (src.peek() != '"') throw src.expected("'\"' opening a JSON string");
        int start = ++src.pos;
        int i = start;
        boolean escapes = false;
        while (true) {
            if (i >= src.limit && !src.more()) {
                throw new ProxistException(
                        ErrorCode.CANNOT_PARSE_QUOTED_STRING, "Cannot parse JSON string: expected closing quote");
            }
            byte c = src.buf[i];
            if (c == '"') break;
            if (c == '\\') {
                escapes = true;
                i += 2;
                while (i > src.limit) {
                    if (!src.more()) {
                        throw new ProxistException(
                                ErrorCode.CANNOT_PARSE_QUOTED_STRING,
                                "Cannot parse JSON string: expected closing quote");
                    }
                }
                continue;
            }
            i++;
        }
        out.clear();
        if (escapes) Escapes.unescapeJson(src.buf, start, i, out);
        else out.add(src.buf, start, i - start);
        src.pos = i + 1;
    }

    String readName(Source src) {
        src.skipWhitespace();
        readString(src, str);
        return new String(str.b, 0, str.len, StandardCharsets.UTF_8);
    }

    /** The current key, as read by {@link #readKey}. */
    Scratch key() {
        return str;
    }

    void readKey(Source src) {
        readString(src, str);
    }

    void read(Source src, TypeInfo t, ColumnBuilder out) {
        src.skipWhitespace();
        int c = src.peek();
        if (c == 'n' && Quoted.word(src, "null")) {
            if (t.isNullable()) ((NullableColumnBuilder) out).appendNull();
            else if (settings.nullAsDefault()) out.appendDefault();
            else throw Quoted.nullIntoNonNullable(t);
            return;
        }
        if (strings && c == '"') {
            readString(src, str);
            whole.parse(str.b, 0, str.len, t, out);
            return;
        }
        switch (t.kind) {
            case NULLABLE -> {
                NullableColumnBuilder nb = (NullableColumnBuilder) out;
                nb.appendNotNull();
                read(src, t.inner, nb.inner());
            }
            case ARRAY -> {
                ArrayColumnBuilder ab = (ArrayColumnBuilder) out;
                if (!src.skipIf('[')) throw src.expected("'[' opening an array of type " + t.type);
                src.skipWhitespace();
                int n = 0;
                if (!src.skipIf(']')) {
                    while (true) {
                        if (++n > settings.maxArrayElements()) throw tooMany();
                        read(src, t.inner, ab.elements());
                        src.skipWhitespace();
                        if (src.skipIf(',')) continue;
                        if (src.skipIf(']')) break;
                        throw src.expected("',' or ']' in a JSON array");
                    }
                }
                ab.endArray();
            }
            case MAP -> {
                ArrayColumnBuilder ab = (ArrayColumnBuilder) out;
                TupleColumnBuilder entries = (TupleColumnBuilder) ab.elements();
                if (!src.skipIf('{')) throw src.expected("'{' opening a map of type " + t.type);
                src.skipWhitespace();
                int n = 0;
                if (!src.skipIf('}')) {
                    while (true) {
                        if (++n > settings.maxArrayElements()) throw tooMany();
                        src.skipWhitespace();
                        readString(src, str);
                        whole.parse(str.b, 0, str.len, t.elements[0], entries.element(0));
                        src.skipWhitespace();
                        src.expect(':');
                        read(src, t.elements[1], entries.element(1));
                        entries.endTuple();
                        src.skipWhitespace();
                        if (src.skipIf(',')) continue;
                        if (src.skipIf('}')) break;
                        throw src.expected("',' or '}' in a JSON object");
                    }
                }
                ab.endArray();
            }
            case TUPLE -> tuple(src, t, (TupleColumnBuilder) out);
            case SCALAR -> scalar(src, t, out);
        }
    }

    private void tuple(Source src, TypeInfo t, TupleColumnBuilder tb) {
        int n = t.elements.length;
        if (src.skipIf('[')) {
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    src.skipWhitespace();
                    if (!src.skipIf(',')) throw src.expected("',' in a tuple of " + n);
                }
                read(src, t.elements[i], tb.element(i));
            }
            src.skipWhitespace();
            if (!src.skipIf(']')) throw src.expected("']' closing a tuple of " + n);
            tb.endTuple();
            return;
        }
        if (t.names == null || !src.skipIf('{')) throw src.expected("'[' opening a tuple of type " + t.type);
        boolean[] seen = new boolean[n];
        src.skipWhitespace();
        if (!src.skipIf('}')) {
            while (true) {
                src.skipWhitespace();
                String name = readName(src);
                int e = -1;
                for (int i = 0; i < n; i++) if (name.equals(t.names[i])) e = i;
                src.skipWhitespace();
                src.expect(':');
                if (e < 0) {
                    if (!settings.skipUnknownFields()) throw unknownField(name);
                    skipValue(src);
                } else {
                    if (seen[e]) throw duplicate(name);
                    seen[e] = true;
                    read(src, t.elements[e], tb.element(e));
                }
                src.skipWhitespace();
                if (src.skipIf(',')) continue;
                if (src.skipIf('}')) break;
                throw src.expected("',' or '}' in a JSON object");
            }
        }
        for (int i = 0; i < n; i++) if (!seen[i]) tb.element(i).appendDefault();
        tb.endTuple();
    }

    private void scalar(Source src, TypeInfo t, ColumnBuilder out) {
        int c = src.peek();
        if (c == '"') {
            readString(src, str);
            t.scalar.parseText(str.b, 0, str.len, out);
            return;
        }
        if (c == '[' || c == '{') {
            if (!t.scalar.isString()) throw src.expected("a value of type " + t.type);
            int start = src.pos;
            skipValue(src);
            t.scalar.parseText(src.buf, start, src.pos - start, out);
            return;
        }
        if (c == 't' || c == 'f') {
            int start = src.pos;
            if (Quoted.word(src, c == 't' ? "true" : "false")) {
                if (t.scalar.isNumber()) t.scalar.parseBare(c == 't' ? ONE : ZERO, 0, 1, out);
                else t.scalar.parseBare(src.buf, start, src.pos - start, out);
                return;
            }
        }
        int start = src.pos;
        int end = Quoted.token(src);
        if (end == start) throw src.expected("a value of type " + t.type);
        t.scalar.parseBare(src.buf, start, end - start, out);
    }

    /** Skips one JSON value of any kind (for keys that are not columns). */
    void skipValue(Source src) {
        src.skipWhitespace();
        int c = src.peek();
        if (c == '"') {
            readString(src, str);
            return;
        }
        if (c == '[' || c == '{') {
            int depth = 0;
            while (true) {
                int b = src.peek();
                if (b < 0) throw src.expected("the end of a JSON value");
                if (b == '"') {
                    readString(src, str);
                    continue;
                }
                src.pos++;
                if (b == '[' || b == '{') depth++;
                else if (b == ']' || b == '}') depth--;
                if (depth == 0) return;
            }
        }
        if (c == 't' && Quoted.word(src, "true")) return;
        if (c == 'f' && Quoted.word(src, "false")) return;
        if (c == 'n' && Quoted.word(src, "null")) return;
        int start = src.pos;
        if (Quoted.token(src) == start) throw src.expected("a JSON value");
    }

    private ProxistException tooMany() {
        return new ProxistException(
                ErrorCode.TOO_LARGE_ARRAY_SIZE,
                "array or map has more than " + settings.maxArrayElements() + " elements");
    }

    static ProxistException unknownField(String name) {
        return new ProxistException(
                ErrorCode.INCORRECT_DATA,
                "Unknown field found while parsing JSON: '" + name
                        + "' (set input_format_skip_unknown_fields to skip it)");
    }

    static ProxistException duplicate(String name) {
        return new ProxistException(
                ErrorCode.INCORRECT_DATA, "Duplicate field found while parsing JSON: '" + name + "'");
    }
}
