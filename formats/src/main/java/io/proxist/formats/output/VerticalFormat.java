package io.proxist.formats.output;

import io.proxist.core.block.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Vertical (VerticalRowOutputFormat): each row as {@code Row N:}, a rule, and {@code name: value} lines with the
 * names padded to one width, rows separated by an empty line; values as plain text (NULL as ᴺᵁᴸᴸ), large numbers
 * followed by a readable tip. After output_format_pretty_max_rows rows it stops and ends with
 * {@code Showed first N.}.
 */
final class VerticalFormat extends RowFormat {
    private static final byte[] RULE = "─".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final FormatSettings.Pretty pretty;
    private final boolean color;
    private List<byte[]> labels;
    private long rowNumber;

    VerticalFormat(FormatSettings settings) {
        super("Vertical", SeparatedFormats.TEXT_CONTENT_TYPE, settings);
        this.pretty = settings.pretty();
        this.color = pretty.color();
    }

    private void prepare(List<String> columnNames) {
        if (labels != null) {
            return;
        }
        List<PrettyText.Name> cut = new ArrayList<>();
        long maxWidth = 0;
        for (String n : columnNames) {
            PrettyText.Name name = PrettyText.truncateName(
                    n, pretty.maxColumnNameWidthCutTo(), pretty.maxColumnNameWidthMinCharsToCut());
            cut.add(name);
            maxWidth = Math.max(maxWidth, name.width());
        }
        List<byte[]> l = new ArrayList<>();
        for (PrettyText.Name name : cut) {
            ByteSink s = new ByteSink(name.bytes().length + 16);
            if (color) {
                s.ascii("\033[1m").write(name.bytes()).ascii(":\033[0m ");
            } else {
                s.write(name.bytes()).write(':').write(' ');
            }
            s.repeat(' ', maxWidth - name.width());
            l.add(s.toByteArray());
        }
        labels = l;
    }

    @Override
    void block(Block block) {
        prepare(block.names());
        super.block(block);
    }

    /** One row on behalf of a Pretty format that fell back to Vertical; the bytes go to {@code out}. */
    void fallbackRow(List<String> columnNames, ColumnText[] columns, int row, boolean between, ByteSink out) {
        prepare(columnNames);
        sink.reset();
        if (between) {
            rowBetween();
        }
        rowStart();
        for (int c = 0; c < columns.length; c++) field(c, columns[c], row);
        out.write(sink);
        sink.reset();
    }

    private boolean over() {
        return rowNumber > pretty.maxRows();
    }

    @Override
    void rowBetween() {
        if (!over()) {
            sink.write('\n');
        }
    }

    @Override
    void rowStart() {
        ++rowNumber;
        if (over()) {
            return;
        }
        sink.ascii("Row ").decimal(rowNumber).ascii(":\n");
        long width = (long) Math.log10(rowNumber + 1) + 1 + "Row :".length();
        sink.repeat(RULE, width).write('\n');
    }

    @Override
    void field(int column, ColumnText value, int row) {
        if (over()) {
            return;
        }
        sink.write(labels.get(column));
        boolean number = value.isNumber();
        if (color && ((pretty.highlightDigitGroups() && number) || pretty.highlightTrailingSpaces())) {
            byte[] text = value.textBytes(row);
            if (pretty.highlightDigitGroups() && number) {
                text = PrettyText.highlightDigitGroups(text);
            }
            if (pretty.highlightTrailingSpaces()) {
                text = PrettyText.highlightTrailingSpaces(text);
            }
            sink.write(text);
        } else {
            value.text(row, sink);
        }
        if (number) {
            PrettyText.readableNumberTip(value, row, pretty, color, sink);
        }
        sink.write('\n');
    }

    @Override
    void dataEnd() {
        if (over()) {
            sink.ascii("Showed first ").decimal(pretty.maxRows()).ascii(".\n");
        }
    }

    /**
     * VerticalRowOutputFormat: {@code Totals:}, {@code Min:} and {@code Max:} rows with their own rules, after
     * empty lines; a special row restarts the row count, so it is written whatever output_format_pretty_max_rows.
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
        prepare(totals.names());
        return super.totals(totals);
    }

    @Override
    void extremes(Block extremes) {
        prepare(extremes.names());
        super.extremes(extremes);
    }

    @Override
    void beforeTotals() {
        sink.write('\n').write('\n');
    }

    @Override
    void totalsRow(ColumnText[] t) {
        specialRow(t, 0, "Totals");
    }

    @Override
    void beforeExtremes() {
        if (!totalsWritten) {
            sink.write('\n');
        }
        sink.write('\n');
    }

    @Override
    void minRow(ColumnText[] t) {
        specialRow(t, 0, "Min");
    }

    @Override
    void maxRow(ColumnText[] t) {
        specialRow(t, 1, "Max");
    }

    private void specialRow(ColumnText[] t, int row, String title) {
        rowNumber = 0;
        sink.ascii(title).ascii(":\n");
        sink.repeat(RULE, title.length() + 1).write('\n');
        for (int c = 0; c < t.length; c++) field(c, t[c], row);
    }
}
