package io.proxist.formats.input;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSONEachRow (JSONLines, NDJSON) and JSONStringsEachRow: one JSON object per row, keys in any order, missing keys
 * giving the column's default, unknown keys skipped (input_format_skip_unknown_fields) or an error. Rows may be
 * separated by whitespace and commas, and may be wrapped in one JSON array; {@code ;} may end the data.
 */
final class JsonEachRowInput extends RowInputFormat {
    private final Json json;
    private final byte[][] nameBytes;
    private final Map<String, Integer> byName = new HashMap<>();
    private final int[] lastColumnAtKey;
    private final boolean[] seen;
    private boolean inArray;

    JsonEachRowInput(String name, List<String> names, List<DataType> types, InputSettings settings, boolean strings) {
        super(name, names, types, settings);
        this.json = new Json(settings, strings);
        this.nameBytes = new byte[names.size()][];
        for (int i = 0; i < nameBytes.length; i++) {
            nameBytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
            byName.putIfAbsent(names.get(i), i);
        }
        this.lastColumnAtKey = new int[names.size()];
        Arrays.fill(lastColumnAtKey, -1);
        this.seen = new boolean[names.size()];
    }

    @Override
    void readPrefix() {
        skipBom();
        src.skipWhitespace();
        if (src.skipIf('[')) inArray = true;
    }

    @Override
    boolean readRow() {
        src.skipWhitespace();
        int c = src.peek();
        if (c == ',' && rowsSoFar() > 0) {
            src.pos++;
            src.skipWhitespace();
            c = src.peek();
        }
        if (inArray && c == ']') {
            src.pos++;
            endOfData();
            return false;
        }
        if (!inArray && c == ';') {
            endOfData();
            return false;
        }
        if (c < 0) {
            if (inArray) throw src.expected("']' closing the array of rows");
            return false;
        }
        if (c != '{') throw src.expected("'{' opening a row");
        src.pos++;
        Arrays.fill(seen, false);
        src.skipWhitespace();
        if (!src.skipIf('}')) {
            for (int k = 0; ; k++) {
                src.skipWhitespace();
                if (k == 0 && src.atEnd()) throw unexpectedEnd();
                json.readKey(src);
                int col = lookup(k);
                src.skipWhitespace();
                src.expect(':');
                if (col < 0) {
                    column = -1;
                    if (!settings.skipUnknownFields()) throw Json.unknownField(keyString());
                    json.skipValue(src);
                } else {
                    column = col;
                    if (seen[col]) throw Json.duplicate(names.get(col));
                    seen[col] = true;
                    json.read(src, infos[col], builders[col]);
                }
                src.skipWhitespace();
                if (src.skipIf(',')) continue;
                if (src.skipIf('}')) break;
                if (src.atEnd()) throw unexpectedEnd();
                throw src.expected("',' or '}' after a value");
            }
        }
        for (int i = 0; i < seen.length; i++) if (!seen[i]) builders[i].appendDefault();
        return true;
    }

    /** The data ends where a key or the end of the object is due (CANNOT_READ_ALL_DATA, as ClickHouse). */
    private ProxistException unexpectedEnd() {
        return new ProxistException(
                ErrorCode.CANNOT_READ_ALL_DATA, "Unexpected end of stream while parsing " + name + " format");
    }

    /** After the rows: an optional ';', then nothing but whitespace. */
    private void endOfData() {
        src.skipWhitespace();
        if (src.skipIf(';')) src.skipWhitespace();
        if (!src.atEnd()) throw src.expected("the end of data");
    }

    private String keyString() {
        Scratch k = json.key();
        return new String(k.b, 0, k.len, StandardCharsets.UTF_8);
    }

    /** The column of the key just read: first the column seen at this key position before, then by name. */
    private int lookup(int k) {
        Scratch key = json.key();
        if (k < lastColumnAtKey.length) {
            int guess = lastColumnAtKey[k];
            if (guess >= 0 && Texts.equals(key.b, 0, key.len, nameBytes[guess])) return guess;
        }
        Integer c = byName.get(keyString());
        if (c == null) return -1;
        if (k < lastColumnAtKey.length) lastColumnAtKey[k] = c;
        return c;
    }
}
