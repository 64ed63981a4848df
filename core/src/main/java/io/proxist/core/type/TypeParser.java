package io.proxist.core.type;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.util.ArrayList;
import java.util.List;

/** Parses ClickHouse type names. Recursive descent over the characters of one type expression. */
final class TypeParser {
    private final String text;
    private int pos;

    private TypeParser(String text) {
        this.text = text;
    }

    static DataType parse(String text) {
        TypeParser p = new TypeParser(text);
        p.skipSpace();
        DataType t = p.type();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the type");
        }
        return t;
    }

    private DataType type() {
        String name = identifier();
        skipSpace();
        if (!peek('(')) {
            return DataType.of(name);
        }
        pos++;
        List<DataType.Arg> args = new ArrayList<>();
        skipSpace();
        if (peek(')')) {
            pos++;
            return new DataType(name, args);
        }
        while (true) {
            skipSpace();
            args.add(arg());
            skipSpace();
            if (peek(',')) {
                pos++;
            } else if (peek(')')) {
                pos++;
                return new DataType(name, args);
            } else {
                throw error("expected ',' or ')'");
            }
        }
    }

    private DataType.Arg arg() {
        char c = current();
        if (c == '\'') {
            int start = pos;
            quoted();
            skipSpace();
            if (peek('=')) {
                pos++;
                skipSpace();
                number();
                String entry = text.substring(start, pos);
                return new DataType.LiteralArg(normaliseEnumEntry(entry));
            }
            return new DataType.LiteralArg(text.substring(start, pos));
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos;
            number();
            return new DataType.LiteralArg(text.substring(start, pos));
        }
        int save = pos;
        String first = identifier();
        skipSpace();
        if (pos < text.length() && Character.isLetter(current())) {
            // a named tuple element: "name Type"
            DataType t = type();
            return new DataType.LiteralArg(first + " " + t);
        }
        pos = save;
        return new DataType.TypeArg(type());
    }

    private static String normaliseEnumEntry(String entry) {
        int eq = entry.lastIndexOf('=');
        return entry.substring(0, eq).strip() + " = " + entry.substring(eq + 1).strip();
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a type name");
        }
        return text.substring(start, pos);
    }

    private void quoted() {
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '\'') {
                return;
            }
        }
        throw error("unterminated string");
    }

    private void number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start || (pos == start + 1 && text.charAt(start) == '-')) {
            throw error("expected a number");
        }
    }

    private char current() {
        if (pos >= text.length()) {
            throw error("unexpected end of the type");
        }
        return text.charAt(pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ProxistException error(String what) {
        return new ProxistException(
                ErrorCode.UNKNOWN_TYPE, "cannot parse type: " + what + " [type=" + text + ", position=" + pos + "]");
    }
}
