package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian clickhouse-client (18.16, native protocol revision 54412, so settings in the old typed binary form and
 * LZ4-compressed blocks by default) through Proxist's native port: --query, --multiquery, INSERT with data on stdin,
 * errors and their exit codes, and the interactive client in a real terminal (tmux).
 */
class NativeClickHouseClientTest {
    /** The end of the interactive client's prompt ({@code <display name> :) }). */
    static final String PROMPT = ":)";

    static NativeProxist proxist;
    static final List<TmuxTerminal> TERMINALS = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        proxist = NativeProxist.start(NativeClickHouseClientTest.class);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (TmuxTerminal t : TERMINALS) {
                t.close();
            }
        } finally {
            if (proxist != null) proxist.close();
        }
    }

    record Run(int exit, String out, String err) {}

    /** clickhouse-client against Proxist's native port and the test database, {@code stdin} as its input. */
    static Run client(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "clickhouse-client",
                "--host",
                proxist.host(),
                "--port",
                Integer.toString(proxist.port()),
                "--database",
                proxist.database()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("clickhouse-client " + args[args.length - 1] + " did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static String ok(Run r) {
        assertEquals(0, r.exit(), () -> "exit " + r.exit() + ", stderr: " + r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void selectsSeveralTypes() throws Exception {
        String out = ok(client(
                "",
                "--query",
                "SELECT toInt8(-8) AS i8, toUInt64(18446744073709551615) AS u64, toInt64(-9223372036854775808) AS i64,"
                        + " toFloat32(0.5) AS f32, toFloat64(-1.25) AS f64, 'tab\\there\\\\' AS s, 'ünï ✓' AS utf,"
                        + " toDate('2024-03-10') AS d, toDateTime('2024-03-10 02:30:00', 'UTC') AS dt, [1, 2, 3] AS arr,"
                        + " ['x', NULL] AS arr_n, NULL AS n, toNullable('x') AS ns, toDecimal64(12.345, 3) AS dec,"
                        + " toUUID('01234567-89ab-cdef-0123-456789abcdef') AS u, toFixedString('ab', 3) AS fs,"
                        + " CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS e, (1, 'y') AS tup"
                        + " FORMAT TSVWithNamesAndTypes"));
        assertEquals(
                String.join(
                                "\t", "i8", "u64", "i64", "f32", "f64", "s", "utf", "d", "dt", "arr", "arr_n", "n",
                                "ns", "dec", "u", "fs", "e", "tup")
                        + "\n"
                        + String.join(
                                "\t",
                                "Int8",
                                "UInt64",
                                "Int64",
                                "Float32",
                                "Float64",
                                "String",
                                "String",
                                "Date",
                                "DateTime(\\'UTC\\')",
                                "Array(UInt8)",
                                "Array(Nullable(String))",
                                "Nullable(Nothing)",
                                "Nullable(String)",
                                "Decimal(18, 3)",
                                "UUID",
                                "FixedString(3)",
                                "Enum8(\\'a\\' = 1, \\'b\\' = 2)",
                                "Tuple(UInt8, String)")
                        + "\n"
                        + String.join(
                                "\t",
                                "-8",
                                "18446744073709551615",
                                "-9223372036854775808",
                                "0.5",
                                "-1.25",
                                "tab\\there\\\\",
                                "ünï ✓",
                                "2024-03-10",
                                "2024-03-10 02:30:00",
                                "[1,2,3]",
                                "['x',NULL]",
                                "\\N",
                                "x",
                                "12.345",
                                "01234567-89ab-cdef-0123-456789abcdef",
                                "ab\\0",
                                "b",
                                "(1,'y')")
                        + "\n",
                out);
    }

    @Test
    void streamsALargeResultInManyBlocks() throws Exception {
        int n = 200_000;
        String out = ok(client(
                "",
                "--max_block_size=1000",
                "--query",
                "SELECT number, toString(number * 3) FROM system.numbers LIMIT " + n));
        StringBuilder expected = new StringBuilder();
        for (long i = 0; i < n; i++) {
            expected.append(i).append('\t').append(i * 3).append('\n');
        }
        assertEquals(expected.toString(), out);
    }

    /** Settings travel in the Query packet (typed binary form at this revision) and the server applies them. */
    @Test
    void appliesSettingsFromTheCommandLine() throws Exception {
        // Limits are checked per block: with blocks of 10 rows the result breaks after the third block.
        String out = ok(client(
                "",
                "--max_block_size=10",
                "--max_result_rows=25",
                "--result_overflow_mode=break",
                "--query",
                "SELECT number FROM system.numbers LIMIT 1000"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            expected.append(i).append('\n');
        }
        assertEquals(expected.toString(), out);
    }

    @Test
    void runsSeveralStatementsWithMultiquery() throws Exception {
        // 18.16's client takes the data of an INSERT ... VALUES in multiquery mode up to the end of its line.
        String out = ok(client(
                "",
                "--multiquery",
                "--query",
                "CREATE TABLE mq (x UInt32, s String) ENGINE = Memory;\n"
                        + "INSERT INTO mq VALUES (1, 'a'), (2, 'b'), (3, 'c');\n"
                        + "SELECT sum(x) FROM mq;\n"
                        + "SELECT s, x FROM mq ORDER BY x DESC;\n"
                        + "SELECT count() FROM mq WHERE s = 'b'"));
        assertEquals("6\nc\t3\nb\t2\na\t1\n1\n", out);
        assertEquals("1\ta\n2\tb\n3\tc\n", proxist.query("SELECT x, s FROM mq ORDER BY x"));
    }

    @Test
    void insertsCsvFromStdinInManyBlocksAndSelectsItBack() throws Exception {
        ok(client(
                "",
                "--query",
                "CREATE TABLE csv_t (id UInt32, name String, price Float64, d Date, tags Array(String),"
                        + " note Nullable(String)) ENGINE = MergeTree ORDER BY id"));
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            // every field written the way ClickHouse writes CSV, so the round trip is byte-equal
            csv.append(i)
                    .append(",\"name ")
                    .append(i)
                    .append(i % 7 == 0 ? ", with \"\"quotes\"\" and ✓" : "")
                    .append("\",")
                    .append(i % 4 == 0 ? Integer.toString(i / 4) : i + ".25")
                    .append(",\"")
                    .append(i % 2 == 0 ? "2024-03-10" : "1970-01-02")
                    .append("\",\"")
                    .append(i % 3 == 0 ? "[]" : "['t" + i + "','x']")
                    .append("\",")
                    .append(i % 5 == 0 ? "\\N" : "\"n" + i + "\"")
                    .append('\n');
        }
        // 100 rows a block: the client sends 25 Data packets and the terminating empty one
        ok(client(csv.toString(), "--max_insert_block_size=100", "--query", "INSERT INTO csv_t FORMAT CSV"));
        assertEquals(
                csv.toString(),
                ok(client("", "--max_block_size=300", "--query", "SELECT * FROM csv_t ORDER BY id FORMAT CSV")));
        assertEquals("2500\t3126250\n", proxist.query("SELECT count(), sum(id) FROM csv_t"));
    }

    @Test
    void unknownTableFailsWithCode60() throws Exception {
        Run r = client("", "--query", "SELECT * FROM no_such_table");
        assertEquals(60, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Code: 60"), r.err());
        assertTrue(r.err().contains("no_such_table doesn't exist"), r.err());
        assertTrue(r.err().contains("Received exception from server"), r.err());
    }

    @Test
    void syntaxErrorFailsWithCode62() throws Exception {
        Run r = client("", "--query", "SELEC 1");
        assertEquals(62, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Code: 62"), r.err());
        assertTrue(r.err().contains("Syntax error: failed at position 1"), r.err());
    }

    /** The exit code is the error code modulo 256, and the statements before the failing one have run. */
    @Test
    void multiqueryStopsAtTheFirstError() throws Exception {
        Run r = client("", "--multiquery", "--query", "SELECT 1;\nSELECT * FROM nope;\nSELECT 2");
        assertEquals(60, r.exit(), r.err());
        assertEquals("1\n", r.out());
        assertTrue(r.err().contains("Code: 60"), r.err());
    }

    @Test
    void interactiveSessionInATerminal() throws Exception {
        TmuxTerminal t = TmuxTerminal.start(
                tmp.resolve("tty"),
                120,
                40,
                Map.of("LANG", "C.UTF-8"),
                List.of(
                        "clickhouse-client",
                        "--host",
                        proxist.host(),
                        "--port",
                        Integer.toString(proxist.port()),
                        "--database",
                        proxist.database()));
        TERMINALS.add(t);
        Duration timeout = Duration.ofSeconds(30);
        String screen = t.awaitScreen(PROMPT, 0, timeout);
        assertTrue(screen.contains("Connected to ClickHouse server version"), screen);
        assertFalse(screen.contains(TmuxTerminal.EXIT_MARK), screen);

        int mark = screen.length();
        t.typeLine("SELECT 40 + 2 AS answer, 'é' AS s, currentDatabase() = '" + proxist.database() + "' AS here");
        screen = t.awaitScreen("1 rows in set.", mark, timeout);
        String result = screen.substring(mark);
        assertTrue(result.contains("┌─answer─┬─s─┬─here─┐"), screen);
        assertTrue(result.contains("│     42 │ é │    1 │"), screen);
        assertTrue(result.contains("└────────┴───┴──────┘"), screen);

        mark = t.awaitScreen(PROMPT, screen.indexOf("1 rows in set.", mark), timeout)
                .length();
        t.typeLine("SELECT * FROM no_such_table");
        screen = t.awaitScreen("Code: 60", mark, timeout);
        assertTrue(screen.substring(mark).contains("no_such_table doesn't exist"), screen);

        mark = t.awaitScreen(PROMPT, screen.indexOf("Code: 60", mark), timeout).length();
        t.typeLine("exit");
        screen = t.awaitScreen(TmuxTerminal.EXIT_MARK, mark, timeout);
        assertTrue(screen.substring(mark).contains("Bye."), screen);
        assertTrue(screen.substring(mark).contains(TmuxTerminal.EXIT_MARK + "0]"), screen);
        t.close();
    }
}
