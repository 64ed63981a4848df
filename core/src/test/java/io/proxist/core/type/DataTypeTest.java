package io.proxist.core.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UInt64",
                "DateTime64(9, 'UTC')",
                "LowCardinality(String)",
                "Array(LowCardinality(String))",
                "Nullable(Decimal(18, 4))",
                "Enum8('a' = 1, 'b' = -2)",
                "Map(String, Array(Float64))",
                "Tuple(a String, b UInt8)",
                "FixedString(16)"
            })
    void canonicalSpellingRoundTrips(String text) {
        assertEquals(text, DataType.parse(text).toString());
    }

    @Test
    void normalisesSpacing() {
        assertEquals(
                "Enum8('a' = 1, 'b' = 2)",
                DataType.parse("Enum8( 'a'=1,'b' =  2 )").toString());
        assertEquals(
                "DateTime64(9, 'UTC')", DataType.parse(" DateTime64(9,'UTC') ").toString());
    }

    @Test
    void rewriteReplacesNestedTypesBottomUp() {
        DataType t = DataType.parse("Array(LowCardinality(String))");
        DataType lowered = t.rewrite(x -> x.is("LowCardinality") ? x.inner() : x);
        assertEquals("Array(String)", lowered.toString());
        assertTrue(t.contains("LowCardinality"));
        assertFalse(lowered.contains("LowCardinality"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Array(", "Array(String", "Enum8('a = 1)", "UInt64)", "(String)", "Decimal(18,)"})
    void rejectsMalformedTypesWithUnknownType(String text) {
        ProxistException e = assertThrows(ProxistException.class, () -> DataType.parse(text));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertTrue(e.getMessage().contains("[type=" + text + ","), e.getMessage());
    }
}
