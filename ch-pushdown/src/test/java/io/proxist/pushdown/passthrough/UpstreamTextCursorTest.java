package io.proxist.pushdown.passthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.block.Column;
import io.proxist.core.block.LongColumn;
import io.proxist.core.error.ProxistException;
import io.proxist.core.error.UpstreamException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sections of a TabSeparatedWithNamesAndTypes body (golden bodies as ClickHouse 18.16 writes them), each fed
 * whole, one byte per read and in seeded random reads: the rows, totals and extremes are the same every way.
 */
class UpstreamTextCursorTest {
    private static final long SEED = 20261122L;

    /** What a cursor gave: the rows (each row its fields' text), the totals row, the extremes rows. */
    record Result(List<String> rows, List<String> totals, List<String> extremes) {}

    static Result read(String body, boolean totals, boolean extremes, int mode) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(SEED + mode);
        InputStream in = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n =
                        switch (mode) {
                            case 0 -> len;
                            case 1 -> 1;
                            default -> 1 + random.nextInt(Math.max(1, Math.min(len, 7)));
                        };
                return super.read(b, off, Math.min(len, n));
            }
        };
        try (UpstreamTextCursor c = UpstreamTextCursor.open(
                in, totals, extremes, ZoneOffset.UTC, () -> Block.header(List.of(), List.of()))) {
            List<String> rows = new ArrayList<>();
            for (Block b = c.next(); b != null; b = c.next()) rows.addAll(text(b));
            assertNull(c.next(), "the end stays the end");
            return new Result(
                    rows,
                    c.totals() == null ? null : text(c.totals()),
                    c.extremes() == null ? null : text(c.extremes()));
        }
    }

    static List<String> text(Block b) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < b.rows(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < b.columnCount(); c++) {
                if (c > 0) sb.append('|');
                Column col = b.column(c);
                sb.append(
                        switch (col) {
                            case LongColumn l -> Long.toString(l.values()[r]);
                            case BytesColumn s -> s.getString(r);
                            default -> col.toString();
                        });
            }
            out.add(sb.toString());
        }
        return out;
    }

    static Result same(String body, boolean totals, boolean extremes) {
        Result whole = read(body, totals, extremes, 0);
        for (int mode = 1; mode < 4; mode++) {
            assertEquals(whole, read(body, totals, extremes, mode), "read mode " + mode + " (seed " + SEED + ")");
        }
        return whole;
    }

    @Test
    void rowsThenTotalsThenExtremes() {
        String body = "k\tc\nUInt8\tUInt64\n0\t4\n1\t3\n2\t3\n\n0\t10\n\n0\t3\n2\t4\n";
        assertEquals(
                new Result(List.of("0|4", "1|3", "2|3"), List.of("0|10"), List.of("0|3", "2|4")),
                same(body, true, true));
        // the layout decides, not what the query was thought to ask
        assertEquals(same(body, true, true), same(body, false, false));
    }

    @Test
    void totalsOnlyExtremesOnlyAndNeither() {
        assertEquals(
                new Result(List.of("0|4"), List.of("0|4"), null),
                same("k\tc\nUInt8\tUInt64\n0\t4\n\n0\t4\n", true, false));
        assertEquals(
                new Result(List.of("0|4", "1|5"), null, List.of("0|4", "1|5")),
                same("k\tc\nUInt8\tUInt64\n0\t4\n1\t5\n\n0\t4\n1\t5\n", false, true));
        assertEquals(new Result(List.of(), null, null), same("k\tc\nUInt8\tUInt64\n", false, true));
        assertEquals(new Result(List.of(), List.of("0|0"), null), same("k\tc\nUInt8\tUInt64\n\n0\t0\n", true, true));
    }

    @Test
    void escapedNamesAndTypes() {
        Result r = same(
                "a\\tb\td\nString\tDateTime(\\'Europe/Berlin\\')\nx\\ny\t2020-01-01 01:00:00\n\nx\t2020-01-01 01:00:00\n",
                true,
                false);
        assertEquals(1, r.rows().size());
        assertTrue(r.rows().getFirst().startsWith("x\ny|"), r.toString());
    }

    /** One String column: an empty line may be a row, so the sections are told from the end. */
    @Test
    void aSingleStringColumnWhoseRowsAreEmpty() {
        String header = "s\nString\n";
        // data '', totals '', extremes '', '' (SELECT '' AS s ... GROUP BY s WITH TOTALS, extremes=1)
        assertEquals(new Result(List.of(""), List.of(""), List.of("", "")), same(header + "\n\n\n\n\n\n", true, true));
        // data '', 'x', totals ''
        assertEquals(new Result(List.of("", "x"), List.of(""), null), same(header + "\nx\n\n\n", true, false));
        // no rows, totals '' (and so no extremes)
        assertEquals(new Result(List.of(), List.of(""), null), same(header + "\n\n", true, true));
        // only rows: two empty strings, then extremes '' and ''
        assertEquals(new Result(List.of("", ""), null, List.of("", "")), same(header + "\n\n\n\n\n", false, true));
        // many rows before the tail, more than are held back
        StringBuilder many = new StringBuilder(header);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String v = i % 3 == 0 ? "" : "v" + i;
            many.append(v).append('\n');
            rows.add(v);
        }
        many.append("\n\n\nv1\nv19\n");
        assertEquals(new Result(rows, List.of(""), List.of("v1", "v19")), same(many.toString(), true, true));
    }

    @Test
    void anErrorAppendedToTheBodyIsTheUpstreamsException() {
        String body = "x\nUInt8\n1\n2\nCode: 395, e.displayText() = DB::Exception: Value passed to 'throwIf' function"
                + " is non zero, e.what() = DB::Exception\n";
        for (int mode = 0; mode < 4; mode++) {
            int m = mode;
            UpstreamException e = assertThrows(UpstreamException.class, () -> read(body, true, false, m));
            assertEquals(395, e.codeNumber(), e.getMessage());
        }
    }

    @Test
    void anUnexpectedLayoutIsRefused() {
        ProxistException e =
                assertThrows(ProxistException.class, () -> read("k\nUInt8\n1\n\n1\n2\n3\n", true, true, 0));
        assertTrue(e.getMessage().contains("unexpected upstream result"), e.getMessage());
    }

    @Test
    void anEmptyBodyHasTheGivenHeader() {
        assertEquals(new Result(List.of(), null, null), read("", true, true, 0));
    }

    @Test
    void whichTypesMayBeEmptyText() {
        assertTrue(UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("String")));
        assertTrue(UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("Nullable(String)")));
        assertTrue(UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("Enum8('' = 1)")));
        assertEquals(false, UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("UInt64")));
        assertEquals(false, UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("Array(String)")));
        assertEquals(false, UpstreamTextCursor.mayBeEmptyText(io.proxist.core.type.DataType.parse("FixedString(2)")));
    }
}
