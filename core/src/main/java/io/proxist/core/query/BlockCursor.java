package io.proxist.core.query;

import io.proxist.core.block.Block;

/**
 * A result streamed block by block. {@link #header()} is known before any data; {@link #next()} returns null at
 * the end. Pulled by one thread; {@link #close()} releases what the cursor holds (an upstream connection) and
 * may be called early (client gone, cancel).
 *
 * <p>A result may also have a totals row ({@code WITH TOTALS}) and extremes (setting {@code extremes=1}: a min row
 * and a max row), as ClickHouse keeps them apart from the data: {@link #totals()} and {@link #extremes()}, known
 * once {@link #next()} has returned null, with the header's names and types.
 */
public interface BlockCursor extends AutoCloseable {

    /** Names and types of the result: a block with no rows. */
    Block header();

    /** The next block, or null when the result is complete. */
    Block next();

    /** The totals row (one row), or null when the result has none; asked only after the data is exhausted. */
    default Block totals() {
        return null;
    }

    /** The extremes (two rows: min, then max), or null when the result has none; asked after the data. */
    default Block extremes() {
        return null;
    }

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
