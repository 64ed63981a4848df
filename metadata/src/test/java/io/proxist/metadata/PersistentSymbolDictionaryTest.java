package io.proxist.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentSymbolDictionaryTest {
    static final int THREADS = 4;
    static final int VALUES = 5000;

    @TempDir
    Path dir;

    @Test
    void concurrentInterningAgreesOnIdsAndTheyPersist() throws Exception {
        long seed = System.nanoTime();
        int[] expected;
        try (MetadataStore store = MetadataStore.open(dir)) {
            PersistentSymbolDictionary d = store.symbols();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<int[]>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(seed + t);
                    results.add(pool.submit(() -> {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < VALUES; i++) order.add(i);
                        Collections.shuffle(order, random);
                        start.await(1, TimeUnit.MINUTES);
                        int[] ids = new int[VALUES];
                        for (int i : order) ids[i] = d.intern("s" + i);
                        return ids;
                    }));
                }
                expected = results.get(0).get(1, TimeUnit.MINUTES);
                for (Future<int[]> f : results) {
                    assertArrayEquals(expected, f.get(1, TimeUnit.MINUTES), "seed=" + seed);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(VALUES, d.size(), "seed=" + seed);
            boolean[] seen = new boolean[VALUES];
            for (int i = 0; i < VALUES; i++) {
                assertEquals("s" + i, d.value(expected[i]), "seed=" + seed);
                seen[expected[i]] = true;
            }
            for (int id = 0; id < VALUES; id++) assertEquals(true, seen[id], "ids are dense, seed=" + seed);
        }
        try (MetadataStore store = MetadataStore.open(dir)) {
            for (int i = 0; i < VALUES; i++) {
                assertEquals(expected[i], store.symbols().find("s" + i), "seed=" + seed);
                assertEquals(expected[i], store.symbols().intern("s" + i), "seed=" + seed);
            }
            assertEquals(VALUES, store.symbols().size());
        }
    }
}
