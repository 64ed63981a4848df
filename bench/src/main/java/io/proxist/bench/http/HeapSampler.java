package io.proxist.bench.http;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM while something runs: the used heap sampled every 10 ms from a daemon thread (its peak,
 * garbage included), and, from the collectors' notifications, the heap left after each collection (its peak is
 * the most the program kept live, plus what the collector chose not to reclaim).
 */
final class HeapSampler implements AutoCloseable {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = new HashSet<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long gcCountBase;
    private long gcMillisBase;
    private long allocatedBase;

    HeapSampler() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        reset();
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sample);
    }

    private void sample() {
        while (running) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            samples.incrementAndGet();
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) after += e.getValue().getUsed();
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
    }

    /** Starts a new observation window at the current heap. */
    synchronized void reset() {
        peakUsed.set(memory.getHeapMemoryUsage().getUsed());
        peakAfterGc.set(0);
        samples.set(0);
        gcCountBase = gcCount();
        gcMillisBase = gcMillis();
        allocatedBase = threads.getTotalThreadAllocatedBytes();
    }

    /** What the window saw so far. */
    synchronized Stats stats() {
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Stats(
                peakUsed.get(),
                peakAfterGc.get(),
                gcCount() - gcCountBase,
                gcMillis() - gcMillisBase,
                threads.getTotalThreadAllocatedBytes() - allocatedBase,
                memory.getHeapMemoryUsage().getMax(),
                samples.get());
    }

    /** The garbage collector in use (G1, Parallel, Serial, Z, Shenandoah), for the report. */
    static String collectors() {
        HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String gc : List.of("G1", "Parallel", "Serial", "Z", "Shenandoah", "Epsilon")) {
            if ("true".equals(hs.getVMOption("Use" + gc + "GC").getValue())) return gc;
        }
        return "?";
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException gone) {
                // nothing to remove
            }
        }
    }

    /**
     * One window: peak sampled heap use, peak heap after a collection (0 when none ran), collections and their
     * accumulated time, the bytes all threads allocated (the JVM's approximation), the heap's maximum size, and
     * how many 10 ms samples were taken.
     */
    record Stats(long peakUsed, long peakAfterGc, long gcs, long gcMillis, long allocated, long maxHeap, long samples) {
        String encode() {
            return peakUsed + " " + peakAfterGc + " " + gcs + " " + gcMillis + " " + allocated + " " + maxHeap + " "
                    + samples;
        }

        static Stats decode(String s) {
            String[] p = s.trim().split(" ");
            return new Stats(
                    Long.parseLong(p[0]),
                    Long.parseLong(p[1]),
                    Long.parseLong(p[2]),
                    Long.parseLong(p[3]),
                    Long.parseLong(p[4]),
                    Long.parseLong(p[5]),
                    Long.parseLong(p[6]));
        }
    }
}
