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
import io.proxist.formats.io.EndOfInputException;
import io.proxist.formats.nativeformat.NativeBlockReader;
import io.proxist.formats.nativeformat.NativeLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Native as an INSERT format: blocks as {@link NativeBlockReader} reads them (revision 0, no BlockInfo), their
 * columns matched to the target by name. A column's type must equal the target's (LowCardinality aside); target
 * columns the block lacks get defaults; block columns the target lacks are skipped with
 * input_format_skip_unknown_fields, an error otherwise. Blocks over {@link InputSettings#maxBlockRows()} are split.
 *
 * <p>Restartable at block boundaries, like the row formats at rows: a whole Native block (at most {@link
 * InputSettings#maxRowBytes()} bytes) is held until it is complete.
 */
final class NativeInput implements InputFormat {
    private final String name;
    private final List<String> names;
    private final List<DataType> types;
    private final InputSettings settings;
    private final Map<String, Integer> byName = new HashMap<>();
    private final ColumnBuilder[] builders;
    private final Source src;
    private final NativeBlockReader reader;

    private Block current;
    private int[] sourceOf;
    private int offset;
    private long rows;
    private long blocks;
    private boolean finished;
    private boolean lastFed;
    private int retryAt;
    private ProxistException failure;

    NativeInput(String name, List<String> names, List<DataType> types, InputSettings settings) {
        this.name = name;
        this.names = List.copyOf(names);
        List<DataType> plain = new ArrayList<>();
        for (DataType t : types) plain.add(Columns.plainType(t));
        this.types = List.copyOf(plain);
        this.settings = settings;
        this.builders = new ColumnBuilder[plain.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = ColumnBuilder.forType(plain.get(i));
            byName.putIfAbsent(names.get(i), i);
        }
        this.src = Source.streaming(settings.maxRowBytes());
        long maxRows = Math.max(settings.maxBlockRows(), 1L << 22);
        NativeLimits limits =
                new NativeLimits(10_000, maxRows, settings.maxStringBytes(), settings.maxArrayElements(), 1 << 16);
        this.reader = new NativeBlockReader(new SourceInput(src), 0, limits);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> columnNames() {
        return names;
    }

    @Override
    public List<DataType> columnTypes() {
        return types;
    }

    @Override
    public void feed(ByteInput input, boolean last) {
        if (lastFed) throw new IllegalStateException("the last piece of the body was already fed");
        src.feed(input, last);
        lastFed = last;
    }

    @Override
    public void feed(ByteBuf input, boolean last) {
        if (lastFed) throw new IllegalStateException("the last piece of the body was already fed");
        src.feed(input, last);
        lastFed = last;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public long rowsRead() {
        return rows;
    }

    @Override
    public Block next() {
        if (failure != null) throw failure;
        if (finished) return null;
        try {
            while (current == null) {
                if (retryAt > 0 && !lastFed && !src.fillPending(retryAt)) return null;
                retryAt = 0;
                src.startUnit();
                Block b;
                try {
                    b = reader.next();
                } catch (NeedMoreInput e) {
                    int pending = src.pending();
                    src.rollback();
                    retryAt = Math.max(pending + 1, (int) Math.min(2L * pending, settings.maxRowBytes() + 1L));
                    return null;
                } catch (ProxistException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // a malformed type name the type checks let through (e.g. Decimal(x, 4)) must still be a
                    // clean refusal of the input
                    throw new ProxistException(
                            ErrorCode.UNKNOWN_TYPE, "malformed column type in a Native block: " + e.getMessage(), e);
                }
                if (b == null) {
                    finished = true;
                    return null;
                }
                src.commit();
                if (b.rows() > 0 || b.columnCount() > 0) match(b);
                blocks++;
            }
            return slice();
        } catch (ProxistException e) {
            String msg = e.getMessage() + " [format=" + name + ", block=" + (blocks + 1) + "]";
            failure = new ProxistException(e.code(), msg, e);
            throw failure;
        }
    }

    /** Maps the block's columns to the target columns; keeps the block for slicing when it has rows. */
    private void match(Block b) {
        if (b.columnCount() == 0) {
            // nothing in the input backs these rows: refuse rather than make rows of defaults out of a few bytes
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    "a Native block has " + b.rows() + " rows and no columns");
        }
        int[] from = new int[builders.length];
        java.util.Arrays.fill(from, -1);
        for (int i = 0; i < b.columnCount(); i++) {
            Integer c = byName.get(b.name(i));
            if (c == null) {
                if (settings.skipUnknownFields()) continue;
                throw new ProxistException(
                        ErrorCode.INCORRECT_DATA,
                        "Unknown column '" + b.name(i) + "' in a Native block (set input_format_skip_unknown_fields"
                                + " to skip it)");
            }
            if (from[c] >= 0) {
                throw new ProxistException(
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "Duplicate column '" + b.name(i) + "' in a Native block");
            }
            DataType given = b.column(i).type();
            if (!withoutZone(given).equals(withoutZone(types.get(c)))) {
                throw new ProxistException(
                        ErrorCode.TYPE_MISMATCH,
                        "Type of '" + names.get(c) + "' must be " + types.get(c) + ", not " + given);
            }
            from[c] = i;
        }
        if (b.rows() > 0) {
            current = b;
            sourceOf = from;
            offset = 0;
        }
    }

    /**
     * The type's spelling without a DateTime / DateTime64 time zone: the zone changes how values are shown, not what
     * they hold, and a Native writer at revision 0 (ClickHouse 18.16) leaves it out.
     */
    static String withoutZone(DataType t) {
        return t.rewrite(x -> {
                    if (x.is("DateTime") && !x.args().isEmpty()) return DataType.of("DateTime");
                    if (x.is("DateTime64") && x.args().size() == 2) {
                        return new DataType("DateTime64", x.args().subList(0, 1));
                    }
                    return x;
                })
                .toString();
    }

    private Block slice() {
        int n = Math.min(settings.maxBlockRows(), current.rows() - offset);
        List<Column> cols = new ArrayList<>(builders.length);
        for (int c = 0; c < builders.length; c++) {
            int i = sourceOf[c];
            if (i >= 0) {
                builders[c].appendFrom(current.column(i), offset, offset + n);
            } else {
                for (int r = 0; r < n; r++) builders[c].appendDefault();
            }
            cols.add(builders[c].build());
        }
        offset += n;
        if (offset == current.rows()) current = null;
        rows += n;
        return new Block(names, cols, n);
    }

    /** The decoder's buffer as the reader's input: end of the bytes fed so far is {@link NeedMoreInput}. */
    private static final class SourceInput implements ByteInput {
        private final Source src;

        SourceInput(Source src) {
            this.src = src;
        }

        @Override
        public boolean atEnd() {
            return src.atEnd();
        }

        @Override
        public int readUnsignedByte() {
            if (src.pos >= src.limit && !src.more()) throw new EndOfInputException("[need=1, have=0]");
            return src.buf[src.pos++] & 0xFF;
        }

        private void need(int n) {
            while (src.limit - src.pos < n) {
                if (!src.more()) {
                    throw new EndOfInputException("[need=" + n + ", have=" + (src.limit - src.pos) + "]");
                }
            }
        }

        @Override
        public short readShortLE() {
            need(2);
            return (short) src.readLongLE(2);
        }

        @Override
        public int readIntLE() {
            need(4);
            return (int) src.readLongLE(4);
        }

        @Override
        public long readLongLE() {
            need(8);
            return src.readLongLE(8);
        }

        @Override
        public void readFully(byte[] dst, int off, int len) {
            while (src.limit - src.pos < len) {
                if (!src.more()) {
                    throw new EndOfInputException("[need=" + len + ", have=" + (src.limit - src.pos) + "]");
                }
            }
            System.arraycopy(src.buf, src.pos, dst, off, len);
            src.pos += len;
        }
    }
}
