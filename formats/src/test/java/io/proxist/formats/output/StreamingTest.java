package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming formats give the same bytes however the rows are cut into blocks: the server's result in blocks of
 * one row and in one block, and Proxist's own cuts of it.
 */
@WithClickHouse
class StreamingTest {
    private static final ResultStatistics STATS = new ResultStatistics(0.25, 50, 400, 50);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TabSeparated",
                "TabSeparatedWithNamesAndTypes",
                "TabSeparatedRaw",
                "TSKV",
                "CSVWithNames",
                "JSON",
                "JSONStrings",
                "JSONCompact",
                "JSONCompactStrings",
                "JSONEachRow",
                "JSONStringsEachRow",
                "JSONCompactEachRowWithNamesAndTypes",
                "JSONCompactStringsEachRow",
                "RowBinaryWithNamesAndTypes",
                "Values",
                "Vertical",
                "Null"
            })
    void blockBoundariesDoNotChangeTheBytes(String format, TestClickHouse ch) throws Exception {
        String oneRowBlocks = ServerGoldenTest.ALL_TYPES.replace("max_block_size = 7", "max_block_size = 1");
        String oneBlock = ServerGoldenTest.ALL_TYPES.replace("max_block_size = 7", "max_block_size = 65536");
        List<Block> many = Encoding.nativeBlocks(ch, oneRowBlocks);
        List<Block> one = Encoding.nativeBlocks(ch, oneBlock);
        assertEquals(50, many.size());
        assertEquals(1, one.size());
        FormatSettings s = FormatSettings.DEFAULT;
        byte[] whole = Encoding.encode(format, s, one, STATS);
        Bytes.assertSame(whole, Encoding.encode(format, s, many, STATS), format + " in blocks of one row");
        Bytes.assertSame(whole, Encoding.encode(format, s, Slicer.split(one.getFirst(), 13), STATS), format + " by 13");
        if (!format.equals("Null")) {
            assertTrue(whole.length > 0);
        }
    }

    /** Native carries the blocks themselves: Proxist's Native of the server's blocks is the server's Native. */
    @Test
    void nativeStreamsTheServersBlocks(TestClickHouse ch) throws Exception {
        for (String size : new String[] {"1", "7", "65536"}) {
            String select = ServerGoldenTest.ALL_TYPES.replace("max_block_size = 7", "max_block_size = " + size);
            List<Block> blocks = Encoding.nativeBlocks(ch, select);
            byte[] server = Encoding.fetch(ch, select + " FORMAT Native").body();
            Bytes.assertSame(
                    server, Encoding.encode("Native", FormatSettings.DEFAULT, blocks, STATS), "Native by " + size);
        }
    }
}
