package io.proxist.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.LongColumn;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.hot.store.BlockMaterializer;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.SeriesSnapshot;
import io.proxist.hot.store.TableLayout;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.metadata.FrontierCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The frontier cache (ingest/README.md, "Frontier cache"): per table keyed by symbol alone and per symbol, the last
 * acknowledged row (by ts, seq) with {@code ts <= T_persisted}, stored in the metadata store so the seam can answer a
 * last-by or as-of lookup at the watermark without asking ClickHouse.
 *
 * <p>{@link #update} runs in the ingest maintenance pass: when a table's watermark moved, every series is looked up
 * at the new watermark, or again when the table's rows changed since (a late row), (a binary search per series) and the entries whose row changed are rewritten. An entry is the
 * watermark it was computed at (8 bytes, little-endian) followed by the row as a one-row Native block (revision 0) of
 * the table's stored columns. A series whose rows at or below the watermark were all evicted keeps its entry (those
 * rows were persisted, and nothing newer at or below the watermark exists), and an entry is never replaced by an older
 * row (a late row can be all memory holds of a series whose newer rows were persisted and evicted). Not thread-safe:
 * one maintenance thread.
 */
public final class FrontierTracker {
    private final FrontierCache cache;
    private final Map<String, Long> lastWatermark = new HashMap<>();
    private final Map<String, Long> lastVersions = new HashMap<>();
    /** Per table and symbol id: ts and seq of the row last stored. */
    private final Map<String, Map<Integer, long[]>> stored = new HashMap<>();

    private long puts;

    public FrontierTracker(FrontierCache cache) {
        this.cache = cache;
    }

    /** Whether the table has a frontier: its series key is the {@code symbol} column alone. */
    public static boolean tracks(TableLayout layout) {
        return layout.seriesKeyParts() == 1
                && layout.column(layout.seriesColumn(0)).name().equals("symbol");
    }

    /** Brings the table's entries to {@code watermark}; returns the entries written. */
    public int update(String table, HotTable hot, long watermark) {
        if (watermark == Long.MIN_VALUE || !tracks(hot.layout())) return 0;
        TableSnapshot snap = hot.snapshot();
        Long last = lastWatermark.get(table);
        Long lastVersion = lastVersions.get(table);
        // a late row at or below an unchanged watermark changes the frontier too: look again when the rows changed
        if (last != null && last == watermark && lastVersion != null && lastVersion == snap.version()) return 0;
        TableLayout layout = snap.layout();
        Map<Integer, long[]> mine = stored.computeIfAbsent(table, t -> new HashMap<>());
        int written = 0;
        BlockMaterializer rows = new BlockMaterializer(layout);
        for (int s = 0; s < snap.seriesCount(); s++) {
            SeriesSnapshot series = snap.series(s);
            if (series == null || series.isEmpty() || series.firstTs() > watermark) continue;
            long p = series.lastAtOrBefore(watermark);
            if (p < 0) continue;
            int c = SeriesSnapshot.chunkOf(p);
            int r = SeriesSnapshot.rowOf(p);
            rows.append(snap, s, series.chunk(c), r, r + 1);
            Block row = rows.build();
            long ts = ((LongColumn) row.column(layout.tsColumn())).values()[0];
            long seq = ((LongColumn) row.column(layout.seqColumn())).values()[0];
            int symbolId = series.keyId(0);
            long[] prev = mine.get(symbolId);
            if (prev == null) prev = storedKey(table, symbolId, layout); // written by an earlier process
            if (prev != null) {
                if (prev[0] == ts && prev[1] == seq) continue;
                // memory may hold an older row than the entry's: a late row that arrived after the entry's row was
                // persisted and evicted. The entry's row is still the last at or below the (monotone) watermark.
                boolean older = TableLayout.compareKey(ts, seq, prev[0], prev[1], layout.seqBias()) < 0;
                if (older && prev[0] <= watermark) {
                    mine.put(symbolId, prev);
                    continue;
                }
            }
            cache.put(table, symbolId, encode(watermark, row));
            mine.put(symbolId, new long[] {ts, seq});
            written++;
            puts++;
        }
        lastWatermark.put(table, watermark);
        lastVersions.put(table, snap.version());
        return written;
    }

    /** The ts and seq of the row the cache holds for a symbol, or null. */
    private long[] storedKey(String table, int symbolId, TableLayout layout) {
        byte[] entry = cache.get(table, symbolId);
        if (entry == null) return null;
        Block row = rowOf(entry);
        return new long[] {
            ((LongColumn) row.column(layout.tsColumn())).values()[0],
            ((LongColumn) row.column(layout.seqColumn())).values()[0]
        };
    }

    /** Entries written since this tracker was made. */
    public long puts() {
        return puts;
    }

    static byte[] encode(long watermark, Block row) {
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeLongLE(watermark);
            NativeBlockWriter.write(row, 0, buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    /** The watermark an entry was computed at. */
    public static long watermarkOf(byte[] entry) {
        return ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** The row of an entry: a one-row block of the table's stored columns. */
    public static Block rowOf(byte[] entry) {
        ByteBuffer payload = ByteBuffer.wrap(entry, 8, entry.length - 8).slice();
        return new NativeBlockReader(new IngestTable.BufferInput(payload), 0, NativeLimits.DEFAULT).next();
    }
}
