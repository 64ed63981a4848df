package io.proxist.metadata;

/**
 * One table's persistence watermark, stored and replaced as one value (see ingest/README.md for what
 * T_persisted guarantees).
 *
 * @param tPersistedNanos T_persisted, UTC nanoseconds: every acknowledged row with {@code ts <= T} is in ClickHouse
 *     except the late rows
 * @param walPosition the WAL position (LSN) up to which every batch is confirmed in ClickHouse
 * @param walLogId the id of the WAL the position belongs to (positions of different logs are not comparable)
 */
public record Watermark(long tPersistedNanos, long walPosition, long walLogId) {
    public Watermark {
        if (walPosition < 0) {
            throw new IllegalArgumentException("negative WAL position [position=" + walPosition + "]");
        }
    }
}
