package io.proxist.formats.input;

import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * TabSeparated (TSV), TabSeparatedRaw (TSVRaw) and their -WithNames / -WithNamesAndTypes variants: one row per line,
 * fields separated by tabs; the last line may lack its newline.
 */
final class TabSeparatedInput extends RowInputFormat {
    private final boolean withNames;
    private final boolean withTypes;
    private final Escaped escaped;
    private ColumnMapping mapping;

    TabSeparatedInput(
            String name,
            List<String> names,
            List<DataType> types,
            InputSettings settings,
            boolean raw,
            boolean withNames,
            boolean withTypes) {
        super(name, names, types, settings);
        this.withNames = withNames;
        this.withTypes = withTypes;
        this.escaped = new Escaped(settings, raw);
        this.mapping = ColumnMapping.identity(names.size());
    }

    @Override
    void readPrefix() {
        if (!withNames) return;
        skipBom();
        if (src.atEnd()) return;
        List<String> header = headerRow();
        if (settings.withNamesUseHeader()) {
            mapping = ColumnMapping.byNames(header, names, settings.skipUnknownFields(), name);
        }
        if (withTypes) {
            if (src.atEnd()) return;
            checkTypes(headerRow(), mapping);
        }
    }

    private List<String> headerRow() {
        List<String> out = new ArrayList<>();
        while (true) {
            out.add(escaped.readName(src));
            int c = src.read();
            if (c != '\t') return out;
        }
    }

    @Override
    int expectedFields() {
        return mapping.fields();
    }

    @Override
    boolean readRow() {
        if (src.atEnd()) return false;
        int[] map = mapping.fieldToColumn;
        for (int f = 0; f < map.length; f++) {
            if (f > 0) {
                if (src.peek() != '\t') throw fewerColumns("'\\t'");
                src.pos++;
            }
            int c = map[f];
            if (c < 0) {
                escaped.skipField(src);
            } else {
                column = c;
                escaped.readField(src, infos[c], builders[c]);
            }
        }
        int end = src.peek();
        if (end == '\t') throw moreColumns("'\\n'");
        if (end == '\n') src.pos++;
        fillMissing(mapping);
        return true;
    }
}
