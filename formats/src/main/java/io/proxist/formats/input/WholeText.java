package io.proxist.formats.input;

import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * A value given as the whole of a piece of text, quoting and escaping of the format already removed: a CSV cell, the
 * content of a JSON string in the JSON*Strings formats, a TabSeparated field. Scalars parse the text; arrays, tuples
 * and maps are in the quoted literal syntax ({@code [1,2]}, {@code ('a',1)}, {@code {'k':1}}); {@code \N} is NULL.
 */
final class WholeText {
    private final InputSettings settings;
    private final Source sub = Source.fixed();
    private final Quoted quoted;

    WholeText(InputSettings settings) {
        this.settings = settings;
        this.quoted = new Quoted(settings, false);
    }

    static boolean isNullMarker(byte[] b, int off, int len) {
        return len == 2 && b[off] == '\\' && b[off + 1] == 'N';
    }

    void parse(byte[] b, int off, int len, TypeInfo t, ColumnBuilder out) {
        switch (t.kind) {
            case NULLABLE -> {
                NullableColumnBuilder nb = (NullableColumnBuilder) out;
                if (isNullMarker(b, off, len)) {
                    nb.appendNull();
                } else {
                    nb.appendNotNull();
                    parse(b, off, len, t.inner, nb.inner());
                }
            }
            case SCALAR -> {
                if (isNullMarker(b, off, len) && !t.scalar.isString()) {
                    if (!settings.nullAsDefault()) throw Quoted.nullIntoNonNullable(t);
                    out.appendDefault();
                } else {
                    t.scalar.parseText(b, off, len, out);
                }
            }
            default -> composite(b, off, len, t, out);
        }
    }

    /** An array, tuple or map in quoted literal syntax filling exactly {@code b[off, off + len)}. */
    void composite(byte[] b, int off, int len, TypeInfo t, ColumnBuilder out) {
        sub.reset(b, off, off + len);
        quoted.read(sub, t, out);
        sub.skipWhitespace();
        if (sub.pos != off + len) {
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    "Cannot parse input: expected the end of a value of type " + t.type + " " + sub.here());
        }
    }
}
