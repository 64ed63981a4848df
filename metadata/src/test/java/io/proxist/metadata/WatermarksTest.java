package io.proxist.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarksTest {
    @TempDir
    Path dir;

    @Test
    void onlyMovesForward() {
        try (MetadataStore store = MetadataStore.open(dir)) {
            Watermarks w = store.watermarks();
            w.advance("trades", new Watermark(100, 1000, 7));
            w.advance("trades", new Watermark(100, 1000, 7)); // the same value again: idempotent
            w.advance("trades", new Watermark(100, 2000, 7)); // position forward, T unchanged
            w.advance("trades", new Watermark(150, 2000, 7)); // T forward, position unchanged

            refused(w, "trades", new Watermark(149, 3000, 7)); // T backwards
            refused(w, "trades", new Watermark(200, 1999, 7)); // position backwards in the same log
            refused(w, "trades", new Watermark(149, 0, 8)); // T backwards in a new log
            assertEquals(new Watermark(150, 2000, 7), w.get("trades"), "a refused write changes nothing");

            // A new WAL (another log id) starts at position 0 again: only T is compared.
            w.advance("trades", new Watermark(150, 32, 8));
            refused(w, "trades", new Watermark(160, 16, 8));
            assertEquals(new Watermark(150, 32, 8), w.get("trades"));

            // Tables are independent.
            w.advance("quotes", new Watermark(1, 1, 7));
            assertEquals(new Watermark(1, 1, 7), w.get("quotes"));
        }
        try (MetadataStore store = MetadataStore.open(dir)) {
            Watermarks w = store.watermarks();
            assertEquals(new Watermark(150, 32, 8), w.get("trades"));
            refused(w, "trades", new Watermark(149, 64, 8));
            assertTrue(w.remove("quotes"));
            assertFalse(w.remove("quotes"));
            assertNull(w.get("quotes"));
        }
    }

    @Test
    void negativePositionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Watermark(1, -1, 7));
    }

    @Test
    void descriptorDetectsCorruption() {
        Watermark w = new Watermark(Long.MIN_VALUE + 1, Long.MAX_VALUE, -5);
        byte[] v = WatermarkDescriptor.encode(w, 42);
        assertEquals(WatermarkDescriptor.LENGTH, v.length);
        assertEquals(new WatermarkDescriptor.Stored(w, 42), WatermarkDescriptor.decode(v));
        for (int i = 0; i < v.length; i++) {
            byte[] c = v.clone();
            c[i] ^= 0x10;
            assertNull(WatermarkDescriptor.decode(c), "flipped bit in byte " + i);
        }
        assertNull(WatermarkDescriptor.decode(new byte[5]));
    }

    @Test
    void snapshotDescriptorDetectsCorruption() {
        SnapshotEntry e = new SnapshotEntry("trades", 123456789L, "trades-\u00c4.snap", 0xCAFEBABE);
        byte[] v = SnapshotEntryDescriptor.encode(e);
        assertEquals(e, SnapshotEntryDescriptor.decode("trades", v));
        for (int i = 0; i < v.length; i++) {
            byte[] c = v.clone();
            c[i] ^= 0x01;
            assertNull(SnapshotEntryDescriptor.decode("trades", c), "flipped bit in byte " + i);
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> SnapshotEntryDescriptor.encode(new SnapshotEntry("trades", 1, "", 0)));
    }

    private static void refused(Watermarks w, String table, Watermark next) {
        ProxistException e = assertThrows(ProxistException.class, () -> w.advance(table, next));
        assertEquals(ErrorCode.LOGICAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("table=" + table), e.getMessage());
    }
}
