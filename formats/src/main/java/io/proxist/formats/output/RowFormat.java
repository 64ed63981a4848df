package io.proxist.formats.output;

import io.proxist.core.block.Block;

/**
 * A format written row by row (ClickHouse's IRowOutputFormat): row start, fields with delimiters, row end, and a
 * between-rows delimiter before every row but the first of the whole result (so splitting the rows into blocks
 * does not change the bytes).
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
            rowStart();
            for (int c = 0; c < t.length; c++) {
                if (c > 0) {
                    fieldDelimiter();
                }
                field(c, t[c], r);
            }
            rowEnd();
            rowCount++;
        }
    }

    void rowBetween() {}

    void rowStart() {}

    void fieldDelimiter() {}

    abstract void field(int column, ColumnText value, int row);

    void rowEnd() {}
}
