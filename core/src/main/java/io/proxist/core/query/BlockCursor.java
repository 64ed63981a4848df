package io.proxist.core.query;

import io.proxist.core.block.Block;

/**
 * A result streamed block by block. {@link #header()} is known before any data; {@link #next()} returns null at
 * the end. Pulled by one thread; {@link #close()} releases what the cursor holds (an upstream connection) and
 * may be called early (client gone, cancel).
 */
public interface BlockCursor extends AutoCloseable {

    /** Names and types of the result: a block with no rows. */
    Block header();

    /** The next block, or null when the result is complete. */
    Block next();

    /** Rows and bytes read so far (for progress and summaries). */
    default long rowsRead() {
        return 0;
    }

    default long bytesRead() {
        return 0;
    }

    @Override
    void close();
}
