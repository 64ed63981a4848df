package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import io.proxist.formats.input.InputTesting.Feed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: the right ClickHouse error code, a message naming the row and the column, the input refused. */
class BadInputTest {
    static final List<String> NAMES = List.of("id", "price", "day", "kind");
    static final String TYPES = "UInt32|Float64|Date|Enum8('a' = 1, 'b' = 2)";
    static final InputSettings STRICT = InputSettings.DEFAULT.withSkipUnknownFields(false);

    static Arguments bad(String format, String body, ErrorCode code, String context, String message) {
        return Arguments.of(format, body, code, context, message);
    }

    static Stream<Arguments> cases() {
        String price = "row=2, column=price, type=Float64]";
        String day = "row=2, column=day, type=Date]";
        String kind = "row=2, column=kind, type=Enum8('a' = 1, 'b' = 2)]";
        return Stream.of(
                // wrong type: ClickHouse reads a number as far as it goes, then misses the field's delimiter
                bad(
                        "TSV",
                        "1\t1.5\t2024-01-01\ta\n2\tcheap\t2024-01-01\ta\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "got 'cheap'"),
                bad(
                        "CSV",
                        "1,1.5,2024-01-01,a\n2,\"x\",2024-01-01,a\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "got 'x'"),
                // a number ClickHouse's reader refuses by itself
                bad(
                        "CSV",
                        "1,1.5,2024-01-01,a\n2,-,2024-01-01,a\n",
                        ErrorCode.CANNOT_PARSE_NUMBER,
                        price,
                        "no digits read"),
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n--2\t1\t2024-01-01\ta\n",
                        ErrorCode.CANNOT_PARSE_NUMBER,
                        "row=2, column=id, type=UInt32]",
                        "multiple sign"),
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2,\"price\":[1]}",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "expected a value of type Float64"),
                bad(
                        "JSONCompactEachRow",
                        "[1,1.5,\"2024-01-01\",\"a\"]\n[2,\"z\",\"2024-01-01\",\"a\"]",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "got 'z'"),
                // Values converts a string literal as a whole
                bad(
                        "Values",
                        "(1, 1.5, '2024-01-01', 'a'), (2, 'z', '2024-01-01', 'a')",
                        ErrorCode.TYPE_MISMATCH,
                        price,
                        "Cannot convert string 'z' to type Float64"),
                // out of range
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n4294967296\t1\t2024-01-01\ta\n",
                        ErrorCode.CANNOT_PARSE_NUMBER,
                        "row=2, column=id, type=UInt32]",
                        "out of range of UInt32"),
                bad(
                        "JSONEachRow",
                        "{\"id\":1}{\"id\":-1}",
                        ErrorCode.CANNOT_PARSE_NUMBER,
                        "row=2, column=id, type=UInt32]",
                        "out of range"),
                // bad date
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n2\t1\t2024-02-30\ta\n",
                        ErrorCode.CANNOT_PARSE_DATE,
                        day,
                        "2024-02-30"),
                bad(
                        "Values",
                        "(1, 1, '2024-01-01', 'a') (2, 1, '2024-1-x', 'a')",
                        ErrorCode.CANNOT_PARSE_DATE,
                        day,
                        "2024-1-x"),
                bad("CSV", "1,1,2024-01-01,a\n2,1,01/02/2024,a", ErrorCode.CANNOT_PARSE_DATE, day, "01/02/2024"),
                // unknown enum name
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n2\t1\t2024-01-01\tc\n",
                        ErrorCode.UNKNOWN_ELEMENT_OF_ENUM,
                        kind,
                        "Unknown element 'c'"),
                bad(
                        "JSONEachRow",
                        "{\"kind\":\"a\"}\n{\"kind\":\"c\"}",
                        ErrorCode.UNKNOWN_ELEMENT_OF_ENUM,
                        kind,
                        "Unknown element 'c'"),
                // unknown JSON key (input_format_skip_unknown_fields = 0)
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2,\"colour\":\"red\"}",
                        ErrorCode.INCORRECT_DATA,
                        "row=2]",
                        "'colour'"),
                bad(
                        "TSVWithNames",
                        "id\tcolour\n1\tred\n",
                        ErrorCode.INCORRECT_DATA,
                        "",
                        "Unknown field found in TSVWithNames header: 'colour'"),
                // wrong number of columns
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n2\t1\t2024-01-01\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        day,
                        "fewer columns than the 4"),
                bad(
                        "TSV",
                        "1\t1\t2024-01-01\ta\n2\t1\t2024-01-01\ta\tz\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        kind,
                        "more columns than the 4"),
                bad(
                        "CSV",
                        "1,1,2024-01-01,a\n2,1\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "fewer columns"),
                bad(
                        "CSV",
                        "1,1,2024-01-01,a\n2,1,2024-01-01,a,b\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        kind,
                        "more columns"),
                bad(
                        "JSONCompactEachRow",
                        "[1,1,\"2024-01-01\",\"a\"]\n[2,1]",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "fewer columns"),
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,1,'2024-01-01')",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        day,
                        "fewer columns"),
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,1,'2024-01-01','a',3)",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        kind,
                        "more columns"),
                // unterminated strings
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,1,'2024-01-01','a",
                        ErrorCode.CANNOT_PARSE_QUOTED_STRING,
                        kind,
                        "expected closing quote"),
                bad(
                        "CSV",
                        "1,1,2024-01-01,a\n2,1,2024-01-01,\"a\n",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        kind,
                        "expected closing quote"),
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2,\"kind\":\"a",
                        ErrorCode.CANNOT_PARSE_QUOTED_STRING,
                        kind,
                        "expected closing quote"),
                // truncated rows
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2,\"price\":",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        price,
                        "at end of stream"),
                bad(
                        "JSONCompactEachRow",
                        "[1,1,\"2024-01-01\",\"a\"]\n[2,1,\"2024-01-01\",",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        kind,
                        "at end of stream"),
                // the data ends where a key or '}' is due
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2",
                        ErrorCode.CANNOT_READ_ALL_DATA,
                        "row=2, column=id, type=UInt32]",
                        "Unexpected end of stream while parsing JSONEachRow format"),
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,",
                        ErrorCode.SYNTAX_ERROR,
                        price,
                        "Cannot parse expression of type Float64"),
                // expressions are not evaluated
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,1+1,'2024-01-01','a')",
                        ErrorCode.CANNOT_PARSE_TEXT,
                        price,
                        "Proxist does not evaluate expressions"),
                bad(
                        "Values",
                        "(1,1,'2024-01-01','a'),(2,1,today(),'a')",
                        ErrorCode.CANNOT_PARSE_TEXT,
                        day,
                        "here: 'today()"),
                // JSON structure
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n[2]",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "row=2]",
                        "expected '{'"),
                bad(
                        "JSONEachRow",
                        "[{\"id\":1}",
                        ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        "row=2]",
                        "']' closing the array"),
                bad(
                        "JSONEachRow",
                        "{\"id\":1}\n{\"id\":2,\"id\":3}",
                        ErrorCode.INCORRECT_DATA,
                        "row=2, column=id, type=UInt32]",
                        "Duplicate field"));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("cases")
    void isRefusedWithContext(String format, String body, ErrorCode code, String context, String message) {
        for (Feed feed : Feed.values()) {
            ProxistException e = assertThrows(
                    ProxistException.class,
                    () -> InputTesting.decode(
                            format,
                            NAMES,
                            InputTesting.types(TYPES.split("\\|")),
                            STRICT,
                            body.getBytes(StandardCharsets.UTF_8),
                            feed,
                            42),
                    feed.name());
            assertEquals(code, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertTrue(e.getMessage().endsWith(context), e.getMessage());
            if (!context.isEmpty()) assertTrue(e.getMessage().contains("[format=" + format + ", "), e.getMessage());
        }
    }

    static byte[] rowBinary(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        return b;
    }

    @Test
    void truncatedBinaryRowsAreCannotReadAllData() {
        // (UInt32, String): a full row, then a row cut inside its string
        byte[] body = rowBinary(1, 0, 0, 0, 2, 'h', 'i', 2, 0, 0, 0, 5, 'a', 'b');
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinary",
                        List.of("id", "s"),
                        InputTesting.types("UInt32", "String"),
                        STRICT,
                        body,
                        Feed.BYTES,
                        1));
        assertEquals(ErrorCode.CANNOT_READ_ALL_DATA, e.code());
        assertEquals(
                "Cannot read all data. Bytes read: 2. Bytes expected: 5 [format=RowBinary, row=2, column=s, type=String]",
                e.getMessage());
    }

    @Test
    void binaryHeadersAreChecked() {
        // RowBinaryWithNamesAndTypes: 1 column "id" of type String where the INSERT has UInt32
        byte[] typed = rowBinary(1, 2, 'i', 'd', 6, 'S', 't', 'r', 'i', 'n', 'g');
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinaryWithNamesAndTypes",
                        List.of("id"),
                        InputTesting.types("UInt32"),
                        STRICT,
                        typed,
                        Feed.WHOLE,
                        0));
        assertEquals(ErrorCode.INCORRECT_DATA, e.code());
        assertEquals("Type of 'id' must be UInt32, not String", e.getMessage());
        byte[] unknown = rowBinary(1, 1, 'x');
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinaryWithNames",
                        List.of("id"),
                        InputTesting.types("UInt32"),
                        STRICT,
                        unknown,
                        Feed.WHOLE,
                        0));
        assertEquals(ErrorCode.INCORRECT_DATA, e.code());
        // a header of no columns, then bytes: no row can be read from them
        byte[] none = rowBinary(0, 1, 2, 3);
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinaryWithNames",
                        List.of("id"),
                        InputTesting.types("UInt32"),
                        STRICT,
                        none,
                        Feed.WHOLE,
                        0));
        assertEquals(ErrorCode.CANNOT_PARSE_INPUT_ASSERTION_FAILED, e.code());
        byte[] huge = rowBinary(0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinaryWithNames",
                        List.of("id"),
                        InputTesting.types("UInt32"),
                        STRICT,
                        huge,
                        Feed.WHOLE,
                        0));
        assertEquals(ErrorCode.TOO_LARGE_STRING_SIZE, e.code());
    }

    @Test
    void lengthsAreCheckedBeforeAllocating() {
        InputSettings small = STRICT.withLimits(10, 3, 1 << 10);
        // a String claiming 2^62 bytes, an Array claiming 4 elements
        byte[] bigString = rowBinary(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40);
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinary", List.of("s"), InputTesting.types("String"), small, bigString, Feed.WHOLE, 0));
        assertEquals(ErrorCode.TOO_LARGE_STRING_SIZE, e.code());
        byte[] bigArray = rowBinary(4, 1, 2, 3, 4);
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "RowBinary", List.of("a"), InputTesting.types("Array(UInt8)"), small, bigArray, Feed.WHOLE, 0));
        assertEquals(ErrorCode.TOO_LARGE_ARRAY_SIZE, e.code());
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode("TSV", List.of("s"), InputTesting.types("String"), small, "12345678901\n"));
        assertEquals(ErrorCode.TOO_LARGE_STRING_SIZE, e.code());
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "JSONEachRow", List.of("a"), InputTesting.types("Array(UInt8)"), small, "{\"a\":[1,2,3,4]}"));
        assertEquals(ErrorCode.TOO_LARGE_ARRAY_SIZE, e.code());
        // a row longer than maxRowBytes is refused instead of buffered without end
        String longRow = "x".repeat(5000) + "\n";
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "TSV",
                        List.of("s"),
                        InputTesting.types("String"),
                        STRICT.withLimits(1 << 20, 10, 1 << 10),
                        longRow.getBytes(StandardCharsets.UTF_8),
                        Feed.RANDOM,
                        3));
        assertEquals(ErrorCode.TOO_LARGE_STRING_SIZE, e.code());
    }

    @Test
    void nativeColumnsMustMatchTheTarget() {
        // a Native block: 1 column "id" of type String, 1 row "x"
        byte[] block = rowBinary(1, 1, 2, 'i', 'd', 6, 'S', 't', 'r', 'i', 'n', 'g', 1, 'x');
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "Native", List.of("id"), InputTesting.types("UInt32"), STRICT, block, Feed.BYTES, 0));
        assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
        assertEquals("Type of 'id' must be UInt32, not String [format=Native, block=1]", e.getMessage());
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "Native", List.of("other"), InputTesting.types("String"), STRICT, block, Feed.WHOLE, 0));
        assertEquals(ErrorCode.INCORRECT_DATA, e.code());
        byte[] cut = java.util.Arrays.copyOf(block, block.length - 1);
        e = assertThrows(
                ProxistException.class,
                () -> InputTesting.decode(
                        "Native", List.of("id"), InputTesting.types("String"), STRICT, cut, Feed.RANDOM, 5));
        assertEquals(ErrorCode.CANNOT_READ_ALL_DATA, e.code());
    }

    @Test
    void aFailedDecoderKeepsFailing() {
        InputFormat f = InputFormats.create("TSV", List.of("a"), InputTesting.types("Int8"), STRICT);
        f.feed(Unpooled.wrappedBuffer("1\n2\nx\n".getBytes(StandardCharsets.UTF_8)), true);
        ProxistException first = assertThrows(ProxistException.class, f::next);
        assertTrue(first.getMessage().endsWith("[format=TSV, row=3, column=a, type=Int8]"), first.getMessage());
        assertSame(first, assertThrows(ProxistException.class, f::next));
        assertThrows(IllegalStateException.class, () -> f.feed(Unpooled.EMPTY_BUFFER, true));
    }

    @Test
    void unknownFormat() {
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> InputFormats.create("Parquet", List.of("a"), InputTesting.types("Int8"), STRICT));
        assertEquals(ErrorCode.UNKNOWN_FORMAT, e.code());
        assertEquals("Unknown format Parquet", e.getMessage());
        assertTrue(InputFormats.isSupported("tsvwithnames"));
        Block b = InputFormats.create("jsoneachrow", List.of("a"), InputTesting.types("Int8"), STRICT)
                .open(new io.proxist.formats.io.ByteBufInput(
                        Unpooled.wrappedBuffer("{\"a\":1}".getBytes(StandardCharsets.UTF_8))))
                .next();
        assertEquals(1, b.rows());
        assertNull(InputFormats.create("CSV", List.of("a"), InputTesting.types("Int8"), STRICT)
                .open(new io.proxist.formats.io.ByteBufInput(Unpooled.EMPTY_BUFFER))
                .next());
    }
}
