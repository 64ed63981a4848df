package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.util.List;

/**
 * Values: {@code (v1, v2, ...)} per row, rows separated by optional commas and whitespace, an optional {@code ;} at
 * the end. Each value is a literal ({@link Quoted}); expressions are not evaluated.
 */
final class ValuesInput extends RowInputFormat {
    private final Quoted quoted;

    ValuesInput(String name, List<String> names, List<DataType> types, InputSettings settings) {
        super(name, names, types, settings);
        this.quoted = new Quoted(settings, true);
    }

    @Override
    void readPrefix() {
        skipBom();
    }

    @Override
    boolean readRow() {
        src.skipWhitespace();
        int c = src.peek();
        if (c == ',' && rowsSoFar() > 0) {
            src.pos++;
            src.skipWhitespace();
            c = src.peek();
            if (c != '(') throw src.expected("'(' opening a row after ','");
        }
        if (c < 0) return false;
        if (c == ';') {
            src.pos++;
            src.skipWhitespace();
            if (!src.atEnd()) throw src.expected("the end of data after ';'");
            return false;
        }
        if (c != '(') throw src.expected("'(' opening a row");
        src.pos++;
        int n = builders.length;
        for (int f = 0; f < n; f++) {
            column = f;
            src.skipWhitespace();
            int start = src.pos;
            quoted.read(src, infos[f], builders[f]);
            src.skipWhitespace();
            int next = src.peek();
            if (f + 1 < n) {
                if (next == ',') {
                    src.pos++;
                    continue;
                }
                if (next == ')') throw fewerColumns("','");
            } else {
                if (next == ')') {
                    src.pos++;
                    return true;
                }
                if (next == ',') throw moreColumns("')'");
            }
            throw expression(start, f);
        }
        throw new IllegalStateException("unreachable");
    }

    /** A value followed by something that is neither ',' nor ')': an expression, which Proxist does not evaluate. */
    private ProxistException expression(int start, int f) {
        int n = Math.min(30, src.limit - start);
        return new ProxistException(
                ErrorCode.CANNOT_PARSE_TEXT,
                "Cannot parse expression of type " + types.get(f) + " here: " + Texts.show(src.buf, start, n)
                        + ": Proxist does not evaluate expressions in Values, only literals");
    }
}
