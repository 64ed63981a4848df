package io.proxist.ingest.demo;

import io.proxist.ingest.recorder.RecorderTable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What a {@link DemoFeed} emitted, per table. Written by the feed's thread, read by any. */
public final class DemoCounters {
    private static final int TABLES = RecorderTable.values().length;
    private final AtomicLongArray rows = new AtomicLongArray(TABLES);
    private final AtomicLongArray blocks = new AtomicLongArray(TABLES);
    private final AtomicLongArray late = new AtomicLongArray(TABLES);
    private final AtomicLong sinkFailures = new AtomicLong();
    private final AtomicLong refusedRows = new AtomicLong();

    void emitted(RecorderTable table, int n) {
        rows.addAndGet(table.ordinal(), n);
        blocks.incrementAndGet(table.ordinal());
    }

    void late(RecorderTable table, long total) {
        late.set(table.ordinal(), total);
    }

    void refused(int n) {
        sinkFailures.incrementAndGet();
        refusedRows.addAndGet(n);
    }

    /** Rows of {@code table} handed to the sink, accepted or not. */
    public long rows(RecorderTable table) {
        return rows.get(table.ordinal());
    }

    /** Rows of every table handed to the sink. */
    public long rows() {
        long sum = 0;
        for (int i = 0; i < TABLES; i++) sum += rows.get(i);
        return sum;
    }

    /** Blocks of {@code table} handed to the sink (at most one per tick). */
    public long blocks(RecorderTable table) {
        return blocks.get(table.ordinal());
    }

    /** Rows of {@code table} stamped late: before their symbol's latest timestamp in that table. */
    public long late(RecorderTable table) {
        return late.get(table.ordinal());
    }

    /** Blocks the sink refused by throwing. */
    public long sinkFailures() {
        return sinkFailures.get();
    }

    /** Rows of the blocks the sink refused. */
    public long refusedRows() {
        return refusedRows.get();
    }
}
