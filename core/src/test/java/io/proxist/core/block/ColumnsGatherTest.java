package io.proxist.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.NullableColumnBuilder;
import io.proxist.core.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gathering rows of nested columns: Array(Nullable(String)), and a Tuple around it. */
class ColumnsGatherTest {
    /** Row i holds i elements: "r<i>e<j>", every third element NULL. */
    static ArrayColumn arrays(int rows) {
        ArrayColumnBuilder a = (ArrayColumnBuilder) ColumnBuilder.forType(DataType.parse("Array(Nullable(String))"));
        NullableColumnBuilder n = (NullableColumnBuilder) a.elements();
        BytesColumnBuilder s = (BytesColumnBuilder) n.inner();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < i; j++) {
                if (j % 3 == 2) {
                    n.appendNull();
                } else {
                    n.appendNotNull();
                    s.appendString("r" + i + "e" + j);
                }
            }
            a.endArray();
        }
        return a.build();
    }

    static List<String> row(ArrayColumn a, int r) {
        NullableColumn n = (NullableColumn) a.elements();
        BytesColumn s = (BytesColumn) n.inner();
        List<String> out = new ArrayList<>();
        for (int e = a.start(r); e < a.end(r); e++) out.add(n.isNull(e) ? null : s.getString(e));
        return out;
    }

    @Test
    void nestedColumnsKeepEachRowWhole() {
        ArrayColumn a = arrays(6);
        int[] idx = {5, 0, 3, 3, 1};
        ArrayColumn g = (ArrayColumn) Columns.gather(a, idx);
        assertEquals(idx.length, g.size());
        for (int i = 0; i < idx.length; i++) assertEquals(row(a, idx[i]), row(g, i), "row " + i);
        assertEquals(Arrays.asList("r5e0", "r5e1", null, "r5e3", "r5e4"), row(g, 0));

        TupleColumn t = new TupleColumn(
                DataType.parse("Tuple(Array(Nullable(String)), Array(Nullable(String)))"), List.of(a, a), 6);
        TupleColumn gt = (TupleColumn) Columns.gather(t, idx);
        for (int i = 0; i < idx.length; i++) {
            assertEquals(row(a, idx[i]), row((ArrayColumn) gt.elements().get(1), i));
        }
    }
}
