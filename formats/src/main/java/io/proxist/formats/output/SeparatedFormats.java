package io.proxist.formats.output;

import io.proxist.core.block.Block;
import java.util.ArrayList;
import java.util.List;

/** The tab- and comma-separated formats, TSKV and Values. */
final class SeparatedFormats {
    private SeparatedFormats() {}

    static final String TSV_CONTENT_TYPE = "text/tab-separated-values; charset=UTF-8";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=UTF-8";

    /** TabSeparated and TabSeparatedRaw, with optional names and types lines (TabSeparatedRowOutputFormat). */
    static final class TabSeparated extends RowFormat {
        private final boolean withNames;
        private final boolean withTypes;
        private final boolean raw;

        TabSeparated(String name, FormatSettings settings, boolean withNames, boolean withTypes, boolean raw) {
            super(name, TSV_CONTENT_TYPE, settings);
            this.withNames = withNames;
            this.withTypes = withTypes;
            this.raw = raw;
        }

        @Override
        void prefix(Block header) {
            if (withNames) {
                line(names);
            }
            if (withTypes) {
                line(typeNames);
            }
        }

        private void line(List<String> values) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    fieldDelimiter();
                }
                byte[] b = utf8(values.get(i));
                if (raw) {
                    sink.write(b);
                } else {
                    TextEscaping.escaped(b, 0, b.length, (byte) '\'', sink);
                }
            }
            rowEnd();
        }

        /** Totals and extremes each after an empty line (TabSeparatedRowOutputFormat). */
        @Override
        boolean supportsTotals() {
            return true;
        }

        @Override
        boolean supportsExtremes() {
            return true;
        }

        @Override
        void beforeTotals() {
            sink.write('\n');
        }

        @Override
        void beforeExtremes() {
            sink.write('\n');
        }

        @Override
        void field(int column, ColumnText value, int row) {
            if (raw) {
                value.raw(row, sink);
            } else {
                value.escaped(row, sink);
            }
        }

        @Override
        void fieldDelimiter() {
            sink.write('\t');
        }

        @Override
        void rowEnd() {
            if (settings.text().tsvCrlfEndOfLine()) {
                sink.write('\r');
            }
            sink.write('\n');
        }
    }

    /** TSKV: {@code key=value} fields separated by tabs, keys escaped with '=' escaped too. */
    static final class Tskv extends RowFormat {
        private List<byte[]> keys;

        Tskv(FormatSettings settings) {
            super("TSKV", TSV_CONTENT_TYPE, settings);
        }

        @Override
        void block(Block block) {
            keys(block);
            super.block(block);
        }

        @Override
        boolean totals(Block totals) {
            keys(totals);
            return super.totals(totals);
        }

        @Override
        void extremes(Block extremes) {
            keys(extremes);
            super.extremes(extremes);
        }

        private void keys(Block block) {
            if (keys == null) {
                List<byte[]> k = new ArrayList<>();
                for (String n : block.names()) {
                    ByteSink s = new ByteSink(n.length() + 2);
                    byte[] b = utf8(n);
                    TextEscaping.escaped(b, 0, b.length, (byte) '=', s);
                    s.write('=');
                    k.add(s.toByteArray());
                }
                keys = k;
            }
        }

        /** Totals and extremes each after an empty line (TSKVRowOutputFormat is a TabSeparatedRowOutputFormat). */
        @Override
        boolean supportsTotals() {
            return true;
        }

        @Override
        boolean supportsExtremes() {
            return true;
        }

        @Override
        void beforeTotals() {
            sink.write('\n');
        }

        @Override
        void beforeExtremes() {
            sink.write('\n');
        }

        @Override
        void field(int column, ColumnText value, int row) {
            sink.write(keys.get(column));
            value.escaped(row, sink);
        }

        @Override
        void fieldDelimiter() {
            sink.write('\t');
        }

        @Override
        void rowEnd() {
            sink.write('\n');
        }
    }

    /** CSV, with optional names and types lines (CSVRowOutputFormat). */
    static final class Csv extends RowFormat {
        private final boolean withNames;
        private final boolean withTypes;

        Csv(String name, FormatSettings settings, boolean withNames, boolean withTypes) {
            super(name, "text/csv; charset=UTF-8; header=" + (withNames || withTypes ? "present" : "absent"), settings);
            this.withNames = withNames;
            this.withTypes = withTypes;
        }

        @Override
        void prefix(Block header) {
            if (withNames) {
                line(names);
            }
            if (withTypes) {
                line(typeNames);
            }
        }

        private void line(List<String> values) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    fieldDelimiter();
                }
                byte[] b = utf8(values.get(i));
                TextEscaping.csv(b, 0, b.length, sink);
            }
            rowEnd();
        }

        /** Totals and extremes each after an empty line (CSVRowOutputFormat). */
        @Override
        boolean supportsTotals() {
            return true;
        }

        @Override
        boolean supportsExtremes() {
            return true;
        }

        @Override
        void beforeTotals() {
            sink.write('\n');
        }

        @Override
        void beforeExtremes() {
            sink.write('\n');
        }

        @Override
        void field(int column, ColumnText value, int row) {
            value.csv(row, sink);
        }

        @Override
        void fieldDelimiter() {
            sink.write(settings.text().csvDelimiter());
        }

        @Override
        void rowEnd() {
            if (settings.text().csvCrlfEndOfLine()) {
                sink.write('\r');
            }
            sink.write('\n');
        }
    }

    /** Values: {@code (1,'a'),(2,'b')} with no line break (ValuesRowOutputFormat). */
    static final class Values extends RowFormat {
        Values(FormatSettings settings) {
            super("Values", TEXT_CONTENT_TYPE, settings);
        }

        @Override
        void field(int column, ColumnText value, int row) {
            value.quoted(row, sink);
        }

        @Override
        void rowBetween() {
            sink.write(',');
        }

        @Override
        void rowStart() {
            sink.write('(');
        }

        @Override
        void fieldDelimiter() {
            sink.write(',');
        }

        @Override
        void rowEnd() {
            sink.write(')');
        }
    }
}
