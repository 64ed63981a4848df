package io.proxist.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.dict.SymbolDictionary;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryMap() {
        try (MetadataStore store = MetadataStore.open(dir)) {
            assertFalse(store.recoveryReport().uncleanShutdown());
            SymbolDictionary d = store.symbols();
            assertEquals(SymbolDictionary.NOT_FOUND, d.find("AAPL"));
            assertEquals(0, d.intern("AAPL"));
            assertEquals(1, d.intern("MSFT"));
            assertEquals(0, d.intern("AAPL"));
            byte[] b = "xx\u00c4MSFTyy".getBytes(StandardCharsets.UTF_8);
            assertEquals(2, d.intern(b, 2, 2));
            assertEquals("\u00c4", d.value(2));
            assertArrayEquals("\u00c4".getBytes(StandardCharsets.UTF_8), d.bytes(2));
            assertEquals(3, d.size());
            assertThrows(IllegalArgumentException.class, () -> d.value(3));

            Watermark w = new Watermark(1_700_000_000_000_000_000L, 4096, 0xABCDEFL);
            assertNull(store.watermarks().get("trades"));
            store.watermarks().advance("trades", w);
            assertEquals(w, store.watermarks().get("trades"));
            assertEquals(Map.of("trades", w), store.watermarks().all());

            store.frontier().put("trades", 1, new byte[] {1, 2, 3});
            store.frontier().put("trades", 2, new byte[] {4});
            store.frontier().put("quotes", 1, new byte[] {5});
            assertArrayEquals(new byte[] {1, 2, 3}, store.frontier().get("trades", 1));
            assertNull(store.frontier().get("trades", 3));
            store.frontier().put("trades", 1, new byte[] {9, 9});
            assertArrayEquals(new byte[] {9, 9}, store.frontier().get("trades", 1));
            assertEquals(Map.of(1, List.of((byte) 9, (byte) 9), 2, List.of((byte) 4)), frontierOf(store, "trades"));

            SnapshotEntry s1 = new SnapshotEntry("trades", 100, "trades-100.snap", 0xCAFEBABE);
            SnapshotEntry s2 = new SnapshotEntry("trades", 50, "trades-50.snap", 7);
            store.snapshots().add(s1);
            store.snapshots().add(s2);
            store.snapshots().add(new SnapshotEntry("quotes", 70, "quotes-70.snap", 1));
            assertEquals(List.of(s2, s1), store.snapshots().list("trades"));
            assertEquals(s1, store.snapshots().latest("trades"));
            assertEquals(s2, store.snapshots().get("trades", 50));
            assertTrue(store.snapshots().remove("trades", 50));
            assertNull(store.snapshots().get("trades", 50));
            assertNull(store.snapshots().latest("orders"));
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        Watermark w = new Watermark(123, 456, 789);
        try (MetadataStore store = MetadataStore.open(dir)) {
            for (int i = 0; i < 1000; i++) assertEquals(i, store.symbols().intern("sym" + i));
            store.watermarks().advance("trades", w);
            store.frontier().put("trades", 7, "row7".getBytes(StandardCharsets.UTF_8));
            store.snapshots().add(new SnapshotEntry("trades", 99, "t-99.snap", 42));
        }
        assertTrue(Files.exists(dir.resolve(MetadataStore.CLEAN_FILE)));
        try (MetadataStore store = MetadataStore.open(dir)) {
            assertFalse(store.recoveryReport().uncleanShutdown());
            assertEquals(List.of(), store.recoveryReport().corruptions());
            assertFalse(Files.exists(dir.resolve(MetadataStore.CLEAN_FILE)), "the marker is consumed by open");
            assertEquals(1000, store.symbols().size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, store.symbols().find("sym" + i));
                assertEquals("sym" + i, store.symbols().value(i));
            }
            assertEquals(1000, store.symbols().intern("new"), "the next id continues after the stored ones");
            assertEquals(w, store.watermarks().get("trades"));
            assertArrayEquals(
                    "row7".getBytes(StandardCharsets.UTF_8), store.frontier().get("trades", 7));
            assertEquals(
                    List.of(new SnapshotEntry("trades", 99, "t-99.snap", 42)),
                    store.snapshots().list("trades"));
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        try (MetadataStore store = MetadataStore.open(dir)) {
            ProxistException e = assertThrows(ProxistException.class, () -> MetadataStore.open(dir));
            assertEquals(ErrorCode.CANNOT_OPEN_FILE, e.code());
            assertTrue(e.getMessage().contains("dir=" + dir), e.getMessage());
            store.symbols().intern("still usable");
        }
        try (MetadataStore again = MetadataStore.open(dir)) {
            assertEquals(0, again.symbols().find("still usable"));
        }
    }

    @Test
    void closeIsIdempotent() {
        MetadataStore store = MetadataStore.open(dir);
        store.close();
        store.close();
    }

    @Test
    void frontierTableOperations() {
        try (MetadataStore store = MetadataStore.open(dir)) {
            FrontierCache f = store.frontier();
            for (int i = 0; i < 50; i++) f.put("quotes", i, new byte[] {(byte) i});
            f.put("quotes2", 1, new byte[] {1});
            assertEquals(51, f.size());
            assertTrue(f.remove("quotes", 3));
            assertFalse(f.remove("quotes", 3));
            assertEquals(49, f.removeTable("quotes"));
            assertEquals(1, f.size());
            assertArrayEquals(new byte[] {1}, f.get("quotes2", 1));
            assertThrows(IllegalArgumentException.class, () -> f.put("quotes", -1, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> f.put("", 1, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> f.put("a\0b", 1, new byte[0]));
        }
    }

    @Test
    void optionsAreValidated() {
        MetadataOptions d = MetadataOptions.defaults();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new MetadataOptions(0, 12, 1, 1, 1, 1, 2.0));
        assertTrue(e.getMessage().contains("symbolEntries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MetadataOptions(1, 12, 1, 1, 1, 1, 0.5));
        try (MetadataStore small = MetadataStore.open(
                dir, new MetadataOptions(1000, d.symbolAverageBytes(), 16, 1000, 32, 16, d.maxBloatFactor()))) {
            for (int i = 0; i < 1000; i++) small.symbols().intern("s" + i);
            assertEquals(1000, small.symbols().size());
        }
    }

    static Map<Integer, List<Byte>> frontierOf(MetadataStore store, String table) {
        Map<Integer, List<Byte>> out = new TreeMap<>();
        store.frontier().forEach(table, (id, row) -> {
            Byte[] boxed = new Byte[row.length];
            for (int i = 0; i < row.length; i++) boxed[i] = row[i];
            out.put(id, List.of(boxed));
        });
        return out;
    }
}
