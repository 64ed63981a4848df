package io.proxist.wal;

import java.nio.file.Path;

/**
 * What {@link Wal#open} found.
 *
 * @param segments segment files kept
 * @param records valid records found (in all kept segments)
 * @param firstPosition the first segment's base position
 * @param endPosition where the next record goes
 * @param truncatedBytes bytes cut off the last segment's tail (a torn or corrupt last record); 0 when clean
 * @param truncatedFile the file cut, or null
 * @param truncatedAtOffset the offset in it where the cut was made, or -1
 * @param truncationReason why the first cut byte did not start a valid record, or null
 * @param deletedEmptySegment a last segment whose header was never completely written was deleted
 */
public record WalRecoveryReport(
        int segments,
        long records,
        long firstPosition,
        long endPosition,
        long truncatedBytes,
        Path truncatedFile,
        long truncatedAtOffset,
        String truncationReason,
        boolean deletedEmptySegment) {}
