package io.proxist.formats.input;

import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.block.build.TupleColumnBuilder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;

/**
 * Values in RowBinary form: fixed-width little-endian numbers, VarUInt-prefixed strings, a null flag byte before a
 * Nullable value, a VarUInt element count before an Array or Map, tuple elements in order.
 */
final class Binary {
    private final InputSettings settings;

    Binary(InputSettings settings) {
        this.settings = settings;
    }

    void read(Source src, TypeInfo t, ColumnBuilder out) {
        switch (t.kind) {
            case SCALAR -> t.scalar.readBinary(src, out);
            case NULLABLE -> {
                NullableColumnBuilder nb = (NullableColumnBuilder) out;
                if (nullFlag(src)) {
                    nb.appendNull();
                } else {
                    nb.appendNotNull();
                    read(src, t.inner, nb.inner());
                }
            }
            case ARRAY -> {
                ArrayColumnBuilder ab = (ArrayColumnBuilder) out;
                long n = count(src);
                for (long i = 0; i < n; i++) read(src, t.inner, ab.elements());
                ab.endArray();
            }
            case MAP -> {
                ArrayColumnBuilder ab = (ArrayColumnBuilder) out;
                TupleColumnBuilder entries = (TupleColumnBuilder) ab.elements();
                long n = count(src);
                for (long i = 0; i < n; i++) {
                    read(src, t.elements[0], entries.element(0));
                    read(src, t.elements[1], entries.element(1));
                    entries.endTuple();
                }
                ab.endArray();
            }
            case TUPLE -> {
                TupleColumnBuilder tb = (TupleColumnBuilder) out;
                for (int i = 0; i < t.elements.length; i++) read(src, t.elements[i], tb.element(i));
                tb.endTuple();
            }
        }
    }

    void skip(Source src, TypeInfo t) {
        switch (t.kind) {
            case SCALAR -> t.scalar.skipBinary(src);
            case NULLABLE -> {
                if (!nullFlag(src)) skip(src, t.inner);
            }
            case ARRAY -> {
                long n = count(src);
                for (long i = 0; i < n; i++) skip(src, t.inner);
            }
            case MAP -> {
                long n = count(src);
                for (long i = 0; i < n; i++) {
                    skip(src, t.elements[0]);
                    skip(src, t.elements[1]);
                }
            }
            case TUPLE -> {
                for (TypeInfo e : t.elements) skip(src, e);
            }
        }
    }

    private static boolean nullFlag(Source src) {
        int flag = src.readByteStrict();
        if (flag > 1) {
            throw new ProxistException(
                    ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, "null flag must be 0 or 1, got " + flag);
        }
        return flag == 1;
    }

    private long count(Source src) {
        long n = src.readVarUInt();
        if (n < 0 || n > settings.maxArrayElements()) {
            throw new ProxistException(
                    ErrorCode.TOO_LARGE_ARRAY_SIZE,
                    "array size " + Long.toUnsignedString(n) + " is over the limit of " + settings.maxArrayElements());
        }
        return n;
    }
}
