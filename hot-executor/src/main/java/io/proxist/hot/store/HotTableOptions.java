package io.proxist.hot.store;

/**
 * Sizes of a hot table, passed in so tests can run with chunks of 1, 2, 3 rows and hit every boundary.
 *
 * @param minChunkRows capacity of a series' first chunk; a tail chunk doubles from here up to {@code maxChunkRows}
 * @param maxChunkRows most rows a chunk holds; a full chunk of this size is sealed and a new one started
 * @param memoryBudgetBytes the table's memory budget, reported by {@link MemoryUsage#overBudget()} and used by
 *     {@link HotTable#boundForBudget()}; {@link Long#MAX_VALUE} for none
 */
public record HotTableOptions(int minChunkRows, int maxChunkRows, long memoryBudgetBytes) {
    /** 16-row first chunks growing to 4,096 rows, no budget. */
    public static final HotTableOptions DEFAULT = new HotTableOptions(16, 4096, Long.MAX_VALUE);

    public HotTableOptions {
        if (minChunkRows < 1 || maxChunkRows < minChunkRows || maxChunkRows > (1 << 24)) {
            throw new IllegalArgumentException("chunk rows must satisfy 1 <= min <= max <= 2^24 [min=" + minChunkRows
                    + ", max=" + maxChunkRows + "]");
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memory budget must not be negative [bytes=" + memoryBudgetBytes + "]");
        }
    }

    public HotTableOptions withChunkRows(int min, int max) {
        return new HotTableOptions(min, max, memoryBudgetBytes);
    }

    public HotTableOptions withMemoryBudget(long bytes) {
        return new HotTableOptions(minChunkRows, maxChunkRows, bytes);
    }

    /** A capacity for {@code rows} rows: the next power of two, clamped to [min, max]. */
    int capacityFor(long rows) {
        long c = Long.highestOneBit(Math.max(1, rows - 1)) << 1;
        if (rows <= 1) c = 1;
        return (int) Math.max(minChunkRows, Math.min(maxChunkRows, c));
    }
}
