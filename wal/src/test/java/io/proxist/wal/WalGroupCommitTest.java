package io.proxist.wal;

import static io.proxist.wal.WalTesting.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SYNC appenders share fsyncs; every acknowledged record is on disk, intact. Nothing here measures time. */
class WalGroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void appendersWaitingOnAnFsyncShareTheNextOne() throws Exception {
        FaultInjectingWalFiles files = new FaultInjectingWalFiles();
        CountDownLatch firstFsyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstFsync = new CountDownLatch(1);
        AtomicBoolean holdNext = new AtomicBoolean();
        files.beforeForce(() -> {
            if (holdNext.compareAndSet(true, false)) {
                firstFsyncStarted.countDown();
                try {
                    releaseFirstFsync.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        int followers = 7;
        int payload = 40;
        ConcurrentLinkedQueue<Rec> ackedQueue = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (Wal wal = Wal.open(dir, small(1 << 20).withFiles(files))) {
            long forcesBefore = files.forceCount();
            long start = wal.endPosition();
            holdNext.set(true);
            Thread leader = appender(wal, 0, payload, ackedQueue, error);
            leader.start();
            firstFsyncStarted.await();
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= followers; i++) {
                Thread t = appender(wal, i, payload, ackedQueue, error);
                threads.add(t);
                t.start();
            }
            long allWritten = start + (long) (followers + 1) * (WalDescriptor.RECORD_HEADER_LENGTH + payload);
            await("every follower's record written", Duration.ofSeconds(30), () -> wal.endPosition() == allWritten);
            assertEquals(0, ackedQueue.size(), "nobody is acknowledged before an fsync covers them");
            releaseFirstFsync.countDown();
            leader.join();
            for (Thread t : threads) {
                t.join();
            }
            assertNull(error.get());
            assertEquals(followers + 1, ackedQueue.size());
            assertEquals(2, files.forceCount() - forcesBefore, "the leader's fsync, then one shared by all followers");
            assertEquals(allWritten, wal.syncedPosition());
        }
        try (Wal wal = Wal.open(dir, small(1 << 20))) {
            assertEquals(new HashSet<>(ackedQueue), new HashSet<>(replayAll(wal)));
        }
    }

    private static Thread appender(
            Wal wal, int seed, int payload, ConcurrentLinkedQueue<Rec> acked, AtomicReference<Throwable> error) {
        return new Thread(() -> {
            try {
                acked.add(append(wal, new Random(seed), payload, Durability.SYNC));
            } catch (Throwable t) {
                error.compareAndSet(null, t);
            }
        });
    }

    @Test
    void concurrentAppendersOfEveryDurabilityAcrossRolls() throws Exception {
        int threads = 6;
        int perThread = 300;
        ConcurrentLinkedQueue<Rec> acked = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        WalOptions options = small(8192).withAsyncFlushInterval(Duration.ofMillis(1));
        try (Wal wal = Wal.open(dir, options)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(new Thread(() -> {
                    Random r = new Random(100 + id);
                    Durability[] ds = Durability.values();
                    try {
                        for (int i = 0; i < perThread; i++) {
                            Durability d = id < 3 ? Durability.SYNC : ds[r.nextInt(ds.length)];
                            Rec rec = append(wal, r, r.nextInt(300), d);
                            if (d == Durability.SYNC && wal.syncedPosition() < rec.end()) {
                                throw new AssertionError("SYNC append returned before its fsync: " + rec);
                            }
                            acked.add(rec);
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            assertNull(error.get());
            assertTrue(wal.segmentCount() > 5);
        }
        List<Rec> got;
        try (Wal wal = Wal.open(dir, options)) {
            got = replayAll(wal);
        }
        assertEquals(threads * perThread, got.size());
        Set<Rec> expected = new HashSet<>(acked);
        assertEquals(expected, new HashSet<>(got));
        for (int i = 1; i < got.size(); i++) {
            long prevEnd = got.get(i - 1).end();
            long pos = got.get(i).position;
            assertTrue(
                    pos == prevEnd || pos == prevEnd + WalDescriptor.SEGMENT_HEADER_LENGTH,
                    "records tile the log: " + got.get(i - 1) + ", " + got.get(i));
        }
    }

    @Test
    void replaysWhileOthersAppendSeeAPrefix() throws Exception {
        List<Rec> written = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (Wal wal = Wal.open(dir, small(1024))) {
            Thread writer = new Thread(() -> {
                Random r = new Random(7);
                try {
                    for (int i = 0; i < 3000; i++) {
                        written.add(append(wal, r, r.nextInt(200), Durability.MEMORY));
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            });
            writer.start();
            int replays = 0;
            while (writer.isAlive() || replays == 0) {
                List<Rec> seen = replayAll(wal);
                List<Rec> snapshot;
                synchronized (written) {
                    snapshot = new ArrayList<>(written);
                }
                // Everything acknowledged before the replay started is in it, in order, intact.
                int k = Math.min(seen.size(), snapshot.size());
                assertEquals(snapshot.subList(0, k), seen.subList(0, k));
                replays++;
            }
            writer.join();
            assertNull(error.get());
            assertEquals(written, replayAll(wal));
        }
    }
}
