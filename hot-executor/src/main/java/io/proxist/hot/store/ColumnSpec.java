package io.proxist.hot.store;

import io.proxist.core.block.Columns;
import io.proxist.core.dict.SymbolDictionary;
import io.proxist.core.type.DataType;
import io.proxist.hot.dict.InternCache;

/**
 * One column of a hot table: its name, declared type, how it is held ({@link VecKind}) and, for dictionary-encoded
 * columns, its dictionary. The {@link InternCache} belongs to the table's writer.
 */
public final class ColumnSpec {
    private final String name;
    private final DataType type;
    private final DataType plainType;
    private final VecKind kind;
    private final int index;
    private final SymbolDictionary dictionary;
    private final InternCache cache;

    ColumnSpec(String name, DataType type, VecKind kind, int index, SymbolDictionary dictionary) {
        this.name = name;
        this.type = type;
        this.plainType = Columns.plainType(type);
        this.kind = kind;
        this.index = index;
        this.dictionary = dictionary;
        this.cache = dictionary == null ? null : new InternCache(dictionary);
    }

    public String name() {
        return name;
    }

    /** The declared type, as in the DDL. */
    public DataType type() {
        return type;
    }

    /** The type values are exchanged as in blocks: LowCardinality removed. */
    public DataType plainType() {
        return plainType;
    }

    public VecKind kind() {
        return kind;
    }

    /** Position in the table's columns. */
    public int index() {
        return index;
    }

    /** The dictionary of a SERIES or DICT column, else null. */
    public SymbolDictionary dictionary() {
        return dictionary;
    }

    InternCache cache() {
        return cache;
    }

    /** A vector for {@code capacity} rows and {@code units} variable-length bytes or elements (-1: guess). */
    ColumnVec newVec(int capacity, long units) {
        return switch (kind) {
            case SERIES -> null;
            case LONG -> new LongVec(capacity);
            case DOUBLE -> new DoubleVec(capacity);
            case DICT -> new DictVec(capacity, cache);
            case STRING -> new StringVec(capacity, units);
            case LONG_ARRAY -> new LongArrayVec(capacity, units);
            case DOUBLE_ARRAY -> new DoubleArrayVec(capacity, units);
        };
    }

    @Override
    public String toString() {
        return name + " " + type + " as " + kind;
    }
}
