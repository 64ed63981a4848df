package io.proxist.formats.input;

import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.block.build.TupleColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * CSV fields as ClickHouse reads them: quoted ({@code "..."} with {@code ""} for a quote; {@code '...'} when
 * allowed) or unquoted up to the delimiter or end of line, spaces and tabs around unquoted fields ignored. An
 * unquoted {@code \N} is NULL, an empty unquoted field the default (input_format_csv_empty_as_default). Arrays and
 * maps are a field holding quoted literal syntax; a tuple is either such a field {@code "(1,'a')"} or its elements
 * in consecutive fields.
 */
final class Csv {
    private final InputSettings settings;
    private final char delimiter;
    private final Scratch field;
    private final WholeText whole;
    private boolean quoted;

    Csv(InputSettings settings) {
        this.settings = settings;
        this.delimiter = settings.csvDelimiter();
        this.field = new Scratch(settings.maxStringBytes());
        this.whole = new WholeText(settings);
    }

    char delimiter() {
        return delimiter;
    }

    private boolean isBlank(byte c) {
        return (c == ' ' || c == '\t') && c != delimiter;
    }

    void skipBlanks(Source src) {
        while (true) {
            if (src.pos >= src.limit && !src.more()) return;
            if (!isBlank(src.buf[src.pos])) return;
            src.pos++;
        }
    }

    /** Reads the field at {@code src.pos} into {@link #field}; leaves {@code pos} at the delimiter or line end. */
    private void readRaw(Source src) {
        field.clear();
        skipBlanks(src);
        int c = src.peek();
        if ((c == '"' && settings.csvAllowDoubleQuotes()) || (c == '\'' && settings.csvAllowSingleQuotes())) {
            quoted = true;
            src.pos++;
            int start = src.pos;
            int i = start;
            while (true) {
                if (i >= src.limit && !src.more()) throw unterminated();
                if (src.buf[i] != c) {
                    i++;
                    continue;
                }
                field.add(src.buf, start, i - start);
                if (i + 1 >= src.limit) src.more();
                if (i + 1 < src.limit && src.buf[i + 1] == c) {
                    field.add(c);
                    i += 2;
                    start = i;
                    continue;
                }
                src.pos = i + 1;
                break;
            }
            skipBlanks(src);
            return;
        }
        quoted = false;
        int start = src.pos;
        int i = start;
        while (true) {
            if (i >= src.limit && !src.more()) break;
            byte b = src.buf[i];
            if (b == delimiter || b == '\n') break;
            if (b == '\r') {
                if (i + 1 >= src.limit) src.more();
                if (i + 1 >= src.limit || src.buf[i + 1] == '\n') break;
            }
            i++;
        }
        int end = i;
        while (end > start && isBlank(src.buf[end - 1])) end--;
        field.add(src.buf, start, end - start);
        src.pos = i;
    }

    void skipField(Source src) {
        readRaw(src);
    }

    String readName(Source src) {
        readRaw(src);
        return Texts.utf8(field.b, 0, field.len);
    }

    void readField(Source src, TypeInfo t, ColumnBuilder out) {
        readRaw(src);
        if (t.kind == TypeInfo.Kind.TUPLE && !(field.len > 0 && field.b[0] == '(')) {
            separateTuple(src, t, (TupleColumnBuilder) out);
        } else {
            value(t, out);
        }
    }

    /** A tuple written as its elements in consecutive fields; the first field is already read. */
    private void separateTuple(Source src, TypeInfo t, TupleColumnBuilder tb) {
        for (int i = 0; i < t.elements.length; i++) {
            if (i > 0) {
                skipBlanks(src);
                if (!src.skipIf(delimiter)) throw src.expected(Source.quoteChar(delimiter) + " between tuple elements");
                readField(src, t.elements[i], tb.element(i));
            } else if (t.elements[0].kind == TypeInfo.Kind.TUPLE) {
                separateTuple(src, t.elements[0], (TupleColumnBuilder) tb.element(0));
            } else {
                value(t.elements[0], tb.element(0));
            }
        }
        tb.endTuple();
    }

    /** A quoted field the data ends inside: the row cannot be completed (ClickHouse reads no closing quote). */
    private static ProxistException unterminated() {
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected closing quote");
    }

    private static boolean stringLike(TypeInfo t) {
        TypeInfo v = t.isNullable() ? t.inner : t;
        return v.kind == TypeInfo.Kind.SCALAR && v.scalar.isString();
    }

    /** The field just read, as a value of {@code t}. */
    private void value(TypeInfo t, ColumnBuilder out) {
        byte[] b = field.b;
        int len = field.len;
        if (!quoted && WholeText.isNullMarker(b, 0, len)) {
            if (t.isNullable()) {
                ((NullableColumnBuilder) out).appendNull();
                return;
            }
            if (settings.nullAsDefault()) {
                out.appendDefault();
                return;
            }
        }
        if (len == 0 && settings.csvEmptyAsDefault() && !(quoted && stringLike(t))) {
            out.appendDefault();
            return;
        }
        if (t.isNullable()) {
            NullableColumnBuilder nb = (NullableColumnBuilder) out;
            nb.appendNotNull();
            whole.parse(b, 0, len, t.inner, nb.inner());
        } else if (t.kind == TypeInfo.Kind.SCALAR) {
            t.scalar.parseText(b, 0, len, out);
        } else {
            whole.composite(b, 0, len, t, out);
        }
    }
}
