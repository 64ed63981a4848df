package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.block.BytesColumn;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputTesting.Feed;
import io.proxist.formats.io.ByteBufInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Input arriving in pieces: rows resume where they were cut, blocks do not depend on the pieces. */
class IncrementalTest {
    static final List<String> NAMES = List.of("id", "s");
    static final List<DataType> TYPES = InputTesting.types("UInt32", "String");

    @Test
    void aRowCutByThePiecesWaitsForItsEnd() {
        InputFormat f = InputFormats.create("TSV", NAMES, TYPES, InputSettings.DEFAULT.withMaxBlockRows(2));
        f.feed(new ByteBufInput(Unpooled.wrappedBuffer(bytes("1\tone\n2\ttw"))), false);
        assertNull(f.next(), "one complete row, the block wants two");
        assertFalse(f.finished());
        f.feed(Unpooled.wrappedBuffer(bytes("o\n3\tthree")), false);
        Block b = f.next();
        assertEquals(2, b.rows());
        assertEquals("two", ((BytesColumn) b.column(1)).getString(1));
        assertNull(f.next(), "'3\\tthree' may continue");
        f.feed(Unpooled.wrappedBuffer(bytes("")), true);
        Block last = f.next();
        assertEquals(1, last.rows());
        assertEquals("three", ((BytesColumn) last.column(1)).getString(0));
        assertNull(f.next());
        assertTrue(f.finished());
        assertEquals(3, f.rowsRead());
    }

    @Test
    void blocksAreTheSameHoweverTheBodyIsCut() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++)
            sb.append("{\"id\":")
                    .append(i)
                    .append(",\"s\":\"")
                    .append("x".repeat(i % 50))
                    .append("\"}\n");
        byte[] body = bytes(sb.toString());
        // small byte limit: blocks end by size, checked every 64 rows
        InputSettings s = InputSettings.DEFAULT.withMaxBlockRows(200).withMaxBlockBytes(2000);
        String reference =
                InputTesting.describe(InputTesting.decode("JSONEachRow", NAMES, TYPES, s, body, Feed.WHOLE, 0));
        assertEquals(
                reference,
                InputTesting.describe(InputTesting.decode("JSONEachRow", NAMES, TYPES, s, body, Feed.BYTES, 0)));
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(
                    reference,
                    InputTesting.describe(InputTesting.decode("JSONEachRow", NAMES, TYPES, s, body, Feed.RANDOM, seed)),
                    "seed " + seed);
        }
        List<Integer> sizes = new ArrayList<>();
        for (Block b : InputTesting.decode("JSONEachRow", NAMES, TYPES, s, body, Feed.WHOLE, 0)) sizes.add(b.rows());
        assertEquals(List.of(64, 64, 64, 64, 64, 64, 64, 52), sizes);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aHugeRowInSmallPiecesIsNotReparsedPerPiece() {
        // a 4 MiB value arriving 64 bytes at a time: 65536 pieces; re-parsing per piece would scan ~128 GiB
        byte[] row = bytes("1\t" + "y".repeat(4 << 20) + "\n");
        InputFormat f = InputFormats.create("TSV", NAMES, TYPES, InputSettings.DEFAULT);
        List<Block> out = new ArrayList<>();
        for (int at = 0; at < row.length; at += 64) {
            ByteBuf piece = Unpooled.wrappedBuffer(row, at, Math.min(64, row.length - at));
            f.feed(piece, false);
            for (Block b = f.next(); b != null; b = f.next()) out.add(b);
            assertEquals(0, piece.readableBytes());
            piece.release();
        }
        f.feed(Unpooled.EMPTY_BUFFER, true);
        for (Block b = f.next(); b != null; b = f.next()) out.add(b);
        assertEquals(1, out.size());
        assertEquals(4 << 20, ((BytesColumn) out.get(0).column(1)).length(0));
    }

    @Test
    void everyFormatResumesAtEveryCut() {
        String[][] bodies = {
            {"TSV", "1\ta\\tb\n2\t\n"},
            {"TSVWithNamesAndTypes", "s\tid\nString\tUInt32\nx\t1\ny\t2"},
            {"CSV", "1,\"a\"\"b\"\r\n2,c\n"},
            {"CSVWithNames", "id,s\n1,\"multi\nline\"\n"},
            {"JSONEachRow", "[{\"id\": 1, \"s\": \"\\u00e9\"}, {\"s\": \"b\", \"id\": 2}]"},
            {"JSONCompactEachRowWithNames", "[\"id\",\"s\"]\n[1,\"a\"]\n[2,\"b\"]"},
            {"JSONStringsEachRow", "{\"id\":\"1\",\"s\":\"a\"}"},
            {"Values", "(1, 'a''b'), (2, 'c\\'d');"},
        };
        for (String[] fb : bodies) {
            byte[] body = bytes(fb[1]);
            String whole = InputTesting.describe(
                    InputTesting.decode(fb[0], NAMES, TYPES, InputSettings.DEFAULT, body, Feed.WHOLE, 0));
            for (int cut = 0; cut <= body.length; cut++) {
                InputFormat f = InputFormats.create(fb[0], NAMES, TYPES, InputSettings.DEFAULT);
                List<Block> out = new ArrayList<>();
                f.feed(Unpooled.wrappedBuffer(body, 0, cut), false);
                for (Block b = f.next(); b != null; b = f.next()) out.add(b);
                f.feed(Unpooled.wrappedBuffer(body, cut, body.length - cut), true);
                for (Block b = f.next(); b != null; b = f.next()) out.add(b);
                assertEquals(whole, InputTesting.describe(out), fb[0] + " cut at " + cut);
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
