package io.proxist.core.block;

import io.proxist.core.type.DataType;

/**
 * A column vector: values of one type held in primitive arrays, {@link #size()} rows. Immutable once built
 * (builders fill the arrays, then hand them over). Implementations are chosen by physical representation,
 * not by SQL type: see {@link ColumnKind}.
 */
public sealed interface Column
        permits LongColumn, DoubleColumn, BytesColumn, FixedBytesColumn, NullableColumn, ArrayColumn, TupleColumn {

    DataType type();

    int size();
}
