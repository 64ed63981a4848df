package io.proxist.hot.snapshot;

import static io.proxist.hot.snapshot.SnapshotDescriptor.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.Columns;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeLimits;
import io.proxist.hot.store.ColumnSpec;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.TableLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies snapshot files and loads them into a {@link HotStore}. {@link #verify} reads the whole file and checks
 * every rule of the format (hot-executor/README.md, "Snapshot file format"): header, every section's position, length
 * and CRC32C, section order, row counts, the footer, the whole-file CRC32C and that the footer ends the file. {@link
 * #load} verifies first and touches the store only when the file is valid, then reads it again, decoding each block
 * and appending it with the snapshot's LSN. Not thread-safe (one reader per thread).
 */
public final class SnapshotReader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final SnapshotFiles files;
    private final NativeLimits limits;
    private final CRC32C crc = new CRC32C();
    private final CRC32C fileCrc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);

    public SnapshotReader() {
        this(SnapshotFiles.real());
    }

    public SnapshotReader(SnapshotFiles files) {
        this(files, NativeLimits.DEFAULT);
    }

    public SnapshotReader(SnapshotFiles files, NativeLimits limits) {
        this.files = Objects.requireNonNull(files, "files");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads and checks the whole file; returns what it holds.
     *
     * @throws SnapshotCorruptionException when it is not a complete, valid snapshot (truncated, damaged)
     * @throws SnapshotIoException when it cannot be read
     */
    public SnapshotInfo verify(Path file) {
        return scan(file, null);
    }

    /** {@link #verify} the file, then {@link #load(SnapshotInfo, HotStore)} it. Returns the rows loaded. */
    public long load(Path file, HotStore store) {
        return load(verify(file), store);
    }

    /**
     * Loads a verified snapshot into {@code store}: each table's rows are appended to the store's table of that name
     * with the snapshot's LSN, and its eviction bound is restored. The store's tables must exist (created from their
     * schemas) and be empty; a snapshot table the store does not have is skipped with a warning. Each stored column
     * of a snapshot table must exist in the store's table with the same plain type; table columns the snapshot lacks
     * are filled with their defaults. Everything is checked before the first row is appended. Returns the rows
     * loaded.
     *
     * @throws io.proxist.core.error.ProxistException {@code NO_SUCH_COLUMN_IN_TABLE} / {@code TYPE_MISMATCH} for an
     *     incompatible table, {@code LOGICAL_ERROR} for a table that is not empty (nothing loaded in either case);
     *     {@link SnapshotCorruptionException} when the file changed after it was verified (tables may then be
     *     partly loaded)
     */
    public long load(SnapshotInfo info, HotStore store) {
        List<SnapshotInfo.Table> tables = info.tables();
        HotTable[] targets = new HotTable[tables.size()];
        for (int i = 0; i < targets.length; i++) {
            SnapshotInfo.Table t = tables.get(i);
            HotTable table = store.table(t.name());
            if (table == null) {
                LOG.warn(
                        "snapshot table is not a hot table; its rows are skipped [file={}, table={}, rows={}]",
                        info.file(),
                        t.name(),
                        t.rows());
                continue;
            }
            checkCompatible(info, t, table);
            targets[i] = table;
        }
        for (int i = 0; i < targets.length; i++) {
            long bound = tables.get(i).evictedBelow();
            // The table is empty: this evicts nothing and only records the bound.
            if (targets[i] != null && bound != Long.MIN_VALUE) targets[i].evict(bound, Long.MIN_VALUE);
        }
        Loader loader = new Loader(targets, info.lsn());
        SnapshotInfo again = scan(info.file(), loader);
        if (again.fileCrc32c() != info.fileCrc32c() || again.lsn() != info.lsn()) {
            throw new SnapshotCorruptionException(info.file(), 0, "the file changed after it was verified");
        }
        return loader.rows;
    }

    private static void checkCompatible(SnapshotInfo info, SnapshotInfo.Table t, HotTable table) {
        TableLayout layout = table.layout();
        for (int c = 0; c < t.columnNames().size(); c++) {
            String name = t.columnNames().get(c);
            int i = layout.columnIndex(name);
            if (i < 0) {
                throw new SnapshotException(
                        ErrorCode.NO_SUCH_COLUMN_IN_TABLE,
                        "snapshot column is not in the hot table [file=" + info.file() + ", table=" + t.name()
                                + ", column=" + name + "]");
            }
            ColumnSpec spec = layout.column(i);
            DataType theirs = Columns.plainType(t.columnTypes().get(c));
            if (!spec.plainType().equals(theirs)) {
                throw new SnapshotException(
                        ErrorCode.TYPE_MISMATCH,
                        "snapshot column type differs from the hot table's [file=" + info.file() + ", table="
                                + t.name() + ", column=" + name + ", snapshot="
                                + t.columnTypes().get(c) + ", table="
                                + spec.type() + "]");
            }
        }
        if (table.snapshot().rowCount() != 0 || table.snapshot().seriesCount() != 0) {
            throw new SnapshotException(
                    ErrorCode.LOGICAL_ERROR,
                    "a snapshot loads into empty tables only [file=" + info.file() + ", table=" + t.name() + ", rows="
                            + table.snapshot().rowCount() + "]");
        }
    }

    /** Appends decoded blocks to their tables. */
    private final class Loader {
        final HotTable[] targets;
        final long lsn;
        long rows;

        Loader(HotTable[] targets, long lsn) {
            this.targets = targets;
            this.lsn = lsn;
        }

        void block(Path file, long offset, SnapshotInfo.Table table, int index, int expectedRows) {
            if (targets[index] == null) return;
            ByteBuf in =
                    Unpooled.wrappedBuffer(buf.array(), SECTION_HEADER_LENGTH, buf.limit() - SECTION_HEADER_LENGTH);
            Block b;
            try {
                ByteBufInput input = new ByteBufInput(in);
                b = new NativeBlockReader(input, 0, limits).next();
                if (b == null || !input.atEnd()) {
                    throw new SnapshotCorruptionException(file, offset, "a BLOCK section is not exactly one block");
                }
            } catch (SnapshotCorruptionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SnapshotCorruptionException(
                        file, offset, "a BLOCK section does not decode: " + e.getMessage(), e);
            } finally {
                in.release();
            }
            if (b.rows() != expectedRows || !b.names().equals(table.columnNames())) {
                throw new SnapshotCorruptionException(
                        file, offset, "a BLOCK section's columns or rows differ from its TABLE section");
            }
            rows += targets[index].append(b, lsn);
        }
    }

    // ---- the scan

    private SnapshotInfo scan(Path file, Loader loader) {
        long nameLsn = parseFileName(file.getFileName().toString());
        try (SnapshotChannel ch = files.openRead(file)) {
            long size = ch.size();
            if (size < MIN_FILE_LENGTH) {
                throw corrupt(
                        file, 0, "truncated: " + size + " bytes, a complete file has at least " + MIN_FILE_LENGTH);
            }
            read(ch, file, 0, HEADER_LENGTH);
            if (buf.getInt(MAGIC_OFFSET) != MAGIC) throw corrupt(file, 0, "not a snapshot file (bad magic)");
            if (crc(crc, buf, 0, HEADER_CRC_OFFSET) != buf.getInt(HEADER_CRC_OFFSET)) {
                throw corrupt(file, 0, "header checksum mismatch");
            }
            if (buf.getShort(VERSION_OFFSET) != FORMAT_VERSION) {
                throw corrupt(file, VERSION_OFFSET, "unsupported format version " + buf.getShort(VERSION_OFFSET));
            }
            if (buf.getShort(HEADER_LENGTH_OFFSET) != HEADER_LENGTH) {
                throw corrupt(file, HEADER_LENGTH_OFFSET, "header length " + buf.getShort(HEADER_LENGTH_OFFSET));
            }
            long lsn = buf.getLong(LSN_OFFSET);
            if (lsn < 0 || (nameLsn >= 0 && lsn != nameLsn)) {
                throw corrupt(file, LSN_OFFSET, "LSN " + lsn + " does not match the file name");
            }
            long created = buf.getLong(CREATED_OFFSET);
            long logId = buf.getLong(WAL_LOG_ID_OFFSET);
            int tableCount = buf.getInt(TABLE_COUNT_OFFSET);
            if (tableCount < 0) throw corrupt(file, TABLE_COUNT_OFFSET, "table count " + tableCount);
            fileCrc.reset();
            updateCrc(fileCrc, buf, 0, HEADER_LENGTH);

            List<SnapshotInfo.Table> tables = new ArrayList<>();
            Set<String> names = new HashSet<>();
            long seenRows = 0;
            int blocks = 0;
            long pos = HEADER_LENGTH;
            while (true) {
                if (size - pos < SECTION_HEADER_LENGTH) {
                    throw corrupt(file, pos, "truncated: the file ends before its footer");
                }
                read(ch, file, pos, SECTION_HEADER_LENGTH);
                int length = buf.getInt(SECTION_LENGTH_OFFSET);
                if (length < SECTION_HEADER_LENGTH || length > MAX_SECTION_LENGTH) {
                    throw corrupt(file, pos, "section length " + length);
                }
                if (length > size - pos) {
                    throw corrupt(
                            file, pos, "truncated: a section of " + length + " bytes runs past the end (" + size + ")");
                }
                if (buf.getLong(SECTION_POSITION_OFFSET) != pos) {
                    throw corrupt(file, pos, "section position " + buf.getLong(SECTION_POSITION_OFFSET));
                }
                read(ch, file, pos, length);
                if (crc(crc, buf, SECTION_CRC_START, length) != buf.getInt(SECTION_CRC_OFFSET)) {
                    throw corrupt(file, pos, "section checksum mismatch");
                }
                int type = buf.get(SECTION_TYPE_OFFSET) & 0xFF;
                int index = buf.getInt(SECTION_TABLE_OFFSET);
                if (buf.get(SECTION_FLAGS_OFFSET) != 0 || buf.getShort(SECTION_RESERVED_OFFSET) != 0) {
                    throw corrupt(file, pos, "reserved section bits set");
                }
                SnapshotInfo.Table current = tables.isEmpty() ? null : tables.getLast();
                switch (type) {
                    case TYPE_TABLE -> {
                        if (index != tables.size() || index >= tableCount) {
                            throw corrupt(file, pos, "TABLE section " + index + " out of order");
                        }
                        checkRows(file, pos, current, seenRows);
                        SnapshotInfo.Table t = parseTable(file, pos, length);
                        if (!names.add(t.name())) throw corrupt(file, pos, "table " + t.name() + " appears twice");
                        tables.add(t);
                        seenRows = 0;
                    }
                    case TYPE_BLOCK -> {
                        if (current == null || index != tables.size() - 1) {
                            throw corrupt(file, pos, "BLOCK section of table " + index + " out of order");
                        }
                        int rows = blockRows(file, pos, length, current);
                        if (rows > current.rows() - seenRows) {
                            throw corrupt(file, pos, "more rows than the table's " + current.rows());
                        }
                        seenRows += rows;
                        blocks++;
                        if (loader != null) loader.block(file, pos, current, index, rows);
                    }
                    case TYPE_END -> {
                        if (index != tableCount || tables.size() != tableCount) {
                            throw corrupt(
                                    file, pos, "END section after " + tables.size() + " of " + tableCount + " tables");
                        }
                        checkRows(file, pos, current, seenRows);
                        return footer(file, pos, length, size, lsn, created, logId, blocks, tables);
                    }
                    default -> throw corrupt(file, pos, "unknown section type " + type);
                }
                updateCrc(fileCrc, buf, 0, length);
                pos += length;
            }
        } catch (IOException e) {
            throw new SnapshotIoException(
                    ErrorCode.CANNOT_OPEN_FILE, "cannot read snapshot [file=" + file + "]: " + e.getMessage(), e);
        }
    }

    private SnapshotInfo footer(
            Path file,
            long pos,
            int length,
            long size,
            long lsn,
            long created,
            long logId,
            int blocks,
            List<SnapshotInfo.Table> tables) {
        if (length != END_LENGTH) throw corrupt(file, pos, "END section length " + length);
        if (pos + length != size) throw corrupt(file, pos + length, "bytes after the footer");
        if (buf.getInt(END_MAGIC_OFFSET) != END_MAGIC || buf.getInt(END_RESERVED_OFFSET) != 0) {
            throw corrupt(file, pos, "bad end magic");
        }
        long total = 0;
        for (SnapshotInfo.Table t : tables) total += t.rows();
        if (buf.getLong(END_ROWS_OFFSET) != total || buf.getInt(END_BLOCKS_OFFSET) != blocks) {
            throw corrupt(
                    file,
                    pos,
                    "footer counts differ from the sections [rows=" + buf.getLong(END_ROWS_OFFSET) + ", blocks="
                            + buf.getInt(END_BLOCKS_OFFSET) + "]");
        }
        int fileChecksum = (int) fileCrc.getValue();
        if (buf.getInt(END_FILE_CRC_OFFSET) != fileChecksum) throw corrupt(file, pos, "file checksum mismatch");
        return new SnapshotInfo(file, lsn, created, logId, size, fileChecksum, blocks, tables);
    }

    private static void checkRows(Path file, long pos, SnapshotInfo.Table t, long seen) {
        if (t != null && seen != t.rows()) {
            throw corrupt(file, pos, "table " + t.name() + " has " + seen + " rows in blocks, expected " + t.rows());
        }
    }

    private SnapshotInfo.Table parseTable(Path file, long pos, int length) {
        if (length < TABLE_NAME_OFFSET + 8) throw corrupt(file, pos, "TABLE section too short");
        long rows = buf.getLong(TABLE_ROWS_OFFSET);
        long lastLsn = buf.getLong(TABLE_LAST_LSN_OFFSET);
        long evictedBelow = buf.getLong(TABLE_EVICTED_BELOW_OFFSET);
        if (rows < 0) throw corrupt(file, pos, "row count " + rows);
        int[] at = {TABLE_NAME_OFFSET};
        String name = string(file, pos, length, at);
        int columns = intAt(file, pos, length, at);
        if (columns < 1 || columns > MAX_COLUMNS) throw corrupt(file, pos, "column count " + columns);
        List<String> names = new ArrayList<>(columns);
        List<DataType> types = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            names.add(string(file, pos, length, at));
            String type = string(file, pos, length, at);
            try {
                types.add(DataType.parse(type));
            } catch (RuntimeException e) {
                throw corrupt(file, pos, "column type " + type + ": " + e.getMessage());
            }
        }
        if (at[0] != length) throw corrupt(file, pos, "bytes after the TABLE section's columns");
        return new SnapshotInfo.Table(name, names, types, rows, lastLsn, evictedBelow);
    }

    private int intAt(Path file, long pos, int length, int[] at) {
        if (length - at[0] < Integer.BYTES) throw corrupt(file, pos, "TABLE section cut short");
        int v = buf.getInt(at[0]);
        at[0] += Integer.BYTES;
        return v;
    }

    private String string(Path file, long pos, int length, int[] at) {
        int n = intAt(file, pos, length, at);
        if (n < 0 || n > MAX_NAME_BYTES || n > length - at[0]) throw corrupt(file, pos, "name length " + n);
        String s = new String(buf.array(), buf.arrayOffset() + at[0], n, StandardCharsets.UTF_8);
        at[0] += n;
        return s;
    }

    /** The column and row counts at the start of a Native block (revision 0: no BlockInfo). */
    private int blockRows(Path file, long pos, int length, SnapshotInfo.Table t) {
        int[] at = {SECTION_HEADER_LENGTH};
        long columns = varUInt(file, pos, length, at);
        long rows = varUInt(file, pos, length, at);
        if (columns != t.columnNames().size() || rows < 1 || rows > Integer.MAX_VALUE) {
            throw corrupt(file, pos, "BLOCK of " + columns + " columns and " + rows + " rows in table " + t.name());
        }
        return (int) rows;
    }

    private long varUInt(Path file, long pos, int length, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= length) throw corrupt(file, pos, "BLOCK section cut short");
            int b = buf.get(at[0]++) & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw corrupt(file, pos, "VarUInt longer than 10 bytes");
    }

    /** Reads {@code n} bytes at {@code position} into {@link #buf}{@code [0, n)} (limit n). */
    private void read(SnapshotChannel ch, Path file, long position, int n) throws IOException {
        if (buf.capacity() < n) {
            buf = ByteBuffer.allocate(Math.max(n, (int) Math.min(MAX_SECTION_LENGTH, 2L * buf.capacity())))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw corrupt(file, position + buf.position(), "truncated while reading");
            }
        }
    }

    private static SnapshotCorruptionException corrupt(Path file, long offset, String reason) {
        return new SnapshotCorruptionException(file, offset, reason);
    }
}
