package io.proxist.formats.output;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;

/**
 * Encodes a result, block by block, in one ClickHouse output format. One instance per result (it may keep
 * state such as a row count or a JSON separator). The caller owns every {@code out} buffer.
 *
 * <p>Call order: {@link #writePrefix} once with the header block (0 rows: names and types), {@link #writeBlock}
 * for each data block, then {@link #writeTotals} and {@link #writeExtremes} when the result has them (in that order,
 * as ClickHouse's IOutputFormat takes its Totals port before its Extremes port), then {@link #writeSuffix} once.
 * What closes the data (ClickHouse's writeSuffix, e.g. the JSON {@code ]}) is written before the totals.
 */
public interface OutputFormat {

    /** The canonical format name (as a current ClickHouse spells it, e.g. {@code TabSeparatedWithNames}). */
    String name();

    /** The HTTP Content-Type a current ClickHouse sends with this format. */
    String contentType();

    void writePrefix(Block header, ByteBuf out);

    void writeBlock(Block block, ByteBuf out);

    /**
     * The totals row ({@code WITH TOTALS}): written as ClickHouse writes it in this format, or not at all where
     * ClickHouse writes none (Native, RowBinary, Values, JSONEachRow, ...). A block of 0 rows is ignored; of more
     * rows, only the first is written (IOutputFormat's prepareTotals).
     */
    void writeTotals(Block totals, ByteBuf out);

    /**
     * The extremes (setting {@code extremes=1}): two rows, min then max, written where ClickHouse writes them. A
     * block of another number of rows is ignored.
     */
    void writeExtremes(Block extremes, ByteBuf out);

    void writeSuffix(ResultStatistics stats, ByteBuf out);
}
