package io.proxist.formats.input;

import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;

/**
 * TabSeparated fields: a field runs to the next tab or newline not escaped by a backslash (or the end of input).
 * Strings are unescaped ({@code \t \n \\ \xHH ...}; not in the Raw variant), {@code \N} is NULL, arrays, tuples and
 * maps are in quoted literal syntax.
 */
final class Escaped {
    private final boolean raw;
    private final InputSettings settings;
    private final Scratch scratch;
    private final WholeText whole;

    Escaped(InputSettings settings, boolean raw) {
        this.raw = raw;
        this.settings = settings;
        this.scratch = new Scratch(settings.maxStringBytes());
        this.whole = new WholeText(settings);
    }

    /** The end of the field starting at {@code src.pos}; reads in as needed, does not move {@code pos}. */
    int fieldEnd(Source src) {
        int i = src.pos;
        while (true) {
            if (i >= src.limit && !src.more()) return src.limit;
            byte c = src.buf[i];
            if (c == '\t' || c == '\n') return i;
            if (c == '\\' && !raw) {
                if (i + 1 >= src.limit && !src.more()) return src.limit;
                i += 2;
            } else {
                i++;
            }
        }
    }

    void skipField(Source src) {
        src.pos = fieldEnd(src);
    }

    /** Reads a header field (a column name or type) as a string. */
    String readName(Source src) {
        int start = src.pos;
        int end = fieldEnd(src);
        scratch.clear();
        if (!raw) Escapes.unescape(src.buf, start, end, 0, scratch);
        else scratch.add(src.buf, start, end - start);
        src.pos = end;
        return Texts.utf8(scratch.b, 0, scratch.len);
    }

    void readField(Source src, TypeInfo t, ColumnBuilder out) {
        int start = src.pos;
        int end = fieldEnd(src);
        byte[] b = src.buf;
        int len = end - start;
        if (WholeText.isNullMarker(b, start, len)) {
            if (t.isNullable()) ((NullableColumnBuilder) out).appendNull();
            else if (settings.nullAsDefault()) out.appendDefault();
            else if (t.kind == TypeInfo.Kind.SCALAR && t.scalar.isString()) value(b, start, end, t, out);
            else throw Quoted.nullIntoNonNullable(t);
        } else if (t.isNullable()) {
            NullableColumnBuilder nb = (NullableColumnBuilder) out;
            nb.appendNotNull();
            value(b, start, end, t.inner, nb.inner());
        } else {
            value(b, start, end, t, out);
        }
        src.pos = end;
    }

    private void value(byte[] b, int start, int end, TypeInfo t, ColumnBuilder out) {
        int len = end - start;
        if (len == 0 && settings.tsvEmptyAsDefault()) {
            out.appendDefault();
            return;
        }
        if (t.kind != TypeInfo.Kind.SCALAR) {
            whole.composite(b, start, len, t, out);
            return;
        }
        if (raw || Escapes.indexOfBackslash(b, start, end) < 0) {
            t.scalar.parseText(b, start, len, out);
            return;
        }
        scratch.clear();
        Escapes.unescape(b, start, end, 0, scratch);
        t.scalar.parseText(scratch.b, 0, scratch.len, out);
    }
}
