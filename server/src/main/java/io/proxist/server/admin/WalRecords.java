package io.proxist.server.admin;

import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.LongColumn;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.server.ingest.IngestRuntime;
import io.proxist.wal.Wal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WAL's records re-read and decoded (each one's INSERT block): what {@code POST /admin/wal/replay} reports and
 * what a forced purge checks before it deletes. Nothing is applied anywhere.
 */
final class WalRecords {
    /** One record: its position, the table it belongs to (its WAL id), its rows and their ts range. */
    record Entry(long position, int tableId, int rows, long minTs, long maxTs, int bytes) {}

    /** The records in {@code [from, to)}, decoded; names are resolved through {@link #tableNames}. */
    static List<Entry> read(Wal wal, long from, long to) {
        List<Entry> out = new ArrayList<>();
        wal.replay(from, (position, type, tableId, payload) -> {
            if (position >= to) return;
            out.add(decode(position, tableId, payload));
        });
        return out;
    }

    private static Entry decode(long position, int tableId, ByteBuffer payload) {
        int bytes = payload.remaining();
        Block b = new NativeBlockReader(new ByteBufInput(Unpooled.wrappedBuffer(payload)), 0, NativeLimits.DEFAULT)
                .next();
        if (b == null) return new Entry(position, tableId, 0, Long.MAX_VALUE, Long.MIN_VALUE, bytes);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int ts = b.names().indexOf("ts");
        if (ts >= 0 && b.column(ts) instanceof LongColumn c) {
            for (int i = 0; i < b.rows(); i++) {
                min = Math.min(min, c.values()[i]);
                max = Math.max(max, c.values()[i]);
            }
        }
        return new Entry(position, tableId, b.rows(), min, max, bytes);
    }

    /** WAL table id → owned table name. */
    static Map<Integer, String> tableNames(IngestRuntime ingest) {
        Map<Integer, String> m = new HashMap<>();
        for (String t : ingest.service().tableNames())
            m.put(ingest.service().table(t).tableId(), t);
        return m;
    }

    private WalRecords() {}
}
