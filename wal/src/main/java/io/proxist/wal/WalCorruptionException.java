package io.proxist.wal;

import io.proxist.core.error.ErrorCode;
import java.nio.file.Path;

/**
 * The log is damaged somewhere other than its tail: a bad record or header in a segment that is not the last, a bad
 * record followed by a good one, a gap between segments, a foreign segment. The WAL never skips such damage; the
 * message names the file and the byte offset in it. Reported as ClickHouse's {@code CORRUPTED_DATA} (246).
 */
public final class WalCorruptionException extends WalException {
    private final Path file;
    private final long offset;

    public WalCorruptionException(Path file, long offset, String reason) {
        super(ErrorCode.CORRUPTED_DATA, "wal corrupted: " + reason + " [file=" + file + ", offset=" + offset + "]");
        this.file = file;
        this.offset = offset;
    }

    /** The segment file. */
    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the damage starts. */
    public long offset() {
        return offset;
    }
}
