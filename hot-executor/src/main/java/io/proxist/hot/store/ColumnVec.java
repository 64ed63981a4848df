package io.proxist.hot.store;

import io.proxist.core.block.Column;
import io.proxist.core.block.build.ColumnBuilder;

/**
 * The values of one column in one {@link Chunk}: primitive arrays allocated for the chunk's capacity. Rows are
 * written once, in order, by the table's writer, at positions no published snapshot covers yet; a row a reader can
 * see is never written again. Variable-length data (string bytes, array elements) lives in an array that may be
 * replaced by a larger copy: that array is held in a volatile field, so a reader always sees a copy holding at
 * least the rows its snapshot covers.
 *
 * <p>Readers use the public accessors of the subclasses; the package-private methods are the writer's.
 */
public abstract sealed class ColumnVec permits LongVec, DoubleVec, DictVec, StringVec, LongArrayVec, DoubleArrayVec {
    static final int ARRAY_HEADER = 16;
    static final int OBJECT_HEADER = 16;
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    ColumnVec() {}

    /** Rows this vector has room for. */
    public abstract int capacity();

    /** Writes rows {@code idx[from, to)} of a block column at rows {@code at, at + 1, ...}. */
    abstract void appendBlockRows(Column src, int[] idx, int from, int to, int at);

    /** Writes rows {@code [from, to)} of {@code src}, a vector of the same kind, at rows {@code at, ...}. */
    abstract void appendVecRows(ColumnVec src, int from, int to, int at);

    /** Writes {@code n} default values (0, empty) at rows {@code at, ...}: the column was missing from the block. */
    abstract void appendDefaults(int at, int n);

    /** Releases spare variable-length capacity beyond the first {@code rows} rows. */
    void trim(int rows) {}

    /** Variable-length units (bytes, elements) the first {@code rows} rows use; 0 for fixed-width vectors. */
    long varUnits(int rows) {
        return 0;
    }

    /** Bytes held, estimated from array lengths. */
    abstract long bytes();

    /** Appends rows {@code [from, to)} to a builder of this column's plain type. */
    abstract void materialize(ColumnBuilder out, int from, int to);

    static long arrayBytes(long length, int width) {
        return ARRAY_HEADER + length * width;
    }

    static int grow(int current, long needed) {
        if (needed > MAX_ARRAY) {
            throw new io.proxist.core.error.ProxistException(
                    io.proxist.core.error.ErrorCode.MEMORY_LIMIT_EXCEEDED,
                    "chunk column larger than the largest array [needed=" + needed + "]");
        }
        return (int) Math.min(MAX_ARRAY, Math.max(needed, Math.max(16L, 2L * current)));
    }
}
