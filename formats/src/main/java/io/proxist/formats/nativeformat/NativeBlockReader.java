package io.proxist.formats.nativeformat;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.ColumnKind;
import io.proxist.core.block.Columns;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.block.TypeCheck;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.formats.io.ByteInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads blocks in ClickHouse's Native format (src/Formats/NativeReader.cpp): [BlockInfo], column count, row
 * count, then per column its name, type, [custom-serialization flag] and, when rows > 0, its data. LowCardinality
 * columns are materialised to their inner type. Every length is checked against {@link NativeLimits}.
 *
 * @see NativeRevision for which fields a revision carries
 */
public final class NativeBlockReader {
    private final ByteInput in;
    private final int revision;
    private final NativeLimits limits;

    public NativeBlockReader(ByteInput in, int revision, NativeLimits limits) {
        this.in = in;
        this.revision = revision;
        this.limits = limits;
    }

    /** The next block, or null at a clean end of input (between blocks). */
    public Block next() {
        if (in.atEnd()) {
            return null;
        }
        if (NativeRevision.hasBlockInfo(revision)) {
            readBlockInfo();
        }
        int cols = NativeLimits.check("block columns", in.readVarUInt(), limits.maxColumns());
        int rows = NativeLimits.check("block rows", in.readVarUInt(), limits.maxRows());
        List<String> names = new ArrayList<>(cols);
        List<Column> columns = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            String name = readString("column name", limits.maxNameBytes());
            String typeName = readString("column type", limits.maxNameBytes());
            DataType type = TypeCheck.check(DataType.parse(typeName));
            if (NativeRevision.hasCustomSerialization(revision)) {
                int custom = in.readUnsignedByte();
                if (custom != 0) {
                    throw new ProxistException(
                            ErrorCode.NOT_IMPLEMENTED,
                            "custom (sparse) serialization is not supported [column=" + name + "]");
                }
            }
            names.add(name);
            if (rows > 0) {
                readPrefix(type);
            }
            columns.add(readColumn(type, rows));
        }
        return new Block(names, columns, rows);
    }

    private void readBlockInfo() {
        while (true) {
            int field = (int) in.readVarUInt();
            switch (field) {
                case 0 -> {
                    return;
                }
                case 1 -> in.readUnsignedByte(); // is_overflows
                case 2 -> in.readIntLE(); // bucket_num
                default ->
                    throw new ProxistException(
                            ErrorCode.UNKNOWN_PACKET_FROM_CLIENT, "unknown BlockInfo field [field=" + field + "]");
            }
        }
    }

    /** The per-column state prefix: only LowCardinality has one (its key-serialisation version). */
    private void readPrefix(DataType type) {
        switch (ColumnKind.of(type)) {
            case LOW_CARDINALITY -> {
                long version = in.readLongLE();
                if (version != 1) {
                    throw new ProxistException(
                            ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                            "unknown LowCardinality key serialization version [version=" + version + "]");
                }
            }
            case NULLABLE, ARRAY -> readPrefix(type.inner());
            case MAP, TUPLE -> type.innerTypes().forEach(this::readPrefix);
            default -> {}
        }
    }

    Column readColumn(DataType wireType, int rows) {
        DataType type = Columns.plainType(wireType);
        return switch (ColumnKind.of(wireType)) {
            case INT -> readInts(type, rows);
            case FLOAT -> readFloats(type, rows);
            case STRING -> readStrings(type, rows);
            case FIXED -> {
                int width = ColumnKind.width(type);
                NativeLimits.check("fixed-width column bytes", (long) width * rows, limits.maxStringBytes());
                byte[] data = new byte[width * rows];
                in.readFully(data, 0, data.length);
                yield new FixedBytesColumn(type, width, data, rows);
            }
            case NULLABLE -> {
                byte[] nulls = new byte[rows];
                in.readFully(nulls, 0, rows);
                yield new NullableColumn(type, nulls, readColumn(wireType.inner(), rows));
            }
            case ARRAY, MAP -> {
                long[] offsets = new long[rows];
                long prev = 0;
                for (int i = 0; i < rows; i++) {
                    long o = in.readLongLE();
                    if (o < prev) {
                        throw new ProxistException(
                                ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                                "array offsets decrease [row=" + i + "]");
                    }
                    offsets[i] = o;
                    prev = o;
                }
                int n = NativeLimits.check("array elements", prev, limits.maxElements());
                DataType elementType = ColumnKind.of(wireType) == ColumnKind.MAP
                        ? DataType.parse("Tuple(" + wireType.innerTypes().get(0) + ", "
                                + wireType.innerTypes().get(1) + ")")
                        : wireType.inner();
                yield new ArrayColumn(type, offsets, readColumn(elementType, n), rows);
            }
            case TUPLE -> {
                List<Column> elements = new ArrayList<>();
                for (DataType t : wireType.innerTypes()) elements.add(readColumn(t, rows));
                yield new TupleColumn(type, elements, rows);
            }
            case LOW_CARDINALITY -> readLowCardinality(wireType, rows);
        };
    }

    private LongColumn readInts(DataType type, int rows) {
        int width = ColumnKind.width(type);
        boolean unsigned = ColumnKind.unsigned(type);
        long[] v = new long[rows];
        switch (width) {
            case 1 -> {
                for (int i = 0; i < rows; i++) {
                    int b = in.readUnsignedByte();
                    v[i] = unsigned ? b : (byte) b;
                }
            }
            case 2 -> {
                for (int i = 0; i < rows; i++) {
                    short s = in.readShortLE();
                    v[i] = unsigned ? (s & 0xFFFF) : s;
                }
            }
            case 4 -> {
                for (int i = 0; i < rows; i++) {
                    int x = in.readIntLE();
                    v[i] = unsigned ? (x & 0xFFFFFFFFL) : x;
                }
            }
            default -> {
                for (int i = 0; i < rows; i++) v[i] = in.readLongLE();
            }
        }
        return new LongColumn(type, v, rows);
    }

    private DoubleColumn readFloats(DataType type, int rows) {
        double[] v = new double[rows];
        if (type.is("Float32")) {
            for (int i = 0; i < rows; i++) v[i] = Float.intBitsToFloat(in.readIntLE());
        } else {
            for (int i = 0; i < rows; i++) v[i] = Double.longBitsToDouble(in.readLongLE());
        }
        return new DoubleColumn(type, v, rows);
    }

    private BytesColumn readStrings(DataType type, int rows) {
        int[] offsets = new int[rows + 1];
        byte[] data = new byte[Math.min(rows * 16, 1 << 20)];
        int used = 0;
        for (int i = 0; i < rows; i++) {
            int len = NativeLimits.check("string length", in.readVarUInt(), limits.maxStringBytes());
            if (used + len > data.length) {
                long want = Math.max((long) data.length * 2, (long) used + len);
                NativeLimits.check("string column bytes", want, limits.maxStringBytes());
                data = java.util.Arrays.copyOf(data, (int) want);
            }
            in.readFully(data, used, len);
            used += len;
            offsets[i + 1] = used;
        }
        return new BytesColumn(type, data, offsets, rows);
    }

    private String readString(String what, long max) {
        int len = NativeLimits.check(what, in.readVarUInt(), max);
        byte[] b = new byte[len];
        in.readFully(b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** SerializationLowCardinality: index type flags, the block's dictionary, the row count, the indexes. */
    private Column readLowCardinality(DataType type, int rows) {
        DataType inner = type.inner();
        boolean nullable = inner.is("Nullable");
        DataType dictType = nullable ? inner.inner() : inner;
        if (rows == 0) {
            return readColumn(inner, 0);
        }
        long flags = in.readLongLE();
        int keyWidth = 1 << (int) (flags & 0xFF);
        if ((flags & 0xFF) > 3 || (flags & (1L << 8)) != 0) {
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    "unsupported LowCardinality index flags [flags=" + Long.toHexString(flags) + "]");
        }
        Column dict;
        int dictSize = 0;
        if ((flags & (1L << 9)) != 0) {
            dictSize = NativeLimits.check("LowCardinality dictionary size", in.readLongLE(), limits.maxRows());
            dict = readColumn(dictType, dictSize);
        } else {
            dict = readColumn(dictType, 0);
        }
        long n = in.readLongLE();
        if (n != rows) {
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                    "LowCardinality row count differs from the block's [rows=" + n + ", expected=" + rows + "]");
        }
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            long k =
                    switch (keyWidth) {
                        case 1 -> in.readUnsignedByte();
                        case 2 -> in.readShortLE() & 0xFFFF;
                        case 4 -> in.readIntLE() & 0xFFFFFFFFL;
                        default -> in.readLongLE();
                    };
            if (k < 0 || k >= dictSize) {
                throw new ProxistException(
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "LowCardinality index out of range [index=" + k + ", dictionary=" + dictSize + "]");
            }
            idx[i] = (int) k;
        }
        Column values = Columns.gather(dict, idx);
        if (!nullable) {
            return values;
        }
        byte[] nulls = new byte[rows];
        for (int i = 0; i < rows; i++) nulls[i] = (byte) (idx[i] == 0 ? 1 : 0);
        return new NullableColumn(inner, nulls, values);
    }
}
