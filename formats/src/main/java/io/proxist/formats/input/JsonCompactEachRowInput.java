package io.proxist.formats.input;

import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * JSONCompactEachRow and JSONCompactStringsEachRow (with -WithNames and -WithNamesAndTypes): one JSON array of the
 * row's values per row; the header rows are arrays of strings.
 */
final class JsonCompactEachRowInput extends RowInputFormat {
    private final boolean withNames;
    private final boolean withTypes;
    private final Json json;
    private ColumnMapping mapping;

    JsonCompactEachRowInput(
            String name,
            List<String> names,
            List<DataType> types,
            InputSettings settings,
            boolean strings,
            boolean withNames,
            boolean withTypes) {
        super(name, names, types, settings);
        this.withNames = withNames;
        this.withTypes = withTypes;
        this.json = new Json(settings, strings);
        this.mapping = ColumnMapping.identity(names.size());
    }

    @Override
    void readPrefix() {
        skipBom();
        if (!withNames) return;
        src.skipWhitespace();
        if (src.atEnd()) return;
        List<String> header = headerRow();
        if (settings.withNamesUseHeader()) {
            mapping = ColumnMapping.byNames(header, names, settings.skipUnknownFields(), name);
        }
        if (withTypes) {
            src.skipWhitespace();
            if (src.atEnd()) return;
            checkTypes(headerRow(), mapping);
        }
    }

    private List<String> headerRow() {
        List<String> out = new ArrayList<>();
        src.expect('[');
        src.skipWhitespace();
        if (!src.skipIf(']')) {
            while (true) {
                out.add(json.readName(src));
                src.skipWhitespace();
                if (src.skipIf(',')) continue;
                if (src.skipIf(']')) break;
                throw src.expected("',' or ']' in the header row");
            }
        }
        rowEnd();
        return out;
    }

    private void rowEnd() {
        src.skipWhitespace();
        if (!src.skipIf(',')) src.skipIf(';');
    }

    @Override
    int expectedFields() {
        return mapping.fields();
    }

    @Override
    boolean readRow() {
        src.skipWhitespace();
        if (src.atEnd()) return false;
        if (!src.skipIf('[')) throw src.expected("'[' opening a row");
        int[] map = mapping.fieldToColumn;
        for (int f = 0; f < map.length; f++) {
            if (f > 0) {
                src.skipWhitespace();
                if (!src.skipIf(',')) throw fewerColumns("','");
            }
            int c = map[f];
            if (c < 0) {
                json.skipValue(src);
            } else {
                column = c;
                json.read(src, infos[c], builders[c]);
            }
        }
        src.skipWhitespace();
        if (!src.skipIf(']')) {
            if (src.peek() == ',') throw moreColumns("']'");
            throw src.expected("']' closing the row");
        }
        rowEnd();
        fillMissing(mapping);
        return true;
    }
}
