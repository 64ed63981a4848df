package io.proxist.pushdown.passthrough;

import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.query.BlockCursor;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives result columns the types DESCRIBE reports where they differ only in what an old server's Native output
 * leaves out: the time zone of DateTime columns (ClickHouse before revision 54337 writes plain {@code DateTime}).
 */
final class ZoneRestoringCursor implements BlockCursor {
    private final BlockCursor in;
    private final List<DataType> types;
    private final Block header;

    ZoneRestoringCursor(BlockCursor in, Block described) {
        this.in = in;
        Block h = in.header();
        List<DataType> t = new ArrayList<>();
        for (int i = 0; i < h.columnCount(); i++) {
            DataType own = h.column(i).type();
            DataType desc = i < described.columnCount()
                    ? Columns.plainType(described.column(i).type())
                    : own;
            t.add(sameShape(own, desc) ? desc : own);
        }
        this.types = t;
        this.header = retype(h);
    }

    /** True when a header has a DateTime without zone (the only case an old server's Native drops). */
    static boolean needed(Block header) {
        for (Column c : header.columns()) {
            if (c.type().contains("DateTime")
                    && c.type().toString().contains("DateTime")
                    && !c.type().toString().contains("DateTime(")) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameShape(DataType own, DataType desc) {
        return own.toString().equals(desc.toString().replaceAll("DateTime\\('[^']*'\\)", "DateTime"));
    }

    private Block retype(Block b) {
        List<Column> cols = new ArrayList<>(b.columnCount());
        for (int i = 0; i < b.columnCount(); i++) cols.add(Columns.withType(b.column(i), types.get(i)));
        return new Block(b.names(), cols, b.rows());
    }

    @Override
    public Block header() {
        return header;
    }

    @Override
    public Block next() {
        Block b = in.next();
        return b == null ? null : retype(b);
    }

    @Override
    public Block totals() {
        Block b = in.totals();
        return b == null ? null : retype(b);
    }

    @Override
    public Block extremes() {
        Block b = in.extremes();
        return b == null ? null : retype(b);
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
