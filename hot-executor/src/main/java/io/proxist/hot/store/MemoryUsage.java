package io.proxist.hot.store;

/**
 * Memory held by a hot table, estimated from the lengths of its chunks' arrays (plus object headers). Dictionaries
 * are shared and not included.
 *
 * @param budgetBytes the table's budget, {@link Long#MAX_VALUE} for none
 */
public record MemoryUsage(long bytes, long rows, long chunks, int series, String table, long budgetBytes) {
    MemoryUsage(long bytes, long rows, long chunks, int series, String table) {
        this(bytes, rows, chunks, series, table, Long.MAX_VALUE);
    }

    /** Average bytes per row, 0 for an empty table. */
    public double bytesPerRow() {
        return rows == 0 ? 0 : (double) bytes / rows;
    }

    public boolean overBudget() {
        return bytes > budgetBytes;
    }

    public MemoryUsage withBudget(long budget) {
        return new MemoryUsage(bytes, rows, chunks, series, table, budget);
    }
}
