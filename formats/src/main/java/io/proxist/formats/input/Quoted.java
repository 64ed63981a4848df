package io.proxist.formats.input;

import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.block.build.TupleColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * Literals in ClickHouse's quoted text syntax: the values of the Values format, and arrays, tuples and maps inside
 * TabSeparated and CSV fields. Strings in single quotes with backslash escapes (and {@code ''}), bare numbers,
 * {@code NULL}, {@code true}/{@code false}, {@code [..]}, {@code (..)}, {@code {k: v}}. Nothing is evaluated: an
 * identifier or a function call is an error.
 */
final class Quoted {
    private final InputSettings settings;
    private final Scratch scratch;
    private final boolean values;

    Quoted(InputSettings settings, boolean values) {
        this.settings = settings;
        this.scratch = new Scratch(settings.maxStringBytes());
        this.values = values;
    }

    /** Reads one literal of type {@code t} (whitespace before it is skipped) and appends it to {@code out}. */
    void read(Source src, TypeInfo t, ColumnBuilder out) {
        src.skipWhitespace();
        int c = src.peek();
        if ((c == 'N' || c == 'n') && word(src, "null")) {
            if (t.isNullable()) ((NullableColumnBuilder) out).appendNull();
            else if (settings.nullAsDefault()) out.appendDefault();
            else throw nullIntoNonNullable(t);
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
                open(src, '[', t);
                int n = 0;
                src.skipWhitespace();
                if (!src.skipIf(']')) {
                    while (true) {
                        if (++n > settings.maxArrayElements()) throw tooManyElements();
                        read(src, t.inner, ab.elements());
                        src.skipWhitespace();
                        if (src.skipIf(',')) continue;
                        if (src.skipIf(']')) break;
                        throw src.expected("',' or ']' in an array");
                    }
                }
                ab.endArray();
            }
            case MAP -> {
                ArrayColumnBuilder ab = (ArrayColumnBuilder) out;
                TupleColumnBuilder entries = (TupleColumnBuilder) ab.elements();
                open(src, '{', t);
                int n = 0;
                src.skipWhitespace();
                if (!src.skipIf('}')) {
                    while (true) {
                        if (++n > settings.maxArrayElements()) throw tooManyElements();
                        read(src, t.elements[0], entries.element(0));
                        src.skipWhitespace();
                        src.expect(':');
                        read(src, t.elements[1], entries.element(1));
                        entries.endTuple();
                        src.skipWhitespace();
                        if (src.skipIf(',')) continue;
                        if (src.skipIf('}')) break;
                        throw src.expected("',' or '}' in a map");
                    }
                }
                ab.endArray();
            }
            case TUPLE -> {
                TupleColumnBuilder tb = (TupleColumnBuilder) out;
                open(src, '(', t);
                for (int i = 0; i < t.elements.length; i++) {
                    if (i > 0) {
                        src.skipWhitespace();
                        if (!src.skipIf(',')) throw src.expected("',' in a tuple of " + t.elements.length);
                    }
                    read(src, t.elements[i], tb.element(i));
                }
                src.skipWhitespace();
                if (t.elements.length == 1) src.skipIf(',');
                if (!src.skipIf(')')) throw src.expected("')' closing a tuple of " + t.elements.length);
                tb.endTuple();
            }
            case SCALAR -> scalar(src, t, out);
        }
    }

    private void open(Source src, char bracket, TypeInfo t) {
        if (!src.skipIf(bracket)) throw notLiteral(src, t);
    }

    private void scalar(Source src, TypeInfo t, ColumnBuilder out) {
        int c = src.peek();
        if (c == '\'') {
            readString(src, scratch);
            if (!values) {
                t.scalar.parseText(scratch.b, 0, scratch.len, out);
                return;
            }
            try {
                t.scalar.parseText(scratch.b, 0, scratch.len, out);
            } catch (ProxistException e) {
                // ClickHouse converts a string literal in Values as a whole: text left over after the value is
                // TYPE_MISMATCH ("Cannot convert string"); the type's own parse errors keep their code
                if (e.code() != ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED) throw e;
                throw new ProxistException(
                        ErrorCode.TYPE_MISMATCH,
                        "Cannot convert string " + Texts.show(scratch.b, 0, scratch.len) + " to type " + t.type);
            }
            return;
        }
        int start = src.pos;
        int end = token(src);
        if (end == start) throw notLiteral(src, t);
        int first = src.buf[start];
        boolean word = Character.isLetter(first) || first == '_';
        if (src.peek() == '(' || (word && !knownWord(src.buf, start, end - start))) {
            src.pos = start;
            throw notLiteral(src, t);
        }
        t.scalar.parseBare(src.buf, start, end - start, out);
    }

    private static boolean knownWord(byte[] b, int off, int len) {
        return Texts.equalsIgnoreCase(b, off, len, "true")
                || Texts.equalsIgnoreCase(b, off, len, "false")
                || Texts.equalsIgnoreCase(b, off, len, "inf")
                || Texts.equalsIgnoreCase(b, off, len, "infinity")
                || Texts.equalsIgnoreCase(b, off, len, "nan");
    }

    /**
     * Consumes a bare token (letters, digits, '_', '.', and '+' or '-' first or after an exponent's 'e') and returns
     * the index after it.
     */
    static int token(Source src) {
        int start = src.pos;
        while (true) {
            if (src.pos >= src.limit && !src.more()) return src.pos;
            byte c = src.buf[src.pos];
            boolean sign = (c == '+' || c == '-')
                    && (src.pos == start || src.buf[src.pos - 1] == 'e' || src.buf[src.pos - 1] == 'E');
            if ((c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || c == '_'
                    || c == '.'
                    || sign) {
                src.pos++;
            } else {
                return src.pos;
            }
        }
    }

    /** Consumes {@code word} (lowercase, compared case-insensitively) if it is next and not part of a longer word. */
    static boolean word(Source src, String word) {
        int n = word.length();
        while (src.limit - src.pos < n + 1) {
            if (!src.more()) break;
        }
        if (src.limit - src.pos < n) return false;
        if (!Texts.equalsIgnoreCase(src.buf, src.pos, n, word)) return false;
        if (src.pos + n < src.limit) {
            byte c = src.buf[src.pos + n];
            if (Character.isLetterOrDigit(c) || c == '_') return false;
        }
        src.pos += n;
        return true;
    }

    /**
     * Reads a string in single quotes at {@code src.pos} into {@code out} (cleared first), unescaping; a missing
     * closing quote is an error.
     */
    static void readString(Source src, Scratch out) {
        int quote = src.read();
        int start = src.pos;
        int i = start;
        boolean escapes = false;
        while (true) {
            if (i >= src.limit && !src.more()) throw unterminated();
            byte c = src.buf[i];
            if (c == '\\') {
                escapes = true;
                i += 2;
                while (i > src.limit) {
                    if (!src.more()) throw unterminated();
                }
                continue;
            }
            if (c == quote) {
                if (i + 1 >= src.limit) src.more(); // may throw NeedMoreInput: a doubled quote may follow
                if (i + 1 < src.limit && src.buf[i + 1] == quote) {
                    escapes = true;
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        out.clear();
        if (escapes) Escapes.unescape(src.buf, start, i, quote, out);
        else out.add(src.buf, start, i - start);
        src.pos = i + 1;
    }

    /** The content of the quoted string starting at {@code b[off]}, unescaped into {@code out}; returns the end. */
    static int unescapeQuoted(byte[] b, int off, int end, Scratch out) {
        Source s = Source.fixed();
        s.reset(b, off, end);
        if (s.peek() != '\'') {
            throw new ProxistException(
                    ErrorCode.UNKNOWN_TYPE, "expected a quoted string in " + Texts.utf8(b, off, end - off));
        }
        readString(s, out);
        return s.pos;
    }

    static ProxistException unterminated() {
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_QUOTED_STRING, "Cannot parse quoted string: expected closing quote");
    }

    private ProxistException tooManyElements() {
        return new ProxistException(
                ErrorCode.TOO_LARGE_ARRAY_SIZE,
                "array or map has more than " + settings.maxArrayElements() + " elements");
    }

    private ProxistException notLiteral(Source src, TypeInfo t) {
        if (values) {
            if (src.pos >= src.limit) {
                // the data ends where a value is due: ClickHouse's expression parser fails, a SYNTAX_ERROR
                return new ProxistException(
                        ErrorCode.SYNTAX_ERROR, "Cannot parse expression of type " + t.type + " here: ''");
            }
            String at = Texts.show(src.buf, src.pos, Math.min(30, src.limit - src.pos));
            return new ProxistException(
                    ErrorCode.CANNOT_PARSE_TEXT,
                    "Cannot parse expression of type " + t.type + " here: " + at
                            + ": Proxist does not evaluate expressions in Values, only literals");
        }
        return src.expected("a value of type " + t.type);
    }

    static ProxistException nullIntoNonNullable(TypeInfo t) {
        return new ProxistException(
                ErrorCode.TYPE_MISMATCH, "Cannot insert NULL value into a column of type '" + t.type + "'");
    }
}
