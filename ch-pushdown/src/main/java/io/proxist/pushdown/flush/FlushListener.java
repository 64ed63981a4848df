package io.proxist.pushdown.flush;

import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;

/**
 * What a {@link Flusher} tells the ingest layer, always from its one worker thread and in submission order: each
 * batch is either confirmed or rejected, exactly once, and never before an earlier batch.
 */
public interface FlushListener {
    /**
     * The batch ending at {@code toLsn} is in ClickHouse (the INSERT succeeded, or its keys were found there after an
     * ambiguous failure). {@code block} is the batch's block as submitted.
     */
    void onConfirmed(String table, long toLsn, Block block);

    /**
     * ClickHouse refused the batch with an error that retrying will not cure (a type mismatch, say), after
     * {@code rejectAfterAttempts} attempts; {@code error} is ClickHouse's. Normally none of its rows is in ClickHouse,
     * but an error part-way through a multi-partition INSERT may have left some: the ingest layer decides what the
     * watermark does with it. The flusher moves on to the next batch.
     */
    void onRejected(String table, FlushBatch batch, ProxistException error);
}
