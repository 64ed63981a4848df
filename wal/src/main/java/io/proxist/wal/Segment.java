package io.proxist.wal;

import java.nio.file.Path;

/**
 * One segment file: positions {@code [base, end)}. Only the active (last) segment has a channel and grows; the
 * appender updates it under the WAL's append lock and publishes through the volatile fields.
 */
final class Segment {
    final long base;
    final Path path;
    /** The channel the appender writes through; null once sealed. */
    WalChannel channel;
    /** {@code base} + the file's length. */
    volatile long end;
    /** The position of the last record in this segment, or -1 when it has none. */
    volatile long lastRecordPosition;

    Segment(long base, Path path, long end, long lastRecordPosition, WalChannel channel) {
        this.base = base;
        this.path = path;
        this.end = end;
        this.lastRecordPosition = lastRecordPosition;
        this.channel = channel;
    }

    long size() {
        return end - base;
    }

    @Override
    public String toString() {
        return "Segment[" + path.getFileName() + ", end=" + end + ", last=" + lastRecordPosition + "]";
    }
}
