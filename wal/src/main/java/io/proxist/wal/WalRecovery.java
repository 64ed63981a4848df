package io.proxist.wal;

import static io.proxist.wal.WalDescriptor.SEGMENT_HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Opens a WAL directory: lists the segments, checks that they tile the position space, verifies every header and
 * every record's checksum, and cuts a torn or corrupt tail off the last segment. Damage anywhere else throws
 * {@link WalCorruptionException}. See wal/README.md, "Finding the end".
 */
final class WalRecovery {
    /** The outcome: segments in order, the last one open for appending. */
    record Result(List<Segment> segments, long logId, WalRecoveryReport report) {}

    private final Path dir;
    private final WalFiles files;

    WalRecovery(Path dir, WalFiles files) {
        this.dir = dir;
        this.files = files;
    }

    Result recover() throws IOException {
        files.createDirectories(dir);
        long[] bases = files.list(dir).stream()
                .mapToLong(WalDescriptor::parseSegmentFileName)
                .filter(b -> b >= 0)
                .sorted()
                .toArray();
        boolean deletedEmpty = false;
        if (bases.length > 0) {
            // A last segment whose header was never completely written (a crash during a roll) holds nothing.
            Path last = segmentPath(bases[bases.length - 1]);
            if (isTornCreation(last)) {
                files.delete(last);
                files.syncDirectory(dir);
                deletedEmpty = true;
                if (bases.length == 1) {
                    // The only segment: start it again at the same base so positions keep increasing.
                    long logId = newLogId();
                    Segment s = create(dir, files, bases[0], logId, ByteBuffer.allocate(SEGMENT_HEADER_LENGTH));
                    return new Result(
                            new ArrayList<>(List.of(s)),
                            logId,
                            new WalRecoveryReport(1, 0, s.base, s.end, 0, null, -1, null, true));
                }
                bases = Arrays.copyOf(bases, bases.length - 1);
            }
        }
        if (bases.length == 0) {
            long logId = newLogId();
            Segment s = create(dir, files, 0, logId, ByteBuffer.allocate(SEGMENT_HEADER_LENGTH));
            return new Result(
                    new ArrayList<>(List.of(s)),
                    logId,
                    new WalRecoveryReport(1, 0, 0, s.end, 0, null, -1, null, false));
        }

        List<Segment> segments = new ArrayList<>(bases.length);
        long logId = 0;
        long records = 0;
        long expectedBase = bases[0];
        long truncatedBytes = 0;
        long truncatedAt = -1;
        String truncationReason = null;
        Path truncatedFile = null;
        for (int idx = 0; idx < bases.length; idx++) {
            long base = bases[idx];
            Path path = segmentPath(base);
            boolean isLast = idx == bases.length - 1;
            if (base != expectedBase) {
                throw new WalCorruptionException(
                        path,
                        0,
                        (base > expectedBase ? "gap before segment" : "segments overlap") + " [expected base="
                                + expectedBase + ", found=" + base + "]");
            }
            try (WalChannel ch = files.open(path, WalFiles.OpenMode.READ)) {
                SegmentReader reader = new SegmentReader(ch, path, base, ch.size());
                long id = reader.readHeader();
                if (idx == 0) {
                    logId = id;
                } else if (id != logId) {
                    throw new WalCorruptionException(
                            path,
                            WalDescriptor.SEGMENT_LOG_ID_OFFSET,
                            "segment of another log" + " [logId=" + Long.toHexString(id) + ", expected="
                                    + Long.toHexString(logId) + "]");
                }
                long off = SEGMENT_HEADER_LENGTH;
                long lastRecord = -1;
                while (off < reader.length()) {
                    int r = reader.checkRecord(off);
                    if (r > 0) {
                        lastRecord = base + off;
                        records++;
                        off += r;
                        continue;
                    }
                    String reason = SegmentReader.reason(r);
                    if (!isLast) {
                        throw new WalCorruptionException(path, off, reason + " in a segment that is not the last");
                    }
                    long next = reader.findValidRecordAfter(off);
                    if (next >= 0) {
                        throw new WalCorruptionException(
                                path, off, reason + ", but a valid record follows at offset " + next);
                    }
                    truncatedBytes = reader.length() - off;
                    truncatedAt = off;
                    truncatedFile = path;
                    truncationReason = reason;
                    break;
                }
                segments.add(new Segment(base, path, base + off, lastRecord, null));
                expectedBase = base + off;
            }
        }

        Segment active = segments.getLast();
        WalChannel ch = files.open(active.path, WalFiles.OpenMode.READ_WRITE);
        try {
            if (ch.size() != active.size()) {
                ch.truncate(active.size());
            }
            // What we found may still be only in the page cache (the last process was killed before its fsync):
            // make it durable before building on it.
            ch.force();
            files.syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            throw e;
        }
        active.channel = ch;
        return new Result(
                segments,
                logId,
                new WalRecoveryReport(
                        segments.size(),
                        records,
                        segments.getFirst().base,
                        active.end,
                        truncatedBytes,
                        truncatedFile,
                        truncatedAt,
                        truncationReason,
                        deletedEmpty));
    }

    private boolean isTornCreation(Path file) throws IOException {
        try (WalChannel ch = files.open(file, WalFiles.OpenMode.READ)) {
            long size = ch.size();
            if (size > SEGMENT_HEADER_LENGTH) {
                return false;
            }
            if (size < SEGMENT_HEADER_LENGTH) {
                return true;
            }
            long base = WalDescriptor.parseSegmentFileName(file.getFileName().toString());
            try {
                new SegmentReader(ch, file, base, size).readHeader();
                return false;
            } catch (WalCorruptionException e) {
                return true;
            }
        }
    }

    private Path segmentPath(long base) {
        return dir.resolve(WalDescriptor.segmentFileName(base));
    }

    static long newLogId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong() ^ System.nanoTime();
        } while (id == 0);
        return id;
    }

    /**
     * Creates the segment at {@code base}: writes and fsyncs its header, then fsyncs the directory so the file
     * survives a crash. On failure the half-made file is removed where possible.
     */
    static Segment create(Path dir, WalFiles files, long base, long logId, ByteBuffer headerBuf) throws IOException {
        Path path = dir.resolve(WalDescriptor.segmentFileName(base));
        WalChannel ch = files.open(path, WalFiles.OpenMode.CREATE);
        try {
            ByteBuffer h = headerBuf.clear().limit(SEGMENT_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            WalDescriptor.encodeSegmentHeader(h, base, logId, new CRC32C());
            long pos = 0;
            while (h.hasRemaining()) {
                pos += ch.write(h, pos);
            }
            ch.force();
            files.syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, e);
            try {
                files.delete(path);
            } catch (IOException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        return new Segment(base, path, base + SEGMENT_HEADER_LENGTH, -1, ch);
    }

    static void closeQuietly(WalChannel ch, Throwable primary) {
        try {
            ch.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
