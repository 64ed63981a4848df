package io.proxist.metadata;

import java.util.List;

/**
 * What {@link MetadataStore#open} found.
 *
 * @param uncleanShutdown the previous process did not close the store, so every map file went through Chronicle
 *     Map's recovery
 * @param corruptions what the recovery reported (Chronicle's corruption events, and entries of ours whose
 *     checksum failed and were dropped), one line each; empty after a clean shutdown
 */
public record MetadataRecoveryReport(boolean uncleanShutdown, List<String> corruptions) {
    public MetadataRecoveryReport {
        corruptions = List.copyOf(corruptions);
    }
}
