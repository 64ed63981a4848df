package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python clickhouse-driver 0.2.5 (Debian's python3-clickhouse-driver, protocol revision 54453) through Proxist's
 * native port, each case without compression, with LZ4 and with ZSTD. The cases live in
 * {@code python/native_driver_check.py}, which checks its own results; this test asserts what it prints and checks
 * the tables it leaves on ClickHouse itself.
 */
class NativePythonDriverTest {
    /** The interpreter Debian's package is installed for (a python3 earlier on PATH may not see it). */
    static final String PYTHON = "/usr/bin/python3";

    static NativeProxist proxist;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(
                Files.isExecutable(Path.of(PYTHON)),
                PYTHON + " is missing: run ./proxist test (scripts/install-prereqs.sh installs what the suite needs)");
        for (String module : List.of("clickhouse_driver", "lz4.block", "zstd")) {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + module)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(
                    0,
                    p.exitValue(),
                    () -> "python module " + module + " is missing: run ./proxist test (scripts/install-prereqs.sh"
                            + " installs python3-clickhouse-driver, python3-lz4, python3-zstd): " + out);
        }
        proxist = NativeProxist.start(NativePythonDriverTest.class);
    }

    @AfterAll
    static void stop() {
        if (proxist != null) proxist.close();
    }

    /** Runs one case of the script; returns its {@code name: value} lines after checking it ended {@code ok}. */
    static Map<String, String> run(String testCase, String compression) throws IOException, InterruptedException {
        Path script = Path.of("python", "native_driver_check.py").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(
                PYTHON,
                script.toString(),
                "--host",
                proxist.host(),
                "--port",
                Integer.toString(proxist.port()),
                "--database",
                proxist.database(),
                "--compression",
                compression,
                testCase));
        // stdout carries the results; stderr (the driver logs a warning when it drops a connection) only explains
        Path stdoutFile = Files.createTempFile(tmp, testCase, ".out");
        Path stderrFile = Files.createTempFile(tmp, testCase, ".err");
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(stdoutFile, StandardCharsets.UTF_8);
        String out = stdout + "[stderr]\n" + Files.readString(stderrFile, StandardCharsets.UTF_8);
        assertTrue(finished, () -> testCase + " (" + compression + ") did not finish: " + out);
        assertEquals(0, p.exitValue(), () -> testCase + " (" + compression + "): " + out);
        return parse(testCase, compression, stdout, out);
    }

    private static Map<String, String> parse(String testCase, String compression, String stdout, String out) {
        List<String> lines = stdout.lines().toList();
        assertEquals("ok " + testCase, lines.getLast(), out);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            int colon = line.indexOf(": ");
            assertTrue(colon > 0, () -> "unexpected output line [" + line + "] in:\n" + out);
            values.put(line.substring(0, colon), line.substring(colon + 2));
        }
        String hash = values.remove("cityhash");
        assertEquals(compression.equals("none"), hash == null, out);
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void selectsSeveralTypes(String compression) throws Exception {
        assertEquals(Map.of("columns", "23"), run("select_types", compression));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void selectsALargeResultInBlocksOfMaxBlockSize(String compression) throws Exception {
        assertEquals(Map.of("rows", "100000", "largest block", "1000"), run("select_many_blocks", compression));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void insertsAndSelectsBackEveryType(String compression) throws Exception {
        assertEquals(Map.of("rows", "3"), run("insert_round_trip", compression));
        // what ClickHouse itself stored
        assertEquals(
                String.join(
                                "\t",
                                "1",
                                "-128",
                                "0",
                                "0.5",
                                "-1.25",
                                "",
                                "abcd",
                                "1970-01-02",
                                "1970-01-01 00:00:01",
                                "[]",
                                "\\N",
                                "0.0001",
                                "00000000-0000-0000-0000-000000000000",
                                "a",
                                "(0,'')")
                        + "\n"
                        + String.join(
                                "\t",
                                "2",
                                "127",
                                "18446744073709551615",
                                "-3.25",
                                "1e300",
                                "tab\\there\\nnew line \\\\ ✓",
                                "ab\\0\\0",
                                "2024-03-10",
                                "2024-03-10 07:30:00",
                                "[-1,0,2147483647]",
                                "x",
                                "-99999999999999.9999",
                                "01234567-89ab-cdef-0123-456789abcdef",
                                "b",
                                "(255,'y')")
                        + "\n"
                        + String.join(
                                "\t",
                                "3",
                                "0",
                                "12345678901234567890",
                                "1024",
                                "0.1",
                                "ünï",
                                "é\\0\\0",
                                "2105-12-31",
                                "2105-12-31 23:59:59",
                                "[7]",
                                "",
                                "12.3450",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "a",
                                "(1,'ü')")
                        + "\n",
                proxist.query("SELECT * FROM rt_" + compression + " ORDER BY id FORMAT TSV"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void insertsAQuarterMillionRowsIn250Blocks(String compression) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("count", "250000");
        expected.put("sum_id", "31249875000");
        expected.put("sum_v", "7812468750.0");
        expected.put("sum_length_s", "2389640");
        expected.put("min_d", "2020-01-01");
        expected.put("max_d", "2022-09-26");
        assertEquals(expected, run("large_insert", compression));
        assertEquals(
                "250000\t31249875000\t7812468750\t2389640\t250\n",
                proxist.query("SELECT count(), sum(id), sum(v), sum(length(s)), countIf(s LIKE '%-ü')" + " FROM big_"
                        + compression));
    }

    /** An INSERT naming a missing column fails before any data; the same connection then goes on working. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void insertIntoAMissingColumnFailsAndTheConnectionGoesOn(String compression) throws Exception {
        assertEquals(
                Map.of("raw error code", "16", "client error code", "16"), run("error_missing_column", compression));
        assertEquals("4\t100\n", proxist.query("SELECT count(), sum(v) FROM miss_" + compression));
    }

    /** The server rejects a block in the middle of an INSERT: nothing of that INSERT is stored. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void insertRejectedMidwayStoresNothing(String compression) throws Exception {
        assertEquals(Map.of("error code", "395"), run("error_mid_insert", compression));
        // only the later, good INSERT (ids from 10000) is there
        assertEquals(
                "5000\t10000\t2497500\n", proxist.query("SELECT count(), min(id), sum(v) FROM mid_" + compression));
    }

    /**
     * The client gives up in the middle of an INSERT (it cannot encode its third block) and closes the connection
     * without the end-of-data block. ClickHouse 18.16 stores the two whole blocks it had received; a server that
     * stores nothing is as right. What must not happen: a torn block, or a row of the unsent blocks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void insertAbandonedByTheClientStoresWholeBlocksOrNothing(String compression) throws Exception {
        assertEquals(Map.of("error code", "53"), run("error_abandoned_insert", compression));
        String table = "aband_" + compression;
        awaitNoQueryOn(table);
        String stored = proxist.query("SELECT count(), max(id) FROM " + table);
        assertTrue(Set.of("0\t0\n", "2000\t1999\n").contains(stored), stored);
    }

    /** Waits until ClickHouse runs no query that names {@code table} (but this one), at most 60 s. */
    static void awaitNoQueryOn(String table) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String running;
        do {
            running = proxist.query("SELECT count() FROM system.processes WHERE query LIKE '%" + table
                            + "%' AND query NOT LIKE '%system.processes%'")
                    .strip();
            if (running.equals("0")) {
                return;
            }
        } while (System.nanoTime() < deadline);
        fail(running + " queries on " + table + " still run after 60 s");
    }
}
