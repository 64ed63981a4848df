package io.proxist.formats.output;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared plumbing of the encoders: each call renders into a {@link ByteSink} and copies the bytes into the
 * caller's buffer once, so a block is encoded in one pass as it arrives.
 */
abstract class AbstractFormat implements OutputFormat {
    private final String name;
    private final String contentType;
    final FormatSettings settings;
    final ByteSink sink = new ByteSink(4096);
    List<String> names = List.of();
    List<String> typeNames = List.of();
    /** True once the totals row was written (VerticalRowOutputFormat's areTotalsWritten). */
    boolean totalsWritten;

    private boolean dataEnded;

    AbstractFormat(String name, String contentType, FormatSettings settings) {
        this.name = name;
        this.contentType = contentType;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public final void writePrefix(Block header, ByteBuf out) {
        names = header.names();
        List<String> types = new ArrayList<>(header.columnCount());
        for (int i = 0; i < header.columnCount(); i++)
            types.add(header.column(i).type().toString());
        typeNames = List.copyOf(types);
        sink.reset();
        prefix(header);
        sink.copyTo(out);
    }

    @Override
    public void writeBlock(Block block, ByteBuf out) {
        if (names.isEmpty() && block.columnCount() > 0) {
            names = block.names();
        }
        sink.reset();
        block(block);
        sink.copyTo(out);
    }

    @Override
    public final void writeTotals(Block totals, ByteBuf out) {
        if (totals.rows() == 0) {
            return;
        }
        sink.reset();
        endData();
        if (totals(totals.rows() == 1 ? totals : firstRow(totals))) {
            totalsWritten = true;
        }
        sink.copyTo(out);
    }

    @Override
    public final void writeExtremes(Block extremes, ByteBuf out) {
        if (extremes.rows() != 2) {
            return;
        }
        sink.reset();
        endData();
        extremes(extremes);
        sink.copyTo(out);
    }

    @Override
    public final void writeSuffix(ResultStatistics stats, ByteBuf out) {
        sink.reset();
        endData();
        suffix(stats);
        sink.copyTo(out);
    }

    private void endData() {
        if (!dataEnded) {
            dataEnded = true;
            dataEnd();
        }
    }

    private static Block firstRow(Block b) {
        List<Column> cols = new ArrayList<>(b.columnCount());
        for (int i = 0; i < b.columnCount(); i++) cols.add(Columns.gather(b.column(i), new int[] {0}));
        return new Block(b.names(), cols, 1);
    }

    void prefix(Block header) {}

    abstract void block(Block block);

    /** What closes the data, once, before the totals and extremes (ClickHouse's writeSuffix). */
    void dataEnd() {}

    /** The totals row (one row); returns whether anything was written. The default: the format has no totals. */
    boolean totals(Block totals) {
        return false;
    }

    /** The extremes (min row, max row). The default: the format has no extremes. */
    void extremes(Block extremes) {}

    /** The end of the result, after the totals and extremes (ClickHouse's finalizeImpl). */
    void suffix(ResultStatistics stats) {}

    ColumnText[] texts(Block block, boolean validateUtf8) {
        ColumnText.Env env = new ColumnText.Env(settings, validateUtf8);
        ColumnText[] t = new ColumnText[block.columnCount()];
        for (int i = 0; i < t.length; i++) t[i] = ColumnText.of(block.column(i), env);
        return t;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
