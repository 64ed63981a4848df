package io.proxist.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** UTF8::computeWidth and computeBytesBeforeWidth, quirks included. */
class DisplayWidthTest {
    private static long w(String s, long prefix) {
        return DisplayWidth.width(s.getBytes(StandardCharsets.UTF_8), prefix);
    }

    @Test
    void widths() {
        assertEquals(0, w("", 0));
        assertEquals(5, w("hello", 0));
        assertEquals(40, w("0123456789012345678901234567890123456789", 0));
        assertEquals(4, w("ᴺᵁᴸᴸ", 0));
        assertEquals(1, w("é", 0));
        assertEquals(1, w("e\u0301", 0)); // a combining accent has no width
        assertEquals(4, w("中文", 0));
        // emoji are "widened in Unicode 9", which ClickHouse's wcwidth counts as 1
        assertEquals(1, w("😀", 0));
        assertEquals(2, w("a\nb", 0)); // control characters have no width
        assertEquals(0, w("\u0000\u007f", 0));
    }

    @Test
    void tabsGoToTheNextMultipleOfEightCountedFromThePrefix() {
        assertEquals(8, w("\t", 0));
        assertEquals(9, w("a\tb", 0));
        assertEquals(6, w("a\tb", 3)); // 3 + 1 = 4, the tab to 8 adds 4
        assertEquals(1, w("\t", 7));
    }

    @Test
    void escapeSequencesHaveNoWidth() {
        assertEquals(4, w("\033[1mbold\033[0m", 0));
        assertEquals(3, w("a\033[31;1mb\033[0mc", 0));
    }

    @Test
    void invalidUtf8HasNoWidthButRestartsTheScanAfterItsFirstByte() {
        byte[] b = HexFormat.of().parseHex("ff41"); // an invalid byte, then 'A'
        assertEquals(1, DisplayWidth.width(b, 0));
        // E2 'A' 80 'A': the printable runs are counted without the decoder seeing them, so 80 continues the E2
        // sequence, the NUL after the value rejects it and the scan restarts at byte 2, counting the last 'A' twice
        assertEquals(3, DisplayWidth.width(HexFormat.of().parseHex("e2418041"), 0));
        // E2 80 then 'x' at the end: the 'x' is counted, the NUL after the value rejects the sequence, the scan
        // restarts after E2 and counts the 'x' again (as ClickHouse does)
        assertEquals(2, DisplayWidth.width(HexFormat.of().parseHex("e28078"), 0));
    }

    @Test
    void bytesBeforeAWidth() {
        byte[] b = "héllo wörld".getBytes(StandardCharsets.UTF_8);
        assertEquals(6, DisplayWidth.bytesBeforeWidth(b, 0, b.length, 0, 5));
        assertEquals(b.length, DisplayWidth.bytesBeforeWidth(b, 0, b.length, 0, 100));
        byte[] wide = "中文字".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, DisplayWidth.bytesBeforeWidth(wide, 0, wide.length, 0, 3));
    }
}
