package io.proxist.ingest.recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * Rejected events per table and reason. Incremented by the mappers (any thread), read by metrics and tests. Shared
 * by all the mappers of one recorder.
 */
public final class RejectCounters {
    private static final int REASONS = RejectReason.values().length;
    private final LongAdder[] counts = new LongAdder[RecorderTable.values().length * REASONS];

    public RejectCounters() {
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    void increment(RecorderTable table, RejectReason reason) {
        counts[table.ordinal() * REASONS + reason.ordinal()].increment();
    }

    /** Events of {@code table} rejected for {@code reason}. */
    public long count(RecorderTable table, RejectReason reason) {
        return counts[table.ordinal() * REASONS + reason.ordinal()].sum();
    }

    /** Events of {@code table} rejected for any reason. */
    public long total(RecorderTable table) {
        long sum = 0;
        for (RejectReason r : RejectReason.values()) sum += count(table, r);
        return sum;
    }

    /** Events rejected, all tables and reasons. */
    public long total() {
        long sum = 0;
        for (LongAdder a : counts) sum += a.sum();
        return sum;
    }
}
