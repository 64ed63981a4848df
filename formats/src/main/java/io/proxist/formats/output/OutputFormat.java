package io.proxist.formats.output;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;

/**
 * Encodes a result, block by block, in one ClickHouse output format. One instance per result (it may keep
 * state such as a row count or a JSON separator). The caller owns every {@code out} buffer.
 *
 * <p>Call order: {@link #writePrefix} once with the header block (0 rows: names and types), {@link #writeBlock}
 * for each data block, then {@link #writeSuffix} once.
 */
public interface OutputFormat {

    /** The canonical format name (as a current ClickHouse spells it, e.g. {@code TabSeparatedWithNames}). */
    String name();

    /** The HTTP Content-Type a current ClickHouse sends with this format. */
    String contentType();

    void writePrefix(Block header, ByteBuf out);

    void writeBlock(Block block, ByteBuf out);

    void writeSuffix(ResultStatistics stats, ByteBuf out);
}
