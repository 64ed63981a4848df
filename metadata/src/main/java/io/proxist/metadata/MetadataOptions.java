package io.proxist.metadata;

/**
 * Sizing of the metadata store's maps. Chronicle Map files are laid out for a configured number of entries and
 * grow, more slowly, up to {@link #maxBloatFactor} times that; files are sparse, so generous defaults cost address
 * space, not disk. The sizes apply when a file is created; an existing file keeps the sizes it was created with.
 *
 * @param symbolEntries expected number of symbols (dictionary ids)
 * @param symbolAverageBytes average UTF-8 length of a symbol
 * @param tableEntries expected number of tables with a watermark
 * @param frontierEntries expected number of (table, symbol) frontier rows
 * @param frontierAverageRowBytes average size of an encoded frontier row
 * @param snapshotEntries expected number of snapshot manifest entries kept at once
 * @param maxBloatFactor how far past the expected entries a map may grow, in [1, 1000]
 */
public record MetadataOptions(
        long symbolEntries,
        int symbolAverageBytes,
        long tableEntries,
        long frontierEntries,
        int frontierAverageRowBytes,
        long snapshotEntries,
        double maxBloatFactor) {

    public static final long DEFAULT_SYMBOL_ENTRIES = 1L << 20;
    public static final int DEFAULT_SYMBOL_AVERAGE_BYTES = 12;
    public static final long DEFAULT_TABLE_ENTRIES = 1024;
    public static final long DEFAULT_FRONTIER_ENTRIES = 1L << 18;
    public static final int DEFAULT_FRONTIER_AVERAGE_ROW_BYTES = 128;
    public static final long DEFAULT_SNAPSHOT_ENTRIES = 4096;
    public static final double DEFAULT_MAX_BLOAT_FACTOR = 4.0;

    public MetadataOptions {
        positive("symbolEntries", symbolEntries);
        positive("symbolAverageBytes", symbolAverageBytes);
        positive("tableEntries", tableEntries);
        positive("frontierEntries", frontierEntries);
        positive("frontierAverageRowBytes", frontierAverageRowBytes);
        positive("snapshotEntries", snapshotEntries);
        if (!(maxBloatFactor >= 1.0 && maxBloatFactor <= 1000.0)) {
            throw new IllegalArgumentException("metadata option out of range [name=maxBloatFactor, value="
                    + maxBloatFactor + ", expected: 1..1000]");
        }
    }

    public static MetadataOptions defaults() {
        return new MetadataOptions(
                DEFAULT_SYMBOL_ENTRIES,
                DEFAULT_SYMBOL_AVERAGE_BYTES,
                DEFAULT_TABLE_ENTRIES,
                DEFAULT_FRONTIER_ENTRIES,
                DEFAULT_FRONTIER_AVERAGE_ROW_BYTES,
                DEFAULT_SNAPSHOT_ENTRIES,
                DEFAULT_MAX_BLOAT_FACTOR);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "metadata option out of range [name=" + name + ", value=" + value + ", expected: > 0]");
        }
    }
}
