package io.proxist.hot.dict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.dict.SymbolDictionary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SymbolDictionaryTest {
    @Test
    void idsAreDenseAndStable() {
        SymbolDictionary d = new InMemorySymbolDictionary();
        assertEquals(SymbolDictionary.NOT_FOUND, d.find("AAPL"));
        assertEquals(0, d.intern("AAPL"));
        assertEquals(1, d.intern("MSFT"));
        assertEquals(0, d.intern("AAPL"));
        byte[] b = "xx\u00c4MSFTyy".getBytes(StandardCharsets.UTF_8);
        assertEquals(2, d.intern(b, 2, 2));
        assertEquals("\u00c4", d.value(2));
        assertArrayEquals("\u00c4".getBytes(StandardCharsets.UTF_8), d.bytes(2));
        assertEquals(1, d.find("MSFT"));
        assertEquals(3, d.size());
    }

    @Test
    void cacheAgreesWithTheDictionary() {
        InMemorySymbolDictionary d = new InMemorySymbolDictionary();
        InternCache c = new InternCache(d);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1000; i++) {
                byte[] v = ("sym" + i).getBytes(StandardCharsets.UTF_8);
                assertEquals(d.intern("sym" + i), c.idOf(v, 0, v.length));
            }
        }
        assertEquals(1000, c.size());
        assertEquals(1000, d.size());
    }

    @Test
    void concurrentInterningAgreesOnIds() throws Exception {
        InMemorySymbolDictionary d = new InMemorySymbolDictionary();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int[] ids = new int[2000];
                    for (int i = 0; i < ids.length; i++) ids[i] = d.intern("s" + i);
                    return ids;
                }));
            }
            int[] first = results.get(0).get(1, TimeUnit.MINUTES);
            for (Future<int[]> f : results) assertArrayEquals(first, f.get(1, TimeUnit.MINUTES));
            for (int i = 0; i < first.length; i++) assertEquals("s" + i, d.value(first[i]));
            assertEquals(2000, d.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
