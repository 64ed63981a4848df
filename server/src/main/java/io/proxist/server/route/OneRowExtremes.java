package io.proxist.server.route;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.query.BlockCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The extremes of a result answered locally ({@link LocalAnswers}: one row at most), as ClickHouse computes them with
 * {@code extremes=1}: the row as both the min and the max; none for an empty result.
 */
final class OneRowExtremes implements BlockCursor {
    private final BlockCursor in;
    private Block row;
    private long rows;

    OneRowExtremes(BlockCursor in) {
        this.in = in;
    }

    @Override
    public Block header() {
        return in.header();
    }

    @Override
    public Block next() {
        Block b = in.next();
        if (b != null && b.rows() > 0) {
            rows += b.rows();
            row = b;
        }
        return b;
    }

    @Override
    public Block extremes() {
        if (rows != 1) return null;
        int at = row.rows() - 1;
        List<Column> cols = new ArrayList<>(row.columnCount());
        for (Column c : row.columns()) cols.add(Columns.gather(c, new int[] {at, at}));
        return new Block(row.names(), cols, 2);
    }

    @Override
    public long rowsRead() {
        return in.rowsRead();
    }

    @Override
    public long bytesRead() {
        return in.bytesRead();
    }

    @Override
    public void close() {
        in.close();
    }
}
