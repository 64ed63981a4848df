package io.proxist.core.block.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.ArrayColumn;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.DoubleColumn;
import io.proxist.core.block.FixedBytesColumn;
import io.proxist.core.block.LongColumn;
import io.proxist.core.block.NullableColumn;
import io.proxist.core.block.TupleColumn;
import io.proxist.core.type.DataType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ColumnBuilderTest {
    static ColumnBuilder of(String type) {
        return ColumnBuilder.forType(DataType.parse(type));
    }

    @Test
    void theFactoryPicksTheBuilderOfThePhysicalKind() {
        assertInstanceOf(LongColumnBuilder.class, of("UInt64"));
        assertInstanceOf(LongColumnBuilder.class, of("DateTime64(3, 'UTC')"));
        assertInstanceOf(LongColumnBuilder.class, of("Decimal(18, 2)"));
        assertInstanceOf(FixedBytesColumnBuilder.class, of("Decimal(19, 2)"));
        assertInstanceOf(DoubleColumnBuilder.class, of("Float32"));
        assertInstanceOf(BytesColumnBuilder.class, of("LowCardinality(String)"));
        assertEquals("String", of("LowCardinality(String)").type().toString());
        assertEquals(16, ((FixedBytesColumnBuilder) of("UUID")).width());
        assertInstanceOf(NullableColumnBuilder.class, of("Nullable(Int8)"));
        ArrayColumnBuilder map = assertInstanceOf(ArrayColumnBuilder.class, of("Map(String, UInt8)"));
        assertEquals("Tuple(String, UInt8)", map.elements().type().toString());
        assertInstanceOf(TupleColumnBuilder.class, of("Tuple(a Int8, b String)"));
    }

    @Test
    void longsGrowAndBuildExactly() {
        LongColumnBuilder b = (LongColumnBuilder) of("Int64");
        for (int i = 0; i < 10_000; i++) b.appendLong(i * 3L);
        b.appendDefault();
        LongColumn c = b.build();
        assertEquals(10_001, c.size());
        assertEquals(10_001, c.values().length);
        assertEquals(29_997, c.get(9_999));
        assertEquals(0, c.get(10_000));
        assertEquals(0, b.size(), "build leaves the builder empty");
        b.appendLong(7);
        assertEquals(7, b.build().get(0));
        assertEquals(10_001, c.size(), "a built column is not touched by later appends");
        assertEquals(29_997, c.get(9_999));
    }

    @Test
    void doublesKeepTheirBits() {
        DoubleColumnBuilder b = (DoubleColumnBuilder) of("Float64");
        b.appendDouble(-0.0);
        b.appendDouble(Double.NaN);
        b.appendDouble(1.5);
        b.truncate(2);
        DoubleColumn c = b.build();
        assertEquals(2, c.size());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.get(0)));
        assertTrue(Double.isNaN(c.get(1)));
    }

    @Test
    void bytesInWholeOrInParts() {
        BytesColumnBuilder b = (BytesColumnBuilder) of("String");
        b.appendString("héllo");
        b.appendPart("ab".getBytes(StandardCharsets.UTF_8), 0, 2);
        b.appendPartByte('c');
        assertEquals(3, b.partLength());
        b.endValue();
        b.appendDefault();
        b.appendPart("unfinished".getBytes(StandardCharsets.UTF_8), 0, 10);
        b.truncate(3);
        byte[] big = new byte[100_000];
        big[99_999] = 'z';
        b.appendBytes(big, 0, big.length);
        BytesColumn c = b.build();
        assertEquals(4, c.size());
        assertEquals("héllo", c.getString(0));
        assertEquals("abc", c.getString(1));
        assertEquals("", c.getString(2));
        assertEquals(100_000, c.length(3));
        assertEquals(5, c.offsets().length);
        assertEquals(c.offsets()[4], c.data().length);
    }

    @Test
    void fixedBytesArePadded() {
        FixedBytesColumnBuilder b = (FixedBytesColumnBuilder) of("FixedString(4)");
        b.appendBytes("ab".getBytes(StandardCharsets.UTF_8), 0, 2);
        b.appendDefault();
        assertThrows(IllegalArgumentException.class, () -> b.appendBytes(new byte[5], 0, 5));
        FixedBytesColumn c = b.build();
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 0, 0}, c.data());
        FixedBytesColumnBuilder u = (FixedBytesColumnBuilder) of("UUID");
        u.appendLongPair(0x0123456789abcdefL, 1L);
        assertArrayEquals(
                new byte[] {
                    (byte) 0xef, (byte) 0xcd, (byte) 0xab, (byte) 0x89, 0x67, 0x45, 0x23, 0x01, 1, 0, 0, 0, 0, 0, 0, 0
                },
                u.build().data());
    }

    @Test
    void aHalfWrittenNestedRowIsRolledBack() {
        // Array(Nullable(String)) and Tuple(Int32, Array(UInt8)): one good row, then a row that fails halfway
        ArrayColumnBuilder arr = (ArrayColumnBuilder) of("Array(Nullable(String))");
        NullableColumnBuilder elems = (NullableColumnBuilder) arr.elements();
        elems.appendNull();
        elems.appendNotNull();
        ((BytesColumnBuilder) elems.inner()).appendString("x");
        arr.endArray();
        elems.appendNotNull();
        ((BytesColumnBuilder) elems.inner()).appendPart(new byte[] {1, 2}, 0, 2); // the row breaks here
        elems.appendNotNull();
        assertEquals(2, arr.openElements());
        arr.truncate(1);
        ArrayColumn a = arr.build();
        assertEquals(1, a.size());
        assertEquals(2, a.elements().size());
        NullableColumn n = (NullableColumn) a.elements();
        assertTrue(n.isNull(0));
        assertEquals("x", ((BytesColumn) n.inner()).getString(1));

        TupleColumnBuilder tup = (TupleColumnBuilder) of("Tuple(Int32, Array(UInt8))");
        ((LongColumnBuilder) tup.element(0)).appendLong(5);
        ArrayColumnBuilder inner = (ArrayColumnBuilder) tup.element(1);
        ((LongColumnBuilder) inner.elements()).appendLong(9);
        inner.endArray();
        tup.endTuple();
        ((LongColumnBuilder) tup.element(0)).appendLong(6); // the second row breaks before its array
        ((LongColumnBuilder) inner.elements()).appendLong(10);
        assertThrows(IllegalStateException.class, tup::endTuple);
        tup.truncate(1);
        TupleColumn t = tup.build();
        assertEquals(1, t.size());
        for (Column e : t.elements()) assertEquals(1, e.size());
        assertEquals(1, ((ArrayColumn) t.elements().get(1)).elements().size());
    }

    @Test
    void defaultsOfCompositeTypes() {
        ColumnBuilder b = of("Tuple(Nullable(Int8), Array(String), Map(String, UInt8))");
        b.appendDefault();
        TupleColumn t = (TupleColumn) b.build();
        assertTrue(((NullableColumn) t.elements().get(0)).isNull(0));
        assertEquals(0, ((ArrayColumn) t.elements().get(1)).end(0));
        assertEquals(0, ((ArrayColumn) t.elements().get(2)).end(0));
    }

    @Test
    void appendFromCopiesRowRanges() {
        ColumnBuilder src = of("Array(Nullable(String))");
        ArrayColumnBuilder a = (ArrayColumnBuilder) src;
        NullableColumnBuilder e = (NullableColumnBuilder) a.elements();
        for (int row = 0; row < 5; row++) {
            for (int i = 0; i < row; i++) {
                if (i % 2 == 0) e.appendNull();
                else {
                    e.appendNotNull();
                    ((BytesColumnBuilder) e.inner()).appendString("r" + row + "i" + i);
                }
            }
            a.endArray();
        }
        ArrayColumn full = (ArrayColumn) src.build();
        ColumnBuilder dst = of("Array(Nullable(String))");
        dst.appendFrom(full, 3, 5);
        dst.appendFrom(full, 1, 2);
        ArrayColumn part = (ArrayColumn) dst.build();
        assertEquals(3, part.size());
        assertEquals(3, part.end(0));
        assertEquals(7, part.end(1));
        assertEquals(8, part.end(2));
        NullableColumn pe = (NullableColumn) part.elements();
        assertEquals("r3i1", ((BytesColumn) pe.inner()).getString(1));
        assertEquals("r4i3", ((BytesColumn) pe.inner()).getString(6));
        assertTrue(pe.isNull(7));
        assertThrows(IllegalArgumentException.class, () -> dst.appendFrom(full, 4, 6));
        assertThrows(IllegalArgumentException.class, () -> of("Int8").appendFrom(full, 0, 1));
        ColumnBuilder fixed = of("FixedString(3)");
        BytesColumnBuilder strings = (BytesColumnBuilder) of("String");
        strings.appendString("ab");
        fixed.appendFrom(strings.build(), 0, 1);
        assertArrayEquals(new byte[] {'a', 'b', 0}, ((FixedBytesColumn) fixed.build()).data());
    }

    @Test
    void truncateChecksItsArgument() {
        ColumnBuilder b = of("Int8");
        assertThrows(IllegalArgumentException.class, () -> b.truncate(1));
        assertThrows(IllegalArgumentException.class, () -> b.truncate(-1));
        assertEquals(0, b.byteSize());
    }
}
