package io.proxist.wal;

import static io.proxist.wal.WalTesting.small;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append path reuses its buffers: no per-record garbage (a lint rule no tool expresses, so a test). */
class WalAllocationTest {
    @TempDir
    Path dir;

    @Test
    void appendsAllocateNothingPerRecord() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        ByteBuffer heapPayload = ByteBuffer.allocate(200);
        ByteBuffer directPayload = ByteBuffer.allocateDirect(200);
        try (Wal wal = Wal.open(dir, small(64L << 20))) {
            for (int i = 0; i < 20_000; i++) { // warm up (and let the JIT settle)
                wal.append(1, 7, heapPayload, Durability.MEMORY);
                wal.append(1, 7, directPayload, Durability.MEMORY);
            }
            int n = 20_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                wal.append(1, 7, heapPayload, Durability.MEMORY);
                wal.append(1, 7, directPayload, Durability.MEMORY);
            }
            for (int i = 0; i < 200; i++) {
                wal.append(1, 7, directPayload, Durability.SYNC);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + (2 * n + 200) + " appends");
        }
    }
}
