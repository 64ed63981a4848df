package io.proxist.formats.output;

import io.proxist.core.block.Block;

/**
 * A format written row by row (ClickHouse's IRowOutputFormat): row start, fields with delimiters, row end, and a
 * between-rows delimiter before every row but the first of the whole result (so splitting the rows into blocks
 * does not change the bytes).
 *
 * <p>Totals and extremes as IRowOutputFormat's consumeTotals / consumeExtremes: only where the format supports them
 * ({@link #supportsTotals}, {@link #supportsExtremes}); before-totals, the totals row, after-totals; before-extremes,
 * the min row, the between-rows delimiter, the max row, after-extremes. Each special row is an ordinary row unless
 * the format overrides it.
 */
abstract class RowFormat extends AbstractFormat {
    long rowCount;

    RowFormat(String name, String contentType, FormatSettings settings) {
        super(name, contentType, settings);
    }

    boolean validateUtf8() {
        return false;
    }

    @Override
    void block(Block block) {
        ColumnText[] t = texts(block, validateUtf8());
        for (int r = 0; r < block.rows(); r++) {
            if (rowCount > 0) {
                rowBetween();
            }
            row(t, r);
            rowCount++;
        }
    }

    @Override
    boolean totals(Block totals) {
        if (!supportsTotals()) {
            return false;
        }
        ColumnText[] t = texts(totals, validateUtf8());
        beforeTotals();
        totalsRow(t);
        afterTotals();
        return true;
    }

    @Override
    void extremes(Block extremes) {
        if (!supportsExtremes()) {
            return;
        }
        ColumnText[] t = texts(extremes, validateUtf8());
        beforeExtremes();
        minRow(t);
        rowBetween();
        maxRow(t);
        afterExtremes();
    }

    /** One row with the row delimiters (IRowOutputFormat::write). */
    void row(ColumnText[] t, int r) {
        rowStart();
        for (int c = 0; c < t.length; c++) {
            if (c > 0) {
                fieldDelimiter();
            }
            field(c, t[c], r);
        }
        rowEnd();
    }

    boolean supportsTotals() {
        return false;
    }

    boolean supportsExtremes() {
        return false;
    }

    void beforeTotals() {}

    void totalsRow(ColumnText[] t) {
        row(t, 0);
    }

    void afterTotals() {}

    void beforeExtremes() {}

    void minRow(ColumnText[] t) {
        row(t, 0);
    }

    void maxRow(ColumnText[] t) {
        row(t, 1);
    }

    void afterExtremes() {}

    void rowBetween() {}

    void rowStart() {}

    void fieldDelimiter() {}

    abstract void field(int column, ColumnText value, int row);

    void rowEnd() {}
}
