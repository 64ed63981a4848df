package io.proxist.pushdown.flush;

import io.proxist.core.block.Block;
import java.util.Objects;

/**
 * One unit of persistence handed to a {@link Flusher}: the rows of the WAL records {@code [fromLsn, toLsn]} in the
 * table's physical columns and ClickHouse types. The row keys are the block's {@link FlushTable#sortKey()}
 * columns; rows are unique by key within the batch (the hot store deduplicates before the flusher sees them).
 * {@code maybeLanded}: the batch may already be in ClickHouse (resubmitted after a restart, when whether an earlier
 * attempt landed is unknown): its keys are checked before it is sent, as after an ambiguous failure.
 */
public record FlushBatch(Block block, long fromLsn, long toLsn, boolean maybeLanded) {
    /** A batch never sent before. */
    public FlushBatch(Block block, long fromLsn, long toLsn) {
        this(block, fromLsn, toLsn, false);
    }

    public FlushBatch {
        Objects.requireNonNull(block, "block");
        if (toLsn < fromLsn) throw new IllegalArgumentException("lsn range [" + fromLsn + ", " + toLsn + "]");
    }

    public int rows() {
        return block.rows();
    }
}
