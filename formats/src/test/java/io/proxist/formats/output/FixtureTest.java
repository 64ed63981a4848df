package io.proxist.formats.output;

import io.proxist.core.block.Block;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The formats and types ClickHouse 18.16 does not have, against fixtures written from ClickHouse 25.8's sources
 * (src/Processors/Formats/Impl/*, src/DataTypes/Serializations/*, src/IO/WriteHelpers.h), with 25.8's default
 * settings: 64-bit integers unquoted in JSON, nested JSON values pretty-printed in the JSON format, Decimals without
 * trailing zeros, Pretty with row numbers and readable tips. The data ({@link Blocks#modern}) has Bool, Int128,
 * UInt256, Date32, DateTime64 with a zone, IPv4, IPv6, a 256-bit Decimal, Map, a named Tuple, Nullable and Float64.
 * Each fixture is checked as one block and, but for Pretty (a table per block), as one block per row.
 */
class FixtureTest {
    private static final ResultStatistics STATS = new ResultStatistics(0.5, 2, 32, -1);

    private static void check(String format, byte[] expected) {
        Block block = Blocks.modern();
        Bytes.assertSame(expected, Encoding.encode(format, FormatSettings.DEFAULT, List.of(block), STATS), format);
        if (!format.startsWith("Pretty")) {
            Bytes.assertSame(
                    expected,
                    Encoding.encode(format, FormatSettings.DEFAULT, Slicer.split(block, 1), STATS),
                    format + " in blocks of one row");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CSVWithNamesAndTypes",
                "JSON",
                "JSONStrings",
                "JSONCompactStrings",
                "JSONEachRow",
                "JSONStringsEachRow",
                "JSONCompactEachRow",
                "JSONCompactEachRowWithNames",
                "JSONCompactEachRowWithNamesAndTypes",
                "JSONCompactStringsEachRow",
                "JSONCompactStringsEachRowWithNames",
                "JSONCompactStringsEachRowWithNamesAndTypes",
                "TabSeparatedWithNamesAndTypes",
                "TabSeparatedRawWithNamesAndTypes",
                "TSKV",
                "Values",
                "Vertical",
                "PrettyCompact"
            })
    void textFormatsMatchTheirFixtures(String format) {
        check(format, Bytes.resource("modern/" + format + ".txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes"})
    void binaryFormatsMatchTheirFixtures(String format) {
        String hex = Bytes.resourceText("modern/" + format + ".hex").replaceAll("\\s", "");
        check(format, HexFormat.of().parseHex(hex));
    }
}
