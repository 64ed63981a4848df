package io.proxist.formats.output;

import io.proxist.core.block.Block;

/**
 * Pretty, PrettyCompact and PrettySpace (PrettyBlockOutputFormat): every block is its own table, the column widths
 * taken from that block's values. What a current ClickHouse does by default is followed: row numbers, column names
 * repeated under blocks of 50 rows or more, long names cut in the middle, values with line breaks spread over
 * several lines, a readable tip after a block's single large number, a fallback to Vertical for a wide first
 * block, and output_format_pretty_max_rows (after which the rest is counted, not shown, and a final
 * {@code Showed N out of M rows.} line is written; a single block over the limit shows its head and tail).
 * Colours are off as over HTTP, unless the settings turn them on.
 */
final class PrettyFormat extends AbstractFormat {
    enum Style {
        FULL,
        COMPACT,
        SPACE
    }

    /** The box-drawing lines: left, filler, separator and right of each (header top, ..., compact top). */
    private static final byte[][][] GRID = grid("┏━┳┓", "┡━╇┩", "├─┼┤", "└─┴┘", "┢━╈┪", "┗━┻┛", "┌─┬┐");

    private static final byte[] BOLD_BAR = utf8("┃");
    private static final byte[] BAR = utf8("│");
    private static final byte[] HORIZONTAL = utf8("─");
    private static final byte[] LINE_FEED = utf8("↴");
    private static final byte[] CONTINUATION = utf8("↳");

    private final Style style;
    private final FormatSettings.Pretty p;
    private final boolean color;
    private long totalRows;
    private long displayedRows;
    private VerticalFormat vertical;

    PrettyFormat(String name, FormatSettings settings, Style style, boolean noEscapes) {
        super(name, SeparatedFormats.TEXT_CONTENT_TYPE, settings);
        this.style = style;
        this.p = settings.pretty();
        this.color = p.color() && !noEscapes;
    }

    private static byte[][][] grid(String... lines) {
        byte[][][] g = new byte[lines.length][4][];
        for (int line = 0; line < lines.length; line++) {
            for (int i = 0; i < 4; i++) g[line][i] = utf8(lines[line].substring(i, i + 1));
        }
        return g;
    }

    /** The {@code i}-th box-drawing character (0 left, 1 filler, 2 separator, 3 right) of grid line {@code line}. */
    private static byte[] grid(int line, int i) {
        return GRID[line][i];
    }

    private boolean cutInTheMiddle(long row, long rows) {
        long max = p.maxRows();
        return rows > max && !(row < (max + 1) / 2 || row >= rows - max / 2);
    }

    @Override
    void block(Block block) {
        int rows = block.rows();
        if (rows == 0) {
            return;
        }
        if (totalRows >= p.maxRows()) {
            totalRows += rows;
            return;
        }
        ColumnText[] cols = texts(block, false);
        int columns = cols.length;

        long cutToWidth = p.maxValueWidth();
        if (!p.maxValueWidthApplyForSingleValue() && rows == 1 && columns == 1 && totalRows == 0) {
            cutToWidth = 0;
        }

        // widths of the values and of the names
        int displayedInBlock = (int) Math.min(rows, p.maxRows());
        long rowNumberWidth = (long) Math.floor(Math.log10(rows + totalRows)) + 3;
        long[][] widths = new long[columns][displayedInBlock];
        long[] maxWidths = new long[columns];
        long[] nameWidths = new long[columns];
        byte[][] nameBytes = new byte[columns][];
        boolean hasNewlines = false;
        long prefix = rowNumberWidth + (style == Style.SPACE ? 1 : 2);
        ByteSink value = new ByteSink(64);
        for (int c = 0; c < columns; c++) {
            int displayed = 0;
            for (int r = 0; r < rows; r++) {
                if (cutInTheMiddle(r, rows)) {
                    continue;
                }
                value.reset();
                cols[c].text(r, value);
                int size = value.size();
                if (p.maxValueWidth() != 0 && size > p.maxValueWidth() * 4) {
                    size = (int) (p.maxValueWidth() * 4);
                }
                byte[] d = value.array();
                int start = 0;
                while (start < size) {
                    int next = size;
                    if (p.multilineFields()) {
                        int nl = indexOf(d, start, size, (byte) '\n');
                        if (nl < size) {
                            hasNewlines = true;
                        }
                        next = nl;
                    }
                    long w = DisplayWidth.width(d, start, next - start, prefix);
                    widths[c][displayed] = Math.max(widths[c][displayed], w);
                    maxWidths[c] = Math.max(
                            maxWidths[c],
                            Math.min(p.maxColumnPadWidth(), Math.min(p.maxValueWidth(), widths[c][displayed])));
                    start = next;
                    if (start < size) {
                        start++;
                    }
                }
                displayed++;
            }
            long cutTo = p.maxColumnNameWidthCutTo() != 0 ? Math.max(maxWidths[c], p.maxColumnNameWidthCutTo()) : 0;
            PrettyText.Name name = PrettyText.truncateName(block.name(c), cutTo, p.maxColumnNameWidthMinCharsToCut());
            nameBytes[c] = name.bytes();
            nameWidths[c] = Math.min(p.maxColumnPadWidth(), name.width());
            maxWidths[c] = Math.max(maxWidths[c], nameWidths[c]);
            prefix += maxWidths[c] + 3;
        }

        long tableWidth = 0;
        for (long w : maxWidths) tableWidth += w;
        if (p.fallbackToVertical()
                && displayedRows == 0
                && rows <= p.fallbackToVerticalMaxRowsPerChunk()
                && columns >= p.fallbackToVerticalMinColumns()
                && (tableWidth >= p.fallbackToVerticalMinTableWidth() || hasNewlines)) {
            vertical = new VerticalFormat(settings);
        }
        if (vertical != null) {
            for (int r = 0; r < rows && displayedRows < p.maxRows(); r++) {
                vertical.fallbackRow(block.names(), cols, r, r != 0, sink);
                displayedRows++;
            }
            return;
        }

        // the horizontal lines
        ByteSink leftBlank = new ByteSink(16);
        if (p.rowNumbers()) {
            leftBlank.repeat(' ', rowNumberWidth);
        }
        ByteSink headerBegin = new ByteSink(64);
        ByteSink headerEnd = new ByteSink(64);
        ByteSink rowsSeparator = new ByteSink(64);
        ByteSink rowsEnd = new ByteSink(64);
        ByteSink footerBegin = new ByteSink(64);
        ByteSink footerEnd = new ByteSink(64);
        if (style == Style.FULL) {
            ByteSink[] lines = {headerBegin, headerEnd, rowsSeparator, rowsEnd, footerBegin, footerEnd};
            for (int line = 0; line < lines.length; line++) {
                ByteSink s = lines[line];
                s.write(leftBlank).write(grid(line, 0));
                for (int c = 0; c < columns; c++) {
                    if (c != 0) {
                        s.write(grid(line, 2));
                    }
                    s.repeat(grid(line, 1), maxWidths[c] + 2);
                }
                s.write(grid(line, 3)).write('\n');
            }
        } else if (style == Style.COMPACT) {
            rowsEnd.write(leftBlank).write(grid(3, 0));
            for (int c = 0; c < columns; c++) {
                if (c != 0) {
                    rowsEnd.write(grid(3, 2));
                }
                rowsEnd.repeat(grid(3, 1), maxWidths[c] + 2);
            }
            rowsEnd.write(grid(3, 3)).write('\n');
        } else {
            headerEnd.write('\n');
            footerBegin.write('\n');
            footerEnd.write('\n');
        }

        ByteSink verticalFiller = new ByteSink(64);
        verticalFiller.write(leftBlank);
        long fillerSize = 0;
        for (int c = 0; c < columns; c++) fillerSize += maxWidths[c] + 3;
        fillerSize += style == Style.SPACE ? -2 : 1;
        for (long i = 0; i < fillerSize; i++) {
            if (i % 2 == 1) {
                verticalFiller.write(' ');
            } else {
                verticalFiller.write(HORIZONTAL);
            }
        }
        verticalFiller.write('\n');

        sink.write(headerBegin);
        names(true, cols, nameBytes, nameWidths, maxWidths, leftBlank);
        sink.write(headerEnd);

        boolean fillerWritten = false;
        int displayedRow = 0;
        // ClickHouse 25.8 (writeReadableNumberTipIfSingleValue) tips a block of one numeric value only
        boolean tip = columns == 1 && rows == 1 && cols[0].isNumber();
        byte[][] serialized = new byte[columns][];
        int[] offsets = new int[columns];
        for (int r = 0; r < rows && displayedRows < p.maxRows(); r++) {
            if (cutInTheMiddle(r, rows)) {
                if (!fillerWritten) {
                    sink.write(rowsSeparator);
                    sink.write(verticalFiller);
                    fillerWritten = true;
                }
                continue;
            }
            if (r != 0) {
                sink.write(rowsSeparator);
            }
            for (int c = 0; c < columns; c++) {
                serialized[c] = null;
                offsets[c] = 0;
            }
            boolean firstLine = true;
            while (true) {
                if (p.rowNumbers()) {
                    if (firstLine) {
                        String number = (r + 1 + totalRows) + ". ";
                        sink.repeat(' ', rowNumberWidth - number.length());
                        if (color) {
                            sink.ascii("\033[90m");
                        }
                        sink.ascii(number);
                        if (color) {
                            sink.ascii("\033[0m");
                        }
                        firstLine = false;
                    } else {
                        sink.write(leftBlank);
                    }
                }
                boolean allLinesPrinted = true;
                for (int c = 0; c < columns; c++) {
                    if (style != Style.SPACE) {
                        sink.write(BAR);
                    } else if (c != 0) {
                        sink.write(' ');
                    }
                    if (serialized[c] == null) {
                        serialized[c] = cols[c].textBytes(r);
                    }
                    offsets[c] = valueWithPadding(
                            cols[c],
                            serialized[c],
                            offsets[c],
                            widths[c][displayedRow],
                            maxWidths[c],
                            cutToWidth,
                            rowNumberWidth);
                    if (offsets[c] != serialized[c].length) {
                        allLinesPrinted = false;
                    }
                }
                if (style != Style.SPACE) {
                    sink.write(BAR);
                }
                if (tip) {
                    PrettyText.readableNumberTip(cols[0], r, p, color, sink);
                }
                sink.write('\n');
                if (allLinesPrinted) {
                    break;
                }
            }
            displayedRow++;
            displayedRows++;
        }

        if (rows >= p.displayFooterColumnNamesMinRows() && p.displayFooterColumnNames()) {
            sink.write(footerBegin);
            names(false, cols, nameBytes, nameWidths, maxWidths, leftBlank);
            sink.write(footerEnd);
        } else {
            sink.write(rowsEnd);
        }
        totalRows += rows;
    }

    private void names(
            boolean top,
            ColumnText[] cols,
            byte[][] nameBytes,
            long[] nameWidths,
            long[] maxWidths,
            ByteSink leftBlank) {
        sink.write(leftBlank);
        int gridLine = top ? 6 : 3;
        switch (style) {
            case FULL -> sink.write(BOLD_BAR).write(' ');
            case COMPACT -> sink.write(grid(gridLine, 0)).write(HORIZONTAL);
            case SPACE -> sink.write(' ');
        }
        for (int c = 0; c < cols.length; c++) {
            if (c != 0) {
                switch (style) {
                    case FULL -> sink.write(' ').write(BOLD_BAR).write(' ');
                    case COMPACT ->
                        sink.write(HORIZONTAL).write(grid(gridLine, 2)).write(HORIZONTAL);
                    case SPACE -> sink.ascii("   ");
                }
            }
            long padding = maxWidths[c] - nameWidths[c];
            if (cols[c].alignRight()) {
                namePadding(padding);
                nameValue(nameBytes[c]);
            } else {
                nameValue(nameBytes[c]);
                namePadding(padding);
            }
        }
        switch (style) {
            case FULL -> sink.write(' ').write(BOLD_BAR);
            case COMPACT -> sink.write(HORIZONTAL).write(grid(gridLine, 3));
            case SPACE -> {}
        }
        sink.write('\n');
    }

    private void nameValue(byte[] name) {
        if (color) {
            sink.ascii("\033[1m");
        }
        sink.write(name);
        if (color) {
            sink.ascii("\033[0m");
        }
    }

    private void namePadding(long padding) {
        for (long k = 0; k < padding; k++) {
            if (style == Style.COMPACT) {
                sink.write(HORIZONTAL);
            } else {
                sink.write(' ');
            }
        }
    }

    /**
     * One line of a cell (writeValueWithPadding): a space or "↳" for a continued line, the value's next line or
     * all of it, the padding, and a space, or "↴" when more lines follow. Returns the offset after the line.
     */
    private int valueWithPadding(
            ColumnText column,
            byte[] value,
            int start,
            long valueWidth,
            long padTo,
            long cutToWidth,
            long rowNumberWidth) {
        long prefix = rowNumberWidth + (style == Style.SPACE ? 1 : 2);
        boolean continuation = start > 0 && start < value.length;
        byte[] fragment;
        if (start == value.length) {
            fragment = new byte[0];
            valueWidth = 0;
        } else if (p.multilineFields()) {
            int end = indexOf(value, start, value.length, (byte) '\n');
            fragment = java.util.Arrays.copyOfRange(value, start, end);
            valueWidth = DisplayWidth.width(fragment, prefix);
            start = end;
        } else {
            fragment = value;
            start = value.length;
        }
        if (color && column.isNumber() && p.highlightDigitGroups()) {
            fragment = PrettyText.highlightDigitGroups(fragment);
        }
        if (color && p.highlightTrailingSpaces()) {
            fragment = PrettyText.highlightTrailingSpaces(fragment);
        }
        boolean cut = false;
        if (cutToWidth != 0 && valueWidth > cutToWidth) {
            cut = true;
            int keep = DisplayWidth.bytesBeforeWidth(fragment, 0, fragment.length, prefix, p.maxValueWidth());
            ByteSink s = new ByteSink(keep + 16);
            s.write(fragment, 0, keep);
            if (color) {
                s.ascii("\033[31;1m").write(PrettyText.CUT_FILLER).ascii("\033[0m");
            } else {
                s.write(PrettyText.CUT_FILLER);
            }
            fragment = s.toByteArray();
            valueWidth = p.maxValueWidth();
        }
        if (continuation) {
            if (color) {
                sink.ascii("\033[90m");
            }
            sink.write(CONTINUATION);
            if (color) {
                sink.ascii("\033[0m");
            }
        } else {
            sink.write(' ');
        }
        long padding = padTo > valueWidth ? padTo - valueWidth : 0;
        if (column.alignRight()) {
            sink.repeat(' ', padding).write(fragment);
        } else {
            sink.write(fragment).repeat(' ', padding);
        }
        if (start != value.length) {
            if (color) {
                sink.ascii("\033[90m");
            }
            sink.write(LINE_FEED);
            if (color) {
                sink.ascii("\033[0m");
            }
        } else if (!cut) {
            sink.write(' ');
        }
        if (start < value.length) {
            start++;
        }
        return start;
    }

    private static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return to;
    }

    /**
     * PrettyBlockOutputFormat::consumeTotals / consumeExtremes: a heading, then the rows as a table of their own
     * (widths from these rows, row numbers from 1).
     */
    @Override
    boolean totals(Block totals) {
        totalRows = 0;
        sink.ascii("\nTotals:\n");
        block(totals);
        return true;
    }

    @Override
    void extremes(Block extremes) {
        totalRows = 0;
        sink.ascii("\nExtremes:\n");
        block(extremes);
    }

    @Override
    void dataEnd() {
        if (totalRows >= p.maxRows()) {
            if (style == Style.SPACE) {
                sink.write('\n');
            }
            sink.ascii("Showed ")
                    .decimal(displayedRows)
                    .ascii(" out of ")
                    .decimal(totalRows)
                    .ascii(" rows.\n");
        }
    }
}
