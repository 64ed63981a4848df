package io.proxist.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.io.ByteInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.PreparedAppend;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest path of one managed table (ingest/README.md): an INSERT's rows are checked and deduplicated against
 * the hot store, the new ones written to the WAL as one record (Native, revision 0), then published in the hot store
 * and registered with the watermark; only then does {@link #insert} return, which is the acknowledgement. A failure
 * before the WAL append leaves nothing anywhere; a failure of the append itself (disk, budget) leaves nothing
 * visible and reaches the client as the WAL's ClickHouse error.
 *
 * <p>One writer at a time per table ({@code insert} is synchronized): the hot store's single-writer rule, and WAL
 * order equal to acknowledgement order, which the watermark requires.
 */
public final class IngestTable {
    private final int tableId;
    private final HotTable hot;
    private final Wal wal;
    private final Durability durability;
    private final WatermarkTracker watermark;
    private final String tsColumn;
    /** The largest ts acknowledged (or replayed); Long.MIN_VALUE before any. */
    private volatile long maxTs = Long.MIN_VALUE;
    /** The last position of a {@link Durability#MEMORY} table, which writes no WAL. */
    private long memoryLsn;

    public IngestTable(
            int tableId, HotTable hot, Wal wal, Durability durability, WatermarkTracker watermark, String tsColumn) {
        this.tableId = tableId;
        this.hot = hot;
        this.wal = wal;
        this.durability = durability;
        this.watermark = watermark;
        this.tsColumn = tsColumn;
        this.memoryLsn = watermark.version().confirmedLsn();
    }

    /** The newest row's ts (UTC nanoseconds) the table has taken; Long.MIN_VALUE before any. */
    public long maxTs() {
        return maxTs;
    }

    public int tableId() {
        return tableId;
    }

    public Durability durability() {
        return durability;
    }

    public HotTable hot() {
        return hot;
    }

    public WatermarkTracker watermark() {
        return watermark;
    }

    /**
     * Result of one INSERT: its WAL position (-1 when every row was a duplicate), the rows new to the table (as
     * written to the WAL; what the flusher must persist), and the count of rows dropped as duplicates.
     */
    public record Inserted(long lsn, Block rows, int newRows, int duplicates) {}

    /** Appends one INSERT atomically; returns once its rows are durable (per the table's policy) and visible. */
    public synchronized Inserted insert(Block block) {
        PreparedAppend prepared = hot.prepare(block);
        int[] idx = prepared.newRowIndices();
        if (idx.length == 0) return new Inserted(-1, null, 0, prepared.duplicateRows());
        Block rows = gather(prepared.block(), idx);
        long lsn;
        if (durability == Durability.MEMORY) {
            lsn = ++memoryLsn; // no WAL: positions of the table's own, for ordering and the watermark
        } else {
            ByteBuf payload = Unpooled.buffer();
            try {
                NativeBlockWriter.write(rows, 0, payload);
                ByteBuffer view = payload.nioBuffer();
                lsn = wal.append(tableId, view, durability);
            } finally {
                payload.release();
            }
        }
        int added = hot.commit(prepared, lsn);
        long[] range = tsRange(rows);
        watermark.acknowledged(lsn, range[0], range[1]);
        maxTs = Math.max(maxTs, range[1]);
        return new Inserted(lsn, rows, added, prepared.duplicateRows());
    }

    /**
     * Recovery: the table's WAL records from {@code fromPosition} (its snapshot's position, or the start) into the
     * hot store, in order, and the ones above the confirmed position registered as unconfirmed with the watermark.
     * Dedup makes a replay over rows the store already holds harmless. Returns the records applied.
     */
    public synchronized long replay(long fromPosition) {
        return replay(fromPosition, (lsn, rows) -> {});
    }

    /** What recovery hands on for each replayed record above the confirmed position (to be flushed again). */
    public interface Unconfirmed {
        void accept(long lsn, Block rows);
    }

    /** As {@link #replay(long)}, handing each record above the confirmed position to {@code unconfirmed}. */
    public synchronized long replay(long fromPosition, Unconfirmed unconfirmed) {
        if (durability == Durability.MEMORY) return 0; // nothing in the WAL: its unpersisted rows died with the process
        long confirmed = watermark.version().confirmedLsn();
        List<long[]> counted = new ArrayList<>();
        wal.replay(fromPosition, (position, type, table, payload) -> {
            if (table != tableId) return;
            Block b = new NativeBlockReader(new BufferInput(payload), 0, NativeLimits.DEFAULT).next();
            if (b == null) {
                throw new ProxistException(
                        ErrorCode.CORRUPTED_DATA, "WAL record at " + position + " holds no block for table " + tableId);
            }
            hot.append(b, position);
            maxTs = Math.max(maxTs, tsRange(b)[1]);
            if (position > confirmed) {
                long[] range = tsRange(b);
                watermark.acknowledged(position, range[0], range[1]);
                unconfirmed.accept(position, b);
            }
            counted.add(new long[] {position});
        });
        return counted.size();
    }

    private long[] tsRange(Block rows) {
        int c = rows.names().indexOf(tsColumn);
        if (c < 0) {
            throw new ProxistException(
                    ErrorCode.NO_SUCH_COLUMN_IN_TABLE, "no time column " + tsColumn + " in the rows");
        }
        LongColumn ts = (LongColumn) rows.column(c);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < rows.rows(); i++) {
            long v = ts.values()[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new long[] {min, max};
    }

    private static Block gather(Block b, int[] idx) {
        if (idx.length == b.rows()) return b;
        List<Column> cols = new ArrayList<>(b.columnCount());
        for (int c = 0; c < b.columnCount(); c++) cols.add(Columns.gather(b.column(c), idx));
        return new Block(b.names(), cols, idx.length);
    }

    /** A WAL payload as decoder input (little-endian, as the Native format). */
    static final class BufferInput implements ByteInput {
        private final ByteBuffer buf;

        BufferInput(ByteBuffer buf) {
            this.buf = buf.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public boolean atEnd() {
            return !buf.hasRemaining();
        }

        @Override
        public int readUnsignedByte() {
            if (!buf.hasRemaining()) throw new io.proxist.formats.io.EndOfInputException("in a WAL record");
            return buf.get() & 0xFF;
        }

        @Override
        public void readFully(byte[] dst, int off, int len) {
            if (buf.remaining() < len) throw new io.proxist.formats.io.EndOfInputException("in a WAL record");
            buf.get(dst, off, len);
        }
    }
}
