package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFormatsTest {
    @ParameterizedTest
    @ValueSource(strings = {"tsv", "json", "Pretty Compact", "", "XML", "Parquet", "JSONCompactEachRowWithTypes"})
    void anUnknownNameIsCode73(String name) {
        ProxistException e =
                assertThrows(ProxistException.class, () -> OutputFormats.create(name, FormatSettings.DEFAULT));
        assertEquals(ErrorCode.UNKNOWN_FORMAT, e.code());
        assertEquals(73, e.codeNumber());
        assertEquals("Unknown format " + name, e.getMessage());
    }

    @Test
    void aliasesAreNamedAfterTheirFormat() {
        Map<String, String> canonical = Map.of(
                "TSV", "TabSeparated",
                "TSVWithNames", "TabSeparatedWithNames",
                "TSVWithNamesAndTypes", "TabSeparatedWithNamesAndTypes",
                "TSVRaw", "TabSeparatedRaw",
                "Raw", "TabSeparatedRaw",
                "RawWithNames", "TabSeparatedRawWithNames",
                "JSONLines", "JSONEachRow",
                "NDJSON", "JSONEachRow");
        canonical.forEach((alias, name) -> assertEquals(
                name, OutputFormats.create(alias, FormatSettings.DEFAULT).name(), alias));
        for (String name : OutputFormats.names()) {
            assertTrue(
                    OutputFormats.names()
                            .contains(OutputFormats.create(name, FormatSettings.DEFAULT)
                                    .name()),
                    name);
        }
    }

    @Test
    void contentTypesAreCurrentClickHouses() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("TabSeparated", "text/tab-separated-values; charset=UTF-8"),
                Map.entry("TSVRawWithNames", "text/tab-separated-values; charset=UTF-8"),
                Map.entry("TSKV", "text/tab-separated-values; charset=UTF-8"),
                Map.entry("CSV", "text/csv; charset=UTF-8; header=absent"),
                Map.entry("CSVWithNames", "text/csv; charset=UTF-8; header=present"),
                Map.entry("CSVWithNamesAndTypes", "text/csv; charset=UTF-8; header=present"),
                Map.entry("JSON", "application/json; charset=UTF-8"),
                Map.entry("JSONStrings", "application/json; charset=UTF-8"),
                Map.entry("JSONCompact", "application/json; charset=UTF-8"),
                Map.entry("JSONCompactStrings", "application/json; charset=UTF-8"),
                Map.entry("JSONEachRow", "application/x-ndjson; charset=UTF-8"),
                Map.entry("NDJSON", "application/x-ndjson; charset=UTF-8"),
                Map.entry("JSONStringsEachRow", "application/x-ndjson; charset=UTF-8"),
                Map.entry("JSONCompactEachRow", "text/plain; charset=UTF-8"),
                Map.entry("JSONCompactStringsEachRowWithNames", "text/plain; charset=UTF-8"),
                Map.entry("RowBinary", "application/octet-stream"),
                Map.entry("RowBinaryWithNamesAndTypes", "application/octet-stream"),
                Map.entry("Native", "application/octet-stream"),
                Map.entry("Pretty", "text/plain; charset=UTF-8"),
                Map.entry("PrettySpaceNoEscapes", "text/plain; charset=UTF-8"),
                Map.entry("Vertical", "text/plain; charset=UTF-8"),
                Map.entry("Values", "text/plain; charset=UTF-8"),
                Map.entry("Null", "text/plain; charset=UTF-8"));
        expected.forEach((name, type) -> assertEquals(
                type, OutputFormats.create(name, FormatSettings.DEFAULT).contentType(), name));
    }

    @Test
    void everyFormatHandlesAnEmptyResult() {
        Block header = Encoding.header(Blocks.block("x", Blocks.longs("UInt8", 1)));
        for (String name : OutputFormats.names()) {
            OutputFormat f = OutputFormats.create(name, FormatSettings.DEFAULT);
            ByteBuf out = Unpooled.buffer();
            try {
                f.writePrefix(header, out);
                f.writeBlock(header, out);
                f.writeSuffix(ResultStatistics.NONE, out);
                String text = out.toString(StandardCharsets.UTF_8);
                switch (name) {
                    case "JSON" ->
                        assertEquals(
                                "{\n\t\"meta\":\n\t[\n\t\t{\n\t\t\t\"name\": \"x\",\n\t\t\t\"type\": \"UInt8\"\n\t\t}\n\t],\n\n"
                                        + "\t\"data\":\n\t[\n\n\t],\n\n\t\"rows\": 0,\n\n\t\"statistics\":\n\t{\n"
                                        + "\t\t\"elapsed\": 0,\n\t\t\"rows_read\": 0,\n\t\t\"bytes_read\": 0\n\t}\n}\n",
                                text);
                    case "TSVWithNamesAndTypes", "CSVWithNames" -> assertTrue(!text.isEmpty(), name);
                    case "RowBinaryWithNamesAndTypes" -> assertEquals("\u0001\u0001x\u0005UInt8", text);
                    default -> {
                        if (!name.contains("With") && !name.startsWith("JSON")) {
                            assertEquals("", text, name);
                        }
                    }
                }
            } finally {
                out.release();
            }
        }
    }

    @Test
    void nativeWritesTheRevisionsBlocks() {
        Block b = Blocks.block("x", Blocks.longs("UInt8", 7));
        FormatSettings withInfo = FormatSettings.DEFAULT.withNativeRevision(54460);
        ByteBuf out = Unpooled.buffer();
        try {
            OutputFormat f = OutputFormats.create("Native", withInfo);
            f.writePrefix(Encoding.header(b), out);
            f.writeBlock(b, out);
            f.writeSuffix(ResultStatistics.NONE, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            // BlockInfo, 1 column, 1 row, "x", "UInt8", no custom serialization, the value
            byte[] expected = {1, 0, 2, -1, -1, -1, -1, 0, 1, 1, 1, 'x', 5, 'U', 'I', 'n', 't', '8', 0, 7};
            Bytes.assertSame(expected, bytes, "Native 54460");
        } finally {
            out.release();
        }
    }
}
