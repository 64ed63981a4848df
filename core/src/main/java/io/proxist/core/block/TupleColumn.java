package io.proxist.core.block;

import io.proxist.core.type.DataType;
import java.util.List;

/** Tuple(T1, ..., Tn): one column per element, all of the same size. */
public record TupleColumn(DataType type, List<Column> elements, int size) implements Column {
    public TupleColumn {
        elements = List.copyOf(elements);
    }
}
