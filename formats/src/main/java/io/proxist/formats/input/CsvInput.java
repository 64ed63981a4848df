package io.proxist.formats.input;

import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/** CSV, CSVWithNames, CSVWithNamesAndTypes: one row per line ({@code \n} or {@code \r\n}), fields separated by the delimiter. */
final class CsvInput extends RowInputFormat {
    private final boolean withNames;
    private final boolean withTypes;
    private final Csv csv;
    private final String delimiter;
    private ColumnMapping mapping;

    CsvInput(
            String name,
            List<String> names,
            List<DataType> types,
            InputSettings settings,
            boolean withNames,
            boolean withTypes) {
        super(name, names, types, settings);
        this.withNames = withNames;
        this.withTypes = withTypes;
        this.csv = new Csv(settings);
        this.delimiter = Source.quoteChar(settings.csvDelimiter());
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
            out.add(csv.readName(src));
            if (!src.skipIf(csv.delimiter())) break;
        }
        endOfLine();
        return out;
    }

    /** Consumes a line end ({@code \n}, {@code \r\n}, a lone {@code \r}) or accepts the end of input. */
    private boolean endOfLine() {
        int c = src.peek();
        if (c == '\n') {
            src.pos++;
            return true;
        }
        if (c == '\r') {
            src.pos++;
            src.skipIf('\n');
            return true;
        }
        return c < 0;
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
                csv.skipBlanks(src);
                if (!src.skipIf(csv.delimiter())) throw fewerColumns(delimiter);
            }
            int c = map[f];
            if (c < 0) {
                csv.skipField(src);
            } else {
                column = c;
                csv.readField(src, infos[c], builders[c]);
            }
        }
        csv.skipBlanks(src);
        if (src.peek() == csv.delimiter()) throw moreColumns("a line end");
        if (!endOfLine()) throw src.expected("a line end after the last column");
        fillMissing(mapping);
        return true;
    }
}
