package io.proxist.formats.input;

import io.netty.buffer.ByteBuf;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.Columns;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.ByteInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The row loop shared by the row formats. A format reads its prefix (header rows, an opening bracket) once, then
 * one row per {@link #readRow()} call straight into the column builders.
 *
 * <p>Restartable at row boundaries: the row's first byte is marked in the {@link Source}; when the bytes fed so far
 * end inside the row ({@link NeedMoreInput}), the builders are truncated to the complete rows, the source goes back
 * to the mark and {@link #next()} returns null. The next attempt waits until the pending bytes have doubled (or the
 * body is complete), so a large row arriving in small pieces is parsed a logarithmic number of times, not once per
 * piece.
 */
abstract class RowInputFormat implements InputFormat {
    final String name;
    final List<String> names;
    final List<DataType> types;
    final InputSettings settings;
    final TypeInfo[] infos;
    final ColumnBuilder[] builders;
    final Source src;

    /** The target column being read, for error messages; -1 when between columns. */
    int column = -1;

    private int blockRows;
    private long rowsBefore;
    private boolean prefixDone;
    private boolean endOfData;
    private boolean finished;
    private boolean lastFed;
    private int retryAt;
    private ProxistException failure;

    RowInputFormat(String name, List<String> names, List<DataType> types, InputSettings settings) {
        this.name = name;
        this.names = List.copyOf(names);
        List<DataType> plain = new ArrayList<>(types.size());
        for (DataType t : types) plain.add(Columns.plainType(t));
        this.types = List.copyOf(plain);
        this.settings = settings;
        this.infos = new TypeInfo[types.size()];
        this.builders = new ColumnBuilder[types.size()];
        for (int i = 0; i < infos.length; i++) {
            infos[i] = TypeInfo.of(plain.get(i), settings);
            builders[i] = ColumnBuilder.forType(plain.get(i));
        }
        this.src = Source.streaming(settings.maxRowBytes());
    }

    /** Reads what precedes the rows (headers); called once, may run out of input like a row. */
    abstract void readPrefix();

    /** Reads one row into the builders; false at the end of the data (after checking what may follow it). */
    abstract boolean readRow();

    /** Rows committed before the current one (all blocks). */
    final long rowsSoFar() {
        return rowsBefore + blockRows;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> columnNames() {
        return names;
    }

    @Override
    public final List<DataType> columnTypes() {
        return types;
    }

    @Override
    public final void feed(ByteInput input, boolean last) {
        checkFeed();
        src.feed(input, last);
        lastFed = last;
    }

    @Override
    public final void feed(ByteBuf input, boolean last) {
        checkFeed();
        src.feed(input, last);
        lastFed = last;
    }

    private void checkFeed() {
        if (lastFed) throw new IllegalStateException("the last piece of the body was already fed");
    }

    @Override
    public final boolean finished() {
        return finished;
    }

    @Override
    public final long rowsRead() {
        return rowsBefore;
    }

    @Override
    public final Block next() {
        if (failure != null) throw failure;
        if (finished) return null;
        try {
            if (retryAt > 0 && !lastFed && !src.fillPending(retryAt)) return null;
            retryAt = 0;
            if (!prefixDone) {
                src.startUnit();
                readPrefix();
                prefixDone = true;
                src.commit();
            }
            while (!endOfData && !blockFull()) {
                src.startUnit();
                column = -1;
                if (!readRow()) {
                    endOfData = true;
                    break;
                }
                if (src.pos == src.mark()) {
                    // a row made of no input (say, a header of zero columns) would repeat forever
                    throw new ProxistException(
                            ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                            "a row consumed no input: the data has no columns to read");
                }
                blockRows++;
                src.commit();
            }
        } catch (NeedMoreInput e) {
            for (ColumnBuilder b : builders) b.truncate(blockRows);
            int pending = src.pending();
            src.rollback();
            retryAt = Math.max(pending + 1, (int) Math.min(2L * pending, settings.maxRowBytes() + 1L));
            return null;
        } catch (ProxistException e) {
            failure = prefixDone ? withRow(e) : e;
            throw failure;
        }
        if (blockRows > 0) return emit();
        finished = true;
        return null;
    }

    private boolean blockFull() {
        if (blockRows >= settings.maxBlockRows()) return true;
        if (blockRows == 0 || (blockRows & 63) != 0) return false;
        long bytes = 0;
        for (ColumnBuilder b : builders) bytes += b.byteSize();
        return bytes >= settings.maxBlockBytes();
    }

    private Block emit() {
        List<Column> cols = new ArrayList<>(builders.length);
        for (ColumnBuilder b : builders) cols.add(b.build());
        Block block = new Block(names, cols, blockRows);
        rowsBefore += blockRows;
        blockRows = 0;
        return block;
    }

    private ProxistException withRow(ProxistException e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? "" : e.getMessage());
        sb.append(" [format=").append(name).append(", row=").append(rowsSoFar() + 1);
        if (column >= 0)
            sb.append(", column=").append(names.get(column)).append(", type=").append(types.get(column));
        sb.append(']');
        return new ProxistException(e.code(), sb.toString(), e);
    }

    /** Appends the default to every column the input does not carry. */
    final void fillMissing(ColumnMapping mapping) {
        for (int c : mapping.missing) builders[c].appendDefault();
    }

    /** Skips a UTF-8 byte order mark at the start of the data. */
    final void skipBom() {
        while (src.limit - src.pos < 3) {
            if (!src.more()) break;
        }
        if (src.limit - src.pos >= 3
                && (src.buf[src.pos] & 0xFF) == 0xEF
                && (src.buf[src.pos + 1] & 0xFF) == 0xBB
                && (src.buf[src.pos + 2] & 0xFF) == 0xBF) {
            src.pos += 3;
        }
    }

    /** Checks a -WithNamesAndTypes types row against the target columns (input_format_with_types_use_header). */
    final void checkTypes(List<String> header, ColumnMapping mapping) {
        if (!settings.withTypesUseHeader()) return;
        if (header.size() != mapping.fields()) {
            throw new ProxistException(
                    ErrorCode.INCORRECT_NUMBER_OF_COLUMNS,
                    "The number of data types differs from the number of column names in input data [names="
                            + mapping.fields() + ", types=" + header.size() + "]");
        }
        for (int f = 0; f < header.size(); f++) {
            int c = mapping.fieldToColumn[f];
            if (c < 0) continue;
            DataType given;
            try {
                given = Columns.plainType(DataType.parse(header.get(f)));
            } catch (RuntimeException e) {
                throw typeMismatch(c, header.get(f));
            }
            if (!given.toString().equals(types.get(c).toString())) throw typeMismatch(c, header.get(f));
        }
    }

    final ProxistException typeMismatch(int c, String given) {
        return new ProxistException(
                ErrorCode.INCORRECT_DATA, "Type of '" + names.get(c) + "' must be " + types.get(c) + ", not " + given);
    }

    final ProxistException fewerColumns(String delimiter) {
        ProxistException e = src.expected(delimiter);
        return new ProxistException(
                e.code(), e.getMessage() + ": the row has fewer columns than the " + expectedFields() + " expected");
    }

    final ProxistException moreColumns(String end) {
        ProxistException e = src.expected(end);
        return new ProxistException(
                e.code(), e.getMessage() + ": the row has more columns than the " + expectedFields() + " expected");
    }

    int expectedFields() {
        return names.size();
    }
}
