package io.proxist.pushdown.flush;

import io.proxist.core.block.Block;
import java.util.Objects;

/**
 * One unit of persistence handed to a {@link Flusher}: the rows of the WAL records {@code [fromLsn, toLsn]} in the
 * table's physical columns and ClickHouse types. The row keys are the block's {@link FlushTable#sortKey()}
 * columns; rows are unique by key within the batch (the hot store deduplicates before the flusher sees them).
 */
public record FlushBatch(Block block, long fromLsn, long toLsn) {
    public FlushBatch {
        Objects.requireNonNull(block, "block");
        if (toLsn < fromLsn) throw new IllegalArgumentException("lsn range [" + fromLsn + ", " + toLsn + "]");
    }

    public int rows() {
        return block.rows();
    }
}
