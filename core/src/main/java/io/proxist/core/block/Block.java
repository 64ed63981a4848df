package io.proxist.core.block;

import java.util.List;

/**
 * The internal currency: a batch of named, typed columns of equal size. Decoders produce blocks, encoders
 * consume them, operators read and write them.
 */
public record Block(List<String> names, List<Column> columns, int rows) {
    public Block {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "names and columns differ in number: " + names + " vs " + columns.size());
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).size() != rows) {
                throw new IllegalArgumentException(
                        "column " + names.get(i) + " has " + columns.get(i).size() + " rows, the block " + rows);
            }
        }
    }

    /** A block with no rows: the header that announces names and types. */
    public static Block header(List<String> names, List<Column> emptyColumns) {
        return new Block(names, emptyColumns, 0);
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    public String name(int i) {
        return names.get(i);
    }
}
