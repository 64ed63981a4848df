package io.proxist.formats.output;

import static io.proxist.formats.output.Blocks.block;
import static io.proxist.formats.output.Blocks.longs;
import static io.proxist.formats.output.Blocks.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxist.core.block.Block;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ClickHouse 25.8's Pretty formats do by default and 18.16 did not (PrettyBlockOutputFormat,
 * VerticalRowOutputFormat, PrettyFormatHelpers): row numbers, a footer of names, readable number tips, values over
 * several lines, long names cut, the fallback to Vertical, and the row limit. The expected tables are written by hand.
 */
class PrettyTest {
    private static String run(String format, FormatSettings settings, Block... blocks) {
        return new String(
                Encoding.encode(format, settings, List.of(blocks), ResultStatistics.NONE), StandardCharsets.UTF_8);
    }

    private static String run(String format, Block... blocks) {
        return run(format, FormatSettings.DEFAULT, blocks);
    }

    private static final Block SMALL = block("x", longs("UInt8", 1, 2), "s", strings("a", "bc"));

    @Test
    void compactWithRowNumbers() {
        assertEquals("""
                   ┌─x─┬─s──┐
                1. │ 1 │ a  │
                2. │ 2 │ bc │
                   └───┴────┘
                """, run("PrettyCompact", SMALL));
        assertEquals(run("PrettyCompact", SMALL), run("PrettyCompactNoEscapes", SMALL));
    }

    @Test
    void fullGrid() {
        assertEquals("""
                   ┏━━━┳━━━━┓
                   ┃ x ┃ s  ┃
                   ┡━━━╇━━━━┩
                1. │ 1 │ a  │
                   ├───┼────┤
                2. │ 2 │ bc │
                   └───┴────┘
                """, run("Pretty", SMALL));
    }

    @Test
    void spaces() {
        assertEquals("    x   s \n\n1.  1   a  \n2.  2   bc \n", run("PrettySpace", SMALL));
    }

    @Test
    void eachBlockIsItsOwnTableAndRowNumbersContinue() {
        Block second = block("x", longs("UInt8", 3), "s", strings("defg"));
        assertEquals("""
                   ┌─x─┬─s──┐
                1. │ 1 │ a  │
                2. │ 2 │ bc │
                   └───┴────┘
                   ┌─x─┬─s────┐
                3. │ 3 │ defg │
                   └───┴──────┘
                """, run("PrettyCompact", SMALL, second));
    }

    @Test
    void valuesWithLineBreaksSpanLines() {
        assertEquals("""
                   ┌─s──┐
                1. │ a ↴│
                   │↳bc │
                   └────┘
                """, run("PrettyCompact", block("s", strings("a\nbc"))));
    }

    @Test
    void largeNumbersGetAReadableTip() {
        assertEquals("""
                   ┌───────n─┐
                1. │ 1234567 │ -- 1.23 million
                   └─────────┘
                """, run("PrettyCompact", block("n", longs("UInt64", 1234567))));
        assertEquals(
                "Row 1:\n──────\nn: 1234567 -- 1.23 million\n", run("Vertical", block("n", longs("UInt64", 1234567))));
        // only a block of one value gets it in a table
        assertEquals("""
                   ┌───────n─┐
                1. │ 1234567 │
                2. │ 7654321 │
                   └─────────┘
                """, run("PrettyCompact", block("n", longs("UInt64", 1234567, 7654321))));
        // 64-bit hashes are not tipped
        assertEquals(
                "Row 1:\n──────\nn: 1000000000000000000\n",
                run("Vertical", block("n", longs("UInt64", 1_000_000_000_000_000_000L))));
    }

    @Test
    void longNamesAreCutInTheMiddle() {
        assertEquals("""
                   ┌─this column ⋯long for it─┐
                1. │                        1 │
                   └──────────────────────────┘
                """, run("PrettyCompact", block("this column name is much too long for it", longs("UInt8", 1))));
    }

    @Test
    void namesAreRepeatedUnderFiftyRows() {
        long[] v = new long[50];
        for (int i = 0; i < 50; i++) v[i] = i;
        StringBuilder expected = new StringBuilder("    ┌──v─┐\n");
        for (int i = 0; i < 50; i++) expected.append(String.format("%4s│ %2d │\n", (i + 1) + ". ", i));
        expected.append("    └──v─┘\n");
        assertEquals(expected.toString(), run("PrettyCompact", block("v", longs("UInt8", v))));
    }

    @Test
    void aWideFirstBlockFallsBackToVertical() {
        String wide = "x".repeat(250);
        Block b = block(
                "a", longs("UInt8", 1),
                "b", longs("UInt8", 2),
                "c", longs("UInt8", 3),
                "d", longs("UInt8", 4),
                "e", strings(wide));
        assertEquals("Row 1:\n──────\na: 1\nb: 2\nc: 3\nd: 4\ne: " + wide + "\n", run("PrettyCompact", b));
    }

    @Test
    void theRowLimitShowsHeadAndTailThenCounts() {
        long[] v = new long[10];
        for (int i = 0; i < 10; i++) v[i] = i;
        FormatSettings four = FormatSettings.DEFAULT.withPretty(FormatSettings.Pretty.DEFAULT.withMaxRows(4));
        assertEquals(
                """
                    ┌─number─┐
                 1. │      0 │
                 2. │      1 │
                    ─ ─ ─ ─ ─\s
                 9. │      8 │
                10. │      9 │
                    └────────┘
                Showed 4 out of 13 rows.
                """,
                run(
                        "PrettyCompact",
                        four,
                        block("number", longs("UInt64", v)),
                        block("number", longs("UInt64", 1, 2, 3))));
        assertEquals(
                "Row 1:\n──────\nv: 0\n\nRow 2:\n──────\nv: 1\n\nShowed first 2.\n",
                run(
                        "Vertical",
                        FormatSettings.DEFAULT.withPretty(FormatSettings.Pretty.DEFAULT.withMaxRows(2)),
                        block("v", longs("UInt8", 0, 1, 2))));
    }

    @Test
    void colorsWhenAsked() {
        FormatSettings color = FormatSettings.DEFAULT.withPretty(new FormatSettings.Pretty(
                true, 1000, 250, 10000, false, false, false, 50, 0, 24, 4, true, true, 100, 5, 250, true, true));
        assertEquals(
                "┌─\033[1mx\033[0m─┬─\033[1ms\033[0m──┐\n│ 1 │ a  │\n│ 2 │ bc │\n└───┴────┘\n",
                run("PrettyCompact", color, SMALL));
        assertEquals("┌─x─┬─s──┐\n│ 1 │ a  │\n│ 2 │ bc │\n└───┴────┘\n", run("PrettyCompactNoEscapes", color, SMALL));
        assertEquals(
                "┌────────\033[1mn\033[0m─┐\n│ 1\033[4m2\033[0m34\033[4m5\033[0m678 │\n└──────────┘\n",
                run("PrettyCompact", color, block("n", longs("UInt64", 12345678))));
    }
}
