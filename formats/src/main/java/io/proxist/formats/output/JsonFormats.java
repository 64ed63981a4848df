package io.proxist.formats.output;

import io.proxist.core.block.Block;
import java.util.ArrayList;
import java.util.List;

/** The JSON family (JSONRowOutputFormat, JSONCompactRowOutputFormat, JSONEachRow, JSONCompactEachRow). */
final class JsonFormats {
    private JsonFormats() {}

    static final String JSON_CONTENT_TYPE = "application/json; charset=UTF-8";
    static final String NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=UTF-8";

    /** Names as JSON string contents (makeNamesValidJSONStrings), with the surrounding quotes. */
    static List<byte[]> jsonNames(List<String> names, FormatSettings settings, boolean validate) {
        List<byte[]> out = new ArrayList<>(names.size());
        for (String n : names) {
            ByteSink s = new ByteSink(n.length() + 2);
            TextEscaping.json(AbstractFormat.utf8(n), settings.json().escapeForwardSlashes(), validate, s);
            out.add(s.toByteArray());
        }
        return out;
    }

    /**
     * JSON, JSONStrings, JSONCompact and JSONCompactStrings: a document with "meta", "data", "rows",
     * "rows_before_limit_at_least" and "statistics". These always replace invalid UTF-8.
     */
    static final class Document extends RowFormat {
        private final boolean compact;
        private final boolean strings;
        private List<byte[]> keys;

        Document(String name, FormatSettings settings, boolean compact, boolean strings) {
            super(name, JSON_CONTENT_TYPE, settings);
            this.compact = compact;
            this.strings = strings;
        }

        @Override
        boolean validateUtf8() {
            return true;
        }

        @Override
        void prefix(Block header) {
            keys = jsonNames(names, settings, true);
            sink.ascii("{\n\t\"meta\":\n\t[\n");
            for (int i = 0; i < keys.size(); i++) {
                sink.ascii("\t\t{\n\t\t\t\"name\": ").write(keys.get(i)).ascii(",\n\t\t\t\"type\": ");
                TextEscaping.json(utf8(typeNames.get(i)), settings.json().escapeForwardSlashes(), true, sink);
                sink.ascii("\n\t\t}");
                if (i + 1 < keys.size()) {
                    sink.ascii(",\n");
                }
            }
            sink.ascii("\n\t],\n\n\t\"data\":\n\t[\n");
        }

        @Override
        void block(Block block) {
            if (keys == null) {
                keys = jsonNames(block.names(), settings, true);
            }
            super.block(block);
        }

        @Override
        void rowBetween() {
            sink.ascii(",\n");
        }

        @Override
        void rowStart() {
            sink.ascii(compact ? "\t\t[" : "\t\t{\n");
        }

        @Override
        void fieldDelimiter() {
            sink.ascii(compact ? ", " : ",\n");
        }

        @Override
        void field(int column, ColumnText value, int row) {
            if (!compact) {
                sink.ascii("\t\t\t").write(keys.get(column)).write(':').write(' ');
            }
            if (!strings && !compact && settings.json().prettyPrint()) {
                value.jsonPretty(row, sink, 3);
            } else {
                value(value, row);
            }
        }

        @Override
        void rowEnd() {
            sink.ascii(compact ? "]" : "\n\t\t}");
        }

        @Override
        void dataEnd() {
            sink.ascii("\n\t]");
        }

        /**
         * JSONRowOutputFormat / JSONCompactRowOutputFormat: {@code "totals"} an object (an array in JSONCompact) of
         * the row's values, never pretty-printed (JSONUtils::writeColumns), after {@code ",\n\n"}.
         */
        @Override
        boolean supportsTotals() {
            return true;
        }

        @Override
        boolean supportsExtremes() {
            return true;
        }

        @Override
        boolean totals(Block totals) {
            if (keys == null) {
                keys = jsonNames(totals.names(), settings, true);
            }
            return super.totals(totals);
        }

        @Override
        void extremes(Block extremes) {
            if (keys == null) {
                keys = jsonNames(extremes.names(), settings, true);
            }
            super.extremes(extremes);
        }

        @Override
        void beforeTotals() {
            sink.ascii(compact ? ",\n\n\t\"totals\": [" : ",\n\n\t\"totals\":\n\t{\n");
        }

        @Override
        void totalsRow(ColumnText[] t) {
            columns(t, 0, 2);
        }

        @Override
        void afterTotals() {
            sink.ascii(compact ? "]" : "\n\t}");
        }

        @Override
        void beforeExtremes() {
            sink.ascii(",\n\n\t\"extremes\":\n\t{\n");
        }

        @Override
        void minRow(ColumnText[] t) {
            extremesElement("min", t, 0);
        }

        @Override
        void maxRow(ColumnText[] t) {
            extremesElement("max", t, 1);
        }

        @Override
        void afterExtremes() {
            sink.ascii("\n\t}");
        }

        /** {@code "min"} or {@code "max"}: an object of the row at indent 2, or a compact array. */
        private void extremesElement(String title, ColumnText[] t, int row) {
            if (compact) {
                sink.ascii("\t\t\"").ascii(title).ascii("\": [");
                columns(t, row, 3);
                sink.ascii("]");
            } else {
                sink.ascii("\t\t\"").ascii(title).ascii("\":\n\t\t{\n");
                columns(t, row, 3);
                sink.ascii("\n\t\t}");
            }
        }

        /** JSONUtils::writeColumns (names, one per line at {@code indent}) or writeCompactColumns. */
        private void columns(ColumnText[] t, int row, int indent) {
            for (int c = 0; c < t.length; c++) {
                if (c > 0) {
                    sink.ascii(compact ? ", " : ",\n");
                }
                if (!compact) {
                    sink.repeat('\t', indent).write(keys.get(c)).write(':').write(' ');
                }
                value(t[c], row);
            }
        }

        private void value(ColumnText value, int row) {
            if (strings) {
                ByteSink s = new ByteSink(32);
                value.text(row, s);
                value.jsonString(s.array(), 0, s.size(), sink);
            } else {
                value.json(row, sink);
            }
        }

        @Override
        void suffix(ResultStatistics stats) {
            sink.ascii(",\n\n\t\"rows\": ").decimal(rowCount);
            if (stats.rowsBeforeLimit() >= 0) {
                sink.ascii(",\n\n\t\"rows_before_limit_at_least\": ").decimal(stats.rowsBeforeLimit());
            }
            if (settings.json().writeStatistics()) {
                sink.ascii(",\n\n\t\"statistics\":\n\t{\n\t\t\"elapsed\": ");
                sink.ascii(FloatText.float64(stats.elapsedSeconds()));
                sink.ascii(",\n\t\t\"rows_read\": ").ascii(Long.toUnsignedString(stats.rowsRead()));
                sink.ascii(",\n\t\t\"bytes_read\": ").ascii(Long.toUnsignedString(stats.bytesRead()));
                sink.ascii("\n\t}");
            }
            sink.ascii("\n}\n");
        }
    }

    /** JSONEachRow (with its aliases) and JSONStringsEachRow: one object per line. */
    static final class EachRow extends RowFormat {
        private final boolean strings;
        private List<byte[]> keys;

        EachRow(String name, FormatSettings settings, boolean strings) {
            super(name, NDJSON_CONTENT_TYPE, settings);
            this.strings = strings;
        }

        @Override
        boolean validateUtf8() {
            return settings.json().validateUtf8();
        }

        @Override
        void block(Block block) {
            if (keys == null) {
                keys = jsonNames(block.names(), settings, validateUtf8());
            }
            super.block(block);
        }

        @Override
        void rowStart() {
            sink.write('{');
        }

        @Override
        void fieldDelimiter() {
            sink.write(',');
        }

        @Override
        void field(int column, ColumnText value, int row) {
            sink.write(keys.get(column)).write(':');
            if (strings) {
                ByteSink s = new ByteSink(32);
                value.text(row, s);
                value.jsonString(s.array(), 0, s.size(), sink);
            } else {
                value.json(row, sink);
            }
        }

        @Override
        void rowEnd() {
            sink.write('}').write('\n');
        }
    }

    /** JSONCompactEachRow and JSONCompactStringsEachRow, with optional names and types lines. */
    static final class CompactEachRow extends RowFormat {
        private final boolean strings;
        private final boolean withNames;
        private final boolean withTypes;

        CompactEachRow(String name, FormatSettings settings, boolean strings, boolean withNames, boolean withTypes) {
            super(name, SeparatedFormats.TEXT_CONTENT_TYPE, settings);
            this.strings = strings;
            this.withNames = withNames;
            this.withTypes = withTypes;
        }

        @Override
        boolean validateUtf8() {
            return settings.json().validateUtf8();
        }

        @Override
        void prefix(Block header) {
            if (withNames) {
                line(jsonNames(names, settings, validateUtf8()));
            }
            if (withTypes) {
                line(jsonNames(typeNames, settings, validateUtf8()));
            }
        }

        private void line(List<byte[]> values) {
            rowStart();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    fieldDelimiter();
                }
                sink.write(values.get(i));
            }
            rowEnd();
        }

        /**
         * JSONCompactEachRowRowOutputFormat: the totals row after an empty line, only with the names line
         * (its consumeTotals); no extremes.
         */
        @Override
        boolean supportsTotals() {
            return withNames;
        }

        @Override
        void totalsRow(ColumnText[] t) {
            sink.write('\n');
            row(t, 0);
        }

        @Override
        void rowStart() {
            sink.write('[');
        }

        @Override
        void fieldDelimiter() {
            sink.write(',').write(' ');
        }

        @Override
        void field(int column, ColumnText value, int row) {
            if (strings) {
                ByteSink s = new ByteSink(32);
                value.text(row, s);
                value.jsonString(s.array(), 0, s.size(), sink);
            } else {
                value.json(row, sink);
            }
        }

        @Override
        void rowEnd() {
            sink.write(']').write('\n');
        }
    }
}
