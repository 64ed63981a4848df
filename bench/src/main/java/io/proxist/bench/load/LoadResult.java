package io.proxist.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One phase's figures of a {@link LoadGenerator}, the histograms in nanoseconds: latency from the intended
 * start (corrected for coordinated omission), service time from the actual send.
 */
public record LoadResult(
        Histogram latency,
        Histogram service,
        long requests,
        long errors,
        long warmupErrors,
        double seconds,
        String firstError) {
    public double throughput() {
        return requests / seconds;
    }
}
