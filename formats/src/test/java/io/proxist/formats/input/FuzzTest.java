package io.proxist.formats.input;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.proxist.core.block.Block;
import io.proxist.core.error.ProxistException;
import io.proxist.core.type.DataType;
import io.proxist.formats.input.InputTesting.Feed;
import io.proxist.formats.nativeformat.NativeBlockWriter;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutations of valid bodies, per decoder: the outcome is blocks or a ProxistException, never another
 * exception, never a hang. The seed is in every failure message.
 */
@WithClickHouse
class FuzzTest {
    static final int ITERATIONS = 300;
    static final Map<String, byte[]> SEEDS = new LinkedHashMap<>();
    static List<String> names;
    static List<DataType> types;
    static final InputSettings SMALL = InputSettings.DEFAULT.withMaxBlockRows(7).withLimits(1 << 16, 1 << 10, 1 << 18);

    @BeforeAll
    static void seeds(TestClickHouse ch) throws Exception {
        ch.query(ServerRoundTripTest.DDL);
        ch.query(ServerRoundTripTest.EDGES);
        ch.query(ServerRoundTripTest.GENERATED.replace("LIMIT 3000", "LIMIT 12"));
        names = new ArrayList<>();
        types = new ArrayList<>();
        for (String line :
                ch.query("DESCRIBE TABLE " + ServerRoundTripTest.TABLE).split("\n")) {
            String[] f = line.split("\t");
            names.add(ServerRoundTripTest.unescape(f[0]));
            types.add(DataType.parse(ServerRoundTripTest.unescape(f[1])));
        }
        for (String format : List.of(
                "TSV", "TSVWithNamesAndTypes", "CSVWithNames", "JSONEachRow", "RowBinary", "Values", "Native")) {
            SEEDS.put(
                    format,
                    ServerRoundTripTest.fetch(
                            ch,
                            ServerRoundTripTest.ALL.replace("ORDER BY", "WHERE isFinite(f64) ORDER BY") + " FORMAT "
                                    + format));
        }
    }

    static void fuzz(String format, List<String> cols, List<DataType> colTypes, byte[] valid) {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        int blocks = 0;
        int errors = 0;
        for (int iter = 0; iter < ITERATIONS; iter++) {
            byte[] m = mutate(valid, rnd);
            Feed feed = iter % 10 == 0 ? Feed.RANDOM : Feed.WHOLE;
            try {
                blocks += InputTesting.decode(format, cols, colTypes, SMALL, m, feed, seed + iter)
                        .size();
            } catch (ProxistException expected) {
                errors++;
            } catch (RuntimeException | AssertionError | OutOfMemoryError e) {
                throw new AssertionError(
                        format + ": seed " + seed + ", iteration " + iter + " (" + feed + "): " + e, e);
            }
        }
        assertTrue(blocks + errors > 0);
    }

    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] m = valid.clone();
        int kinds = 1 + rnd.nextInt(3);
        for (int k = 0; k < kinds && m.length > 0; k++) {
            switch (rnd.nextInt(6)) {
                case 0 -> m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                case 1 -> {
                    byte[] special = "\t\n,;\"'\\[](){}:0-9eE.N".getBytes(StandardCharsets.US_ASCII);
                    m[rnd.nextInt(m.length)] = special[rnd.nextInt(special.length)];
                }
                case 2 -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
                case 3 -> {
                    int at = rnd.nextInt(m.length);
                    int n = Math.min(m.length - at, 1 + rnd.nextInt(8));
                    byte[] r = new byte[m.length - n];
                    System.arraycopy(m, 0, r, 0, at);
                    System.arraycopy(m, at + n, r, at, m.length - at - n);
                    m = r;
                }
                case 4 -> {
                    int at = rnd.nextInt(m.length);
                    int n = Math.min(m.length - at, 1 + rnd.nextInt(16));
                    int to = rnd.nextInt(m.length);
                    byte[] r = new byte[m.length + n];
                    System.arraycopy(m, 0, r, 0, to);
                    System.arraycopy(m, at, r, to, n);
                    System.arraycopy(m, to, r, to + n, m.length - to);
                    m = r;
                }
                default -> {
                    int at = rnd.nextInt(m.length);
                    m[at] = (byte) (m[at] ^ (1 << rnd.nextInt(8)));
                }
            }
        }
        return m;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void serverFormats() {
        for (Map.Entry<String, byte[]> e : SEEDS.entrySet()) fuzz(e.getKey(), names, types, e.getValue());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void fixtureFormats() {
        List<String> n = FixtureServerTest.NAMES;
        List<DataType> t = FixtureServerTest.TYPES;
        String json = FixtureServerTest.JSON_NAMES + FixtureServerTest.JSON_TYPES + FixtureServerTest.JSON_ROWS;
        fuzz("JSONCompactEachRowWithNamesAndTypes", n, t, json.getBytes(StandardCharsets.UTF_8));
        String strings = FixtureServerTest.JSON_NAMES + FixtureServerTest.JSON_STRING_ROWS;
        fuzz("JSONCompactStringsEachRowWithNames", n, t, strings.getBytes(StandardCharsets.UTF_8));
        FixtureServerTest.Rb typed = new FixtureServerTest.Rb();
        FixtureServerTest.header(typed, true);
        FixtureServerTest.rows(typed, false);
        fuzz("RowBinaryWithNamesAndTypes", n, t, typed.bytes());
        FixtureServerTest.Rb defaults = new FixtureServerTest.Rb();
        FixtureServerTest.rows(defaults, true);
        fuzz("RowBinaryWithDefaults", n, t, defaults.bytes());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void newerTypes() {
        List<String> n = List.of("m", "b", "d32", "dt64", "ip4", "ip6", "i128", "t", "lc");
        List<DataType> t = InputTesting.types(
                "Map(String, Array(Nullable(UInt64)))",
                "Bool",
                "Date32",
                "DateTime64(3, 'Europe/Paris')",
                "IPv4",
                "IPv6",
                "Int128",
                "Tuple(a Int8, b Decimal(20, 4))",
                "LowCardinality(String)");
        String json = """
                {"m": {"k": [1, null, "18446744073709551615"]}, "b": true, "d32": "1900-01-01", "dt64": "2024-10-27 02:30:00.123", "ip4": "10.0.0.1", "ip6": "::1", "i128": "-170141183460469231731687303715884105728", "t": {"a": -1, "b": "12.5"}, "lc": "x"}
                {"m": {}, "b": 0, "d32": 0, "dt64": 1.5, "ip4": "0.0.0.0", "ip6": "2001:db8::ff00:42:8329", "i128": 1, "t": [2, 3], "lc": ""}
                """;
        fuzz("JSONEachRow", n, t, json.getBytes(StandardCharsets.UTF_8));
        String values = "({'k': [1, NULL]}, true, '1900-01-01', '2024-10-27 02:30:00.123', '10.0.0.1', '::1', -5,"
                + " (-1, 12.5), 'x'), ({}, 0, '2299-12-31', 1.5, '0.0.0.0', '::', 1, (2, 3), '')";
        fuzz("Values", n, t, values.getBytes(StandardCharsets.UTF_8));
        List<Block> blocks = InputTesting.decode("Values", n, t, InputSettings.DEFAULT, values);
        ByteBuf out = Unpooled.buffer();
        try {
            for (Block b : blocks) NativeBlockWriter.write(b, 0, out);
            byte[] nativeBody = new byte[out.readableBytes()];
            out.readBytes(nativeBody);
            fuzz("Native", n, t, nativeBody);
        } finally {
            out.release();
        }
        String tsv = "{'k':[1,NULL]}\ttrue\t1900-01-01\t2024-10-27 02:30:00.123\t10.0.0.1\t::1\t-5\t(-1,12.5)\tx\n";
        fuzz("TSV", n, t, tsv.getBytes(StandardCharsets.UTF_8));
        fuzz(
                "CSV",
                n,
                t,
                "\"{'k':[1,NULL]}\",1,1900-01-01,1.5,10.0.0.1,::1,7,\"(-1,12.5)\",x\n"
                        .getBytes(StandardCharsets.UTF_8));
    }
}
