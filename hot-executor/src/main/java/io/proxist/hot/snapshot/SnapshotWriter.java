package io.proxist.hot.snapshot;

import static io.proxist.hot.snapshot.SnapshotDescriptor.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.hot.store.BlockMaterializer;
import io.proxist.hot.store.ColumnSpec;
import io.proxist.hot.store.HotStore;
import io.proxist.hot.store.HotTable;
import io.proxist.hot.store.KeyOrderCursor;
import io.proxist.hot.store.TableLayout;
import io.proxist.hot.store.TableSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the state of hot tables at a WAL position to {@code snap-<lsn>.px} in one directory: into a temporary file,
 * fsynced, renamed into place atomically, the directory fsynced; then older snapshots beyond {@link
 * SnapshotOptions#retain()} are deleted. Every file operation goes through a {@link SnapshotFiles}.
 *
 * <h2>Consistency</h2>
 *
 * A snapshot at LSN {@code L} must hold exactly the rows committed with an LSN at or below {@code L}. Each table is
 * written from one {@link TableSnapshot}, an immutable prefix of the table's commits; the writer checks that its
 * {@link TableSnapshot#lastLsn()} is at most {@code L} (a table that already holds a later commit is refused with
 * {@code LOGICAL_ERROR}). The caller guarantees the other half: every WAL record at or below {@code L} has been
 * committed to the store before the table snapshots are taken (e.g. {@code L} is the position of the last record
 * applied, taken while appends are held, or the applied frontier of an ingest that commits in log order). Taking
 * the {@link TableSnapshot}s is cheap; the write may then run on any thread while commits continue.
 *
 * <h2>Failures</h2>
 *
 * A failed write, fsync, rename or directory sync throws {@link SnapshotIoException} and removes the temporary
 * (and, after a rename whose directory sync failed, the renamed) file: no new {@code snap-*.px} is left and the
 * existing snapshots are untouched. (A snapshot at the same LSN, if one existed, may have been replaced by the new
 * complete one.) One writer per directory: a write deletes temporary files it finds there as leftovers of a crash.
 * Not thread-safe.
 */
public final class SnapshotWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final Path dir;
    private final SnapshotFiles files;
    private final SnapshotOptions options;
    private final CRC32C sectionCrc = new CRC32C();
    private final CRC32C fileCrc = new CRC32C();

    public SnapshotWriter(Path dir) {
        this(dir, SnapshotFiles.real(), SnapshotOptions.DEFAULT);
    }

    public SnapshotWriter(Path dir, SnapshotOptions options) {
        this(dir, SnapshotFiles.real(), options);
    }

    public SnapshotWriter(Path dir, SnapshotFiles files, SnapshotOptions options) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.files = Objects.requireNonNull(files, "files");
        this.options = Objects.requireNonNull(options, "options");
    }

    public Path directory() {
        return dir;
    }

    public SnapshotOptions options() {
        return options;
    }

    /** Writes every table of {@code store} (their current snapshots, in name order) as the snapshot at {@code lsn}. */
    public SnapshotInfo write(HotStore store, long lsn) {
        List<HotTable> tables = new ArrayList<>(store.tables());
        tables.sort(Comparator.comparing(HotTable::name));
        List<TableSnapshot> snaps = new ArrayList<>(tables.size());
        for (HotTable t : tables) snaps.add(t.snapshot());
        return write(snaps, lsn);
    }

    /**
     * Writes the given table states, in this order, as the snapshot at {@code lsn} and applies the retention. Returns
     * what was written ({@link SnapshotInfo#fileCrc32c()} is the checksum a manifest records).
     *
     * @throws SnapshotIoException when a file operation failed; nothing new is left behind
     * @throws ProxistException {@code LOGICAL_ERROR} when a table holds a commit above {@code lsn} or two states are
     *     of the same table
     */
    public SnapshotInfo write(List<TableSnapshot> tables, long lsn) {
        if (lsn < 0) {
            throw new IllegalArgumentException("negative snapshot LSN: " + lsn);
        }
        Set<String> names = new HashSet<>();
        for (TableSnapshot t : tables) {
            String name = t.layout().table();
            if (!names.add(name)) {
                throw new ProxistException(
                        ErrorCode.LOGICAL_ERROR,
                        "table given twice for a snapshot [table=" + name + ", lsn=" + lsn + "]");
            }
            if (t.lastLsn() > lsn) {
                throw new ProxistException(
                        ErrorCode.LOGICAL_ERROR,
                        "table holds commits after the snapshot position [table=" + name + ", lastLsn=" + t.lastLsn()
                                + ", lsn=" + lsn + "]");
            }
        }
        Path tmp = dir.resolve(tempFileName(lsn));
        Path target = dir.resolve(fileName(lsn));
        String stage = "create";
        boolean renamed = false;
        boolean existed = false;
        SnapshotInfo info;
        ByteBuf buf = Unpooled.buffer(64 * 1024);
        try {
            files.createDirectories(dir);
            stage = "list";
            List<String> present = files.list(dir);
            existed = present.contains(target.getFileName().toString());
            for (String name : present) {
                if (parseTempFileName(name) >= 0) {
                    stage = "delete a leftover temporary file";
                    files.delete(dir.resolve(name));
                }
            }
            stage = "write";
            try (SnapshotChannel ch = files.create(tmp)) {
                info = new Encoder(ch, buf, target).write(tables, lsn);
                stage = "fsync";
                ch.force();
            }
            stage = "rename";
            files.rename(tmp, target);
            renamed = true;
            stage = "directory fsync";
            files.syncDirectory(dir);
        } catch (IOException e) {
            cleanUp(renamed ? (existed ? null : target) : tmp);
            boolean fsync = stage.contains("fsync");
            throw new SnapshotIoException(
                    fsync ? ErrorCode.CANNOT_FSYNC : ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                    "snapshot " + stage + " failed [file=" + (renamed ? target : tmp) + ", lsn=" + lsn + "]: "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException | Error e) {
            cleanUp(renamed ? (existed ? null : target) : tmp);
            throw e;
        } finally {
            buf.release();
        }
        if (options.retain() > 0) {
            try {
                Snapshots.retain(dir, files, options.retain());
            } catch (SnapshotIoException e) {
                LOG.warn("snapshot retention failed; the next write retries [dir={}]: {}", dir, e.getMessage());
            }
        }
        return info;
    }

    private void cleanUp(Path file) {
        if (file == null) return;
        try {
            files.delete(file);
        } catch (NoSuchFileException e) {
            // never created
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete a failed snapshot file [file={}]: {}", file, e.getMessage());
        }
    }

    /** One file's encoding: sections assembled in {@link #buf}, each written with one positional write. */
    private final class Encoder {
        private final SnapshotChannel ch;
        private final ByteBuf buf;
        private final Path target;
        private long position;
        private int blocks;

        Encoder(SnapshotChannel ch, ByteBuf buf, Path target) {
            this.ch = ch;
            this.buf = buf;
            this.target = target;
        }

        SnapshotInfo write(List<TableSnapshot> tables, long lsn) throws IOException {
            long created = options.nowNanos();
            fileCrc.reset();
            buf.clear().writeZero(HEADER_LENGTH);
            ByteBuffer header = view(HEADER_LENGTH);
            encodeHeader(header, lsn, created, options.walLogId(), tables.size());
            emit(header);
            List<SnapshotInfo.Table> infos = new ArrayList<>(tables.size());
            long totalRows = 0;
            for (int i = 0; i < tables.size(); i++) {
                SnapshotInfo.Table t = writeTable(tables.get(i), i);
                infos.add(t);
                totalRows += t.rows();
            }
            long endOffset = position;
            int crc = (int) fileCrc.getValue();
            begin();
            buf.writeLongLE(totalRows);
            buf.writeIntLE(blocks);
            buf.writeIntLE(crc);
            buf.writeIntLE(0);
            buf.writeIntLE(END_MAGIC);
            section(TYPE_END, tables.size());
            return new SnapshotInfo(target, lsn, created, options.walLogId(), position, crc, blocks, infos);
        }

        private SnapshotInfo.Table writeTable(TableSnapshot snap, int index) throws IOException {
            TableLayout layout = snap.layout();
            List<String> names = new ArrayList<>(layout.columnCount());
            List<io.proxist.core.type.DataType> types = new ArrayList<>(layout.columnCount());
            begin();
            buf.writeLongLE(snap.rowCount());
            buf.writeLongLE(snap.lastLsn());
            buf.writeLongLE(snap.evictedBelow());
            writeString(layout.table());
            buf.writeIntLE(layout.columnCount());
            for (int c = 0; c < layout.columnCount(); c++) {
                ColumnSpec spec = layout.column(c);
                names.add(spec.name());
                types.add(spec.type());
                writeString(spec.name());
                writeString(spec.type().toString());
            }
            section(TYPE_TABLE, index);

            int max = options.maxBlockRows();
            BlockMaterializer m = new BlockMaterializer(layout);
            KeyOrderCursor cursor = new KeyOrderCursor().ofAll(snap);
            long rows = 0;
            while (cursor.next()) {
                for (int lo = cursor.lo(), hi = cursor.hi(); lo < hi; ) {
                    int n = Math.min(hi - lo, max - m.rows());
                    m.append(snap, cursor.seriesNo(), cursor.chunk(), lo, lo + n);
                    lo += n;
                    if (m.rows() == max) rows += writeBlock(m, index, layout);
                }
            }
            if (m.rows() > 0) rows += writeBlock(m, index, layout);
            if (rows != snap.rowCount()) {
                throw new ProxistException(
                        ErrorCode.LOGICAL_ERROR,
                        "a table snapshot scanned to a different row count [table=" + layout.table() + ", rows="
                                + snap.rowCount() + ", scanned=" + rows + "]");
            }
            return new SnapshotInfo.Table(
                    layout.table(), names, types, snap.rowCount(), snap.lastLsn(), snap.evictedBelow());
        }

        private int writeBlock(BlockMaterializer m, int index, TableLayout layout) throws IOException {
            int rows = m.rows();
            begin();
            NativeBlockWriter.write(m.build(), 0, buf);
            if (buf.writerIndex() > MAX_SECTION_LENGTH) {
                throw new ProxistException(
                        ErrorCode.TOO_LARGE_STRING_SIZE,
                        "snapshot block: " + buf.writerIndex() + " bytes (expected: <= " + MAX_SECTION_LENGTH
                                + ") [table=" + layout.table() + ", rows=" + rows + "]; lower maxBlockRows");
            }
            section(TYPE_BLOCK, index);
            blocks++;
            return rows;
        }

        private void writeString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("name too long for a snapshot: " + b.length + " bytes");
            }
            buf.writeIntLE(b.length);
            buf.writeBytes(b);
        }

        /** Starts a section: room for its header. */
        private void begin() {
            buf.clear().writeZero(SECTION_HEADER_LENGTH);
        }

        /** Ends the section in {@code buf}: header, CRC, write. */
        private void section(int type, int table) throws IOException {
            int length = buf.writerIndex();
            ByteBuffer v = view(length);
            encodeSectionHeader(v, length, position, type, table);
            sealSection(sectionCrc, v, length);
            emit(v);
        }

        private ByteBuffer view(int length) {
            return buf.nioBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void emit(ByteBuffer v) throws IOException {
            updateCrc(fileCrc, v, 0, v.remaining());
            long start = position;
            int base = v.position();
            while (v.hasRemaining()) {
                ch.write(v, start + (v.position() - base));
            }
            position = start + (v.position() - base);
        }
    }
}
