package io.proxist.formats.nativeformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputFormat;
import io.proxist.formats.input.InputFormats;
import io.proxist.formats.input.InputSettings;
import io.proxist.formats.io.ByteBufInput;
import io.proxist.formats.output.FormatSettings;
import io.proxist.formats.output.OutputFormat;
import io.proxist.formats.output.OutputFormats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The types a current client may send or expect over the native protocol that ClickHouse 18.16 cannot produce (so
 * the server round trips in NativeRoundTripTest cannot cover them): Map, Tuple, Date32, DateTime64 with a zone,
 * Decimal, Bool, LowCardinality-free Nullable arrays. Each is built from TabSeparated text, written as Native at a
 * protocol revision, read back, and must print the same text.
 */
class NativeModernTypesTest {
    static final String[][] COLUMNS = {
        {"m", "Map(String, UInt64)", "{'a':1,'b':2}", "{}"},
        {"t", "Tuple(Int32, String)", "(-7,'x')", "(0,'')"},
        {"d32", "Date32", "1900-01-01", "2299-12-31"},
        {"dt64", "DateTime64(9, 'UTC')", "2026-11-22 06:00:00.123456789", "1970-01-01 00:00:00.000000000"},
        {"dtz", "DateTime('Asia/Tokyo')", "2026-11-22 15:00:00", "1970-01-01 09:00:00"},
        {"dec", "Decimal(18, 4)", "-12345.6789", "0.0001"},
        {"b", "Bool", "true", "false"},
        {"na", "Array(Nullable(Int64))", "[1,NULL,-3]", "[]"},
        {"e16", "Enum16('x' = -300, 'y' = 1000)", "x", "y"},
        {"u", "UUID", "01234567-89ab-cdef-0123-456789abcdef", "00000000-0000-0000-0000-000000000000"},
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 54405, 54454, 54460})
    void modernTypesSurviveNativeAtEachRevision(int revision) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String[] c : COLUMNS) {
            names.add(c[0]);
            types.add(DataType.parse(c[1]));
        }
        for (int row = 2; row <= 3; row++) {
            for (int i = 0; i < COLUMNS.length; i++)
                text.append(i == 0 ? "" : "\t").append(COLUMNS[i][row]);
            text.append('\n');
        }
        InputFormat in = InputFormats.create("TabSeparated", names, types, InputSettings.DEFAULT);
        ByteBuf src = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        in.feed(src, true);
        Block block = in.next();
        src.release();
        assertEquals(2, block.rows());

        ByteBuf wire = Unpooled.buffer();
        NativeBlockWriter.write(block, revision, wire);
        Block back = new NativeBlockReader(new ByteBufInput(wire), revision, NativeLimits.DEFAULT).next();
        wire.release();
        assertEquals(names, back.names());
        for (int i = 0; i < types.size(); i++)
            assertEquals(types.get(i), back.column(i).type(), names.get(i));
        assertEquals(text.toString(), tsv(back), "revision " + revision);
    }

    static String tsv(Block b) {
        OutputFormat f = OutputFormats.create("TabSeparated", FormatSettings.DEFAULT);
        ByteBuf out = Unpooled.buffer();
        f.writeBlock(b, out);
        String s = out.toString(StandardCharsets.UTF_8);
        out.release();
        return s;
    }
}
