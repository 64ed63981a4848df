package io.proxist.wal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers shared by the WAL tests. */
final class WalTesting {
    private WalTesting() {}

    /** Small segments so tests roll often. */
    static WalOptions small(long segmentSize) {
        return WalOptions.defaults().withSegmentSize(segmentSize).withMaxTotalSize(1L << 40);
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static Rec append(Wal wal, Random r, int payloadSize, Durability d) {
        int type = 1 + r.nextInt(WalDescriptor.MAX_USER_TYPE);
        int table = r.nextInt(1000) - 10;
        byte[] p = randomBytes(r, payloadSize);
        long pos = wal.append(type, table, ByteBuffer.wrap(p), d);
        return new Rec(pos, type, table, p, d);
    }

    static List<Rec> replay(Wal wal, long from) {
        List<Rec> out = new ArrayList<>();
        wal.replay(from, (pos, type, table, payload) -> out.add(Rec.copyOf(pos, type, table, payload)));
        return out;
    }

    static List<Rec> replayAll(Wal wal) {
        return replay(wal, wal.firstPosition());
    }

    static List<Rec> from(List<Rec> recs, long position) {
        return recs.stream().filter(x -> x.position >= position).toList();
    }

    /** Segment files in position order. */
    static List<Path> segments(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p ->
                            WalDescriptor.parseSegmentFileName(p.getFileName().toString()) >= 0)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long base(Path segment) {
        return WalDescriptor.parseSegmentFileName(segment.getFileName().toString());
    }

    /** The segment file holding {@code position}. */
    static Path segmentOf(Path dir, long position) {
        Path found = null;
        for (Path p : segments(dir)) {
            if (base(p) <= position) {
                found = p;
            }
        }
        return found;
    }

    static void truncate(Path file, long length) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void flipBit(Path file, long offset, int bit) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyDir(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path p : s.toList()) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code condition}, polling, failing after {@code timeout}. Synchronises on state, not on time. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
