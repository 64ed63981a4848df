package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends, deletions, injected faults and crashes against an in-memory oracle of what the log must hold.
 * Prints its seed on failure; {@code -Dproxist.test.seed=N} replays one (the flusher thread's timing can still
 * vary which fsync an armed fault hits). {@code -Dproxist.test.iterations=N} runs longer.
 */
class WalRandomizedTest {
    @TempDir
    Path tmp;

    private enum Crash {
        /** close(): everything written is fsynced. */
        CLEAN,
        /** kill -9: the page cache survives, nothing more is fsynced. */
        KILL,
        /** power loss: each file keeps what was fsynced plus an arbitrary part of the rest. */
        POWER_LOSS
    }

    @Test
    void randomOperationsCrashesAndFaultsAgainstAnOracle() {
        Long fixed = Long.getLong("proxist.test.seed");
        int iterations = fixed != null ? 1 : Integer.getInteger("proxist.test.iterations", 6);
        long seed = fixed != null ? fixed : System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long s = fixed != null ? fixed : mix(seed + i); // nearby java.util.Random seeds correlate
            try {
                run(s, tmp.resolve("run-" + i));
            } catch (Throwable t) {
                throw new AssertionError("WalRandomizedTest failed; rerun with -Dproxist.test.seed=" + s, t);
            }
        }
    }

    private void run(long seed, Path dir) throws Exception {
        Random r = new Random(seed);
        FaultInjectingWalFiles files = new FaultInjectingWalFiles();
        long segmentSize = 128 + r.nextInt(2048);
        WalOptions options = WalOptions.defaults()
                .withSegmentSize(segmentSize)
                .withMaxTotalSize(1L << 40)
                .withWriteBufferSize(24 + r.nextInt(1024))
                .withAsyncFlushInterval(Duration.ofNanos(r.nextInt(2_000_000)))
                .withFiles(files);
        List<Rec> oracle = new ArrayList<>(); // what the log holds, from its first position
        int[] stats = new int[8]; // appends, io failures, failed wals, deleted segments, cut tails, extras, kills, cuts
        for (int round = 0; round < 25; round++) {
            Rec maybe = null; // an append that failed after (perhaps) reaching the file
            Wal wal = Wal.open(dir, options);
            assertEquals(from(oracle, wal.firstPosition()), replayAll(wal), "after reopen, round " + round);
            oracle = new ArrayList<>(from(oracle, wal.firstPosition()));
            if (!oracle.isEmpty()) {
                assertEquals(oracle.getLast().end(), wal.endPosition() - gapAfterLast(wal, oracle));
            }
            int ops = r.nextInt(150);
            boolean faulty = r.nextInt(3) == 0; // a third of the rounds inject faults
            for (int op = 0; op < ops && !wal.isFailed(); op++) {
                int dice = r.nextInt(100);
                if (dice < 85) {
                    int size = r.nextInt(10) == 0 ? r.nextInt((int) segmentSize * 3) : r.nextInt(100);
                    Durability d = Durability.values()[r.nextInt(3)];
                    long end = wal.endPosition();
                    int type = 1 + r.nextInt(WalDescriptor.MAX_USER_TYPE);
                    int table = r.nextInt();
                    byte[] payload = randomBytes(r, size);
                    try {
                        long pos = wal.append(type, table, java.nio.ByteBuffer.wrap(payload), d);
                        Rec rec = new Rec(pos, type, table, payload, d);
                        assertTrue(pos == end || pos == end + WalDescriptor.SEGMENT_HEADER_LENGTH, rec.toString());
                        if (d == Durability.SYNC) {
                            assertTrue(wal.syncedPosition() >= rec.end());
                        }
                        oracle.add(rec);
                        stats[0]++;
                    } catch (WalIoException e) {
                        stats[1]++;
                        if (wal.isFailed()) {
                            // Its position is the old end, or past a new segment's header if it rolled first.
                            maybe = new Rec(end, type, table, payload, d);
                        } else {
                            // The end stays, or moved past a new segment's header if the append rolled first.
                            long now = wal.endPosition();
                            assertTrue(
                                    now == end || now == end + WalDescriptor.SEGMENT_HEADER_LENGTH,
                                    "a rejected write leaves the end where it was: " + end + " -> " + now);
                        }
                    }
                } else if (dice < 90 && !oracle.isEmpty()) {
                    long upTo = r.nextBoolean() ? oracle.get(r.nextInt(oracle.size())).position : wal.endPosition();
                    stats[3] += wal.deleteUpTo(upTo);
                    long first = wal.firstPosition();
                    for (Rec x : oracle) {
                        if (x.position < first) {
                            assertTrue(x.position < upTo, "deleted a record at or above " + upTo + ": " + x);
                        }
                    }
                    oracle = new ArrayList<>(from(oracle, first));
                } else if ((dice < 95 || !faulty) && !oracle.isEmpty()) {
                    Rec x = oracle.get(r.nextInt(oracle.size()));
                    assertEquals(from(oracle, x.position), replay(wal, x.position));
                } else if (faulty) {
                    switch (r.nextInt(3)) {
                        case 0 -> files.failNthWrite(1 + r.nextInt(5), r.nextInt(3) == 0 ? 0 : r.nextInt(200));
                        case 1 -> files.failNthForce(1 + r.nextInt(5));
                        default -> files.failTruncates(r.nextBoolean());
                    }
                }
            }
            disarm(files);

            // Every SYNC acknowledgement is covered by an fsync of its file, and sealed segments are wholly fsynced.
            List<Path> segs = segments(dir);
            for (Rec x : oracle) {
                if (x.durability == Durability.SYNC) {
                    Path seg = segmentOf(dir, x.position);
                    assertTrue(files.forcedSize(seg) >= x.end() - base(seg), "SYNC record not fsynced: " + x);
                }
            }
            for (Path p : segs.subList(0, segs.size() - 1)) {
                if (Files.size(p) != files.forcedSize(p)) {
                    fail("sealed segment not fully fsynced: " + p + " size=" + Files.size(p) + " forced="
                            + files.forcedSize(p));
                }
            }

            if (wal.isFailed()) {
                stats[2]++;
            }
            Crash crash = Crash.values()[r.nextInt(3)];
            stats[6] += crash == Crash.KILL ? 1 : 0;
            stats[7] += crash == Crash.POWER_LOSS ? 1 : 0;
            long cutPosition = Long.MAX_VALUE;
            switch (crash) {
                case CLEAN -> {
                    try {
                        wal.close();
                    } catch (WalIoException e) {
                        assertTrue(wal.isFailed());
                    }
                }
                case KILL -> wal.closeAbruptly();
                case POWER_LOSS -> {
                    wal.closeAbruptly();
                    Path last = segs.getLast();
                    long forced = files.forcedSize(last);
                    long size = Files.size(last);
                    long cut = forced + (size > forced ? (long) r.nextInt((int) (size - forced + 1)) : 0);
                    try (WalChannel ch = files.open(last, WalFiles.OpenMode.READ_WRITE)) {
                        ch.truncate(cut); // through the facade, so it knows the file is shorter now
                    }
                    cutPosition = base(last) + cut;
                }
            }
            Wal reopened = Wal.open(dir, options);
            stats[4] += reopened.recoveryReport().truncatedBytes() > 0 ? 1 : 0;
            List<Rec> got = replayAll(reopened);
            reopened.close();
            long limit = cutPosition;
            List<Rec> expected = new ArrayList<>(
                    oracle.stream().filter(x -> x.end() <= limit).toList());
            if (expected.size() != oracle.size()) {
                for (Rec x : oracle.subList(expected.size(), oracle.size())) {
                    assertNotEquals(Durability.SYNC, x.durability, "lost a SYNC record: " + x);
                }
            }
            if (got.size() == expected.size() + 1 && maybe != null) {
                Rec extra = got.getLast();
                Rec asMaybe = new Rec(extra.position, maybe.type, maybe.tableId, maybe.payload, null);
                assertEquals(asMaybe, extra, "the only extra record may be the failed append");
                assertTrue(
                        extra.position == maybe.position
                                || extra.position == maybe.position + WalDescriptor.SEGMENT_HEADER_LENGTH,
                        extra.toString());
                expected.add(extra);
                stats[5]++;
            }
            assertEquals(expected, got, "round " + round + ", crash " + crash);
            oracle = expected;
        }
        System.out.printf(
                "seed=%d segmentSize=%d appends=%d ioFailures=%d failedWals=%d deletedSegments=%d cutTails=%d"
                        + " failedAppendsReplayed=%d kills=%d powerLosses=%d%n",
                seed, segmentSize, stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6], stats[7]);
    }

    /** The header of an empty last segment between the last record and the end (a roll with nothing after it). */
    private static long gapAfterLast(Wal wal, List<Rec> oracle) {
        long d = wal.endPosition() - oracle.getLast().end();
        return d == WalDescriptor.SEGMENT_HEADER_LENGTH ? d : 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void disarm(FaultInjectingWalFiles files) {
        files.failNthWrite(Long.MAX_VALUE / 2, 0);
        files.failNthForce(Long.MAX_VALUE / 2);
        files.failTruncates(false);
    }
}
