package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of the durable ingest path: a separate writer process ({@code python/crash_writer.py}, the Python
 * clickhouse-driver over the native protocol) inserts numbered batches into trades and prints each batch Proxist
 * acknowledged; Proxist (the distribution, a process of its own, in front of the test's ClickHouse) is killed with
 * SIGKILL after a random number of acknowledgements and started again on the same directory, and the writer resends
 * the one batch whose answer it never saw (a client retry). At the end, through Proxist and in ClickHouse itself:
 * every acknowledged row is there exactly once, a batch whose fate the client never learnt is there whole or not at
 * all, nothing else is there, and no key is there twice (count by key, and count with FINAL).
 *
 * <p>Seeded ({@code -Dproxist.test.seed}); {@code -Dproxist.crash.iterations} (default 20) sets the number of kills.
 */
@WithClickHouse
class CrashRecoveryTest {
    private static final Path WRITER = Path.of("python", "crash_writer.py").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRowSurvivesSigkillExactlyOnce(TestClickHouse ch, @TempDir Path home) throws Exception {
        long seed = Long.getLong("proxist.test.seed", System.nanoTime() & 0xffffffffL);
        int iterations = Integer.getInteger("proxist.crash.iterations", 20);
        Random rnd = new Random(seed);
        String why = " (seed " + seed + ", -Dproxist.test.seed=" + seed + ")";
        TreeSet<Integer> acked = new TreeSet<>();
        Set<Integer> unknown = new HashSet<>();
        int next = 0;
        int retry = -1;
        for (int it = 0; it < iterations; it++) {
            try (Distribution proxist = start(ch, home)) {
                Process writer = writer(proxist.nativePort, ch.database(), seed, next, retry);
                int killAfter = 1 + rnd.nextInt(8);
                int seen = 0;
                int failed = -1;
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        String[] f = line.split(" ");
                        if (f[0].equals("ACK")) {
                            int b = Integer.parseInt(f[1]);
                            acked.add(b);
                            unknown.remove(b);
                            next = Math.max(next, b + 1);
                            if (++seen == killAfter) proxist.signal("KILL");
                        } else if (f[0].equals("FAIL")) {
                            failed = Integer.parseInt(f[1]);
                        } else {
                            fail("writer said: " + line + why);
                        }
                    }
                }
                assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "writer exits" + why);
                assertEquals(3, writer.exitValue(), "the writer stops when Proxist dies" + why);
                assertTrue(failed >= 0, "the writer saw the kill" + why);
                if (!acked.contains(failed)) unknown.add(failed);
                next = Math.max(next, failed + 1);
                retry = acked.contains(failed) ? -1 : failed;
                proxist.process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        // the expected keys: every acknowledged batch; the unknown ones are checked whole-or-nothing
        Map<String, Integer> batchOf = keys(seed, next);
        try (Distribution proxist = start(ch, home)) {
            List<String> through = lines(query(
                    proxist, ch.database(), "SELECT symbol, toString(ts), seq FROM trades ORDER BY symbol, ts, seq"));
            check(through, batchOf, acked, unknown, "through Proxist" + why);
        }
        List<String> stored = lines(ch.query("SELECT symbol, toString(ts), seq FROM trades ORDER BY symbol, ts, seq"));
        check(stored, batchOf, acked, unknown, "in ClickHouse" + why);
        assertEquals(
                ch.query("SELECT count() FROM (SELECT DISTINCT symbol, ts, seq FROM trades)")
                        .strip(),
                ch.query("SELECT count() FROM trades FINAL").strip(),
                "FINAL and the count by key agree" + why);
        assertTrue(acked.size() >= iterations, "every iteration acknowledged batches" + why);
        System.out.printf(
                "crash test: %d kills, %d batches acknowledged, %d unacknowledged (%s), %d rows%s%n",
                iterations, acked.size(), unknown.size(), unknown, stored.size(), why);
    }

    private static void check(
            List<String> rows, Map<String, Integer> batchOf, Set<Integer> acked, Set<Integer> unknown, String where) {
        Map<Integer, Integer> perBatch = new HashMap<>();
        Set<String> distinct = new HashSet<>();
        for (String r : rows) {
            assertTrue(distinct.add(r), "no key twice " + where + ": " + r);
            Integer b = batchOf.get(r);
            if (b == null) fail("a row no batch has " + where + ": " + r);
            perBatch.merge(b, 1, Integer::sum);
        }
        Map<Integer, Integer> size = new HashMap<>();
        batchOf.values().forEach(b -> size.merge(b, 1, Integer::sum));
        for (int b : acked) {
            assertEquals(size.get(b), perBatch.getOrDefault(b, 0), "acknowledged batch " + b + " whole " + where);
        }
        for (int b : unknown) {
            int n = perBatch.getOrDefault(b, 0);
            assertTrue(
                    n == 0 || n == size.get(b), "unacknowledged batch " + b + " whole or absent " + where + ": " + n);
        }
        for (int b : perBatch.keySet()) {
            assertTrue(acked.contains(b) || unknown.contains(b), "batch " + b + " was never sent " + where);
        }
    }

    /** Every batch's keys (symbol, ts as nanoseconds, seq) as the writer makes them. */
    private static Map<String, Integer> keys(long seed, int upTo) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(NativePythonDriverTest.PYTHON, WRITER.toString(), "--seed", Long.toString(seed), "--rows-of"));
        for (int i = 0; i < upTo; i++) cmd.add(Integer.toString(i));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Integer> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                out.put(line.substring(tab + 1), Integer.parseInt(line.substring(0, tab)));
            }
        }
        assertEquals(0, p.waitFor(), "crash_writer.py --rows-of");
        return out;
    }

    private static Distribution start(TestClickHouse ch, Path home) throws IOException {
        return Distribution.start(
                home,
                "--set",
                "clickhouse.mode=external",
                "--set",
                "clickhouse.url=" + ch.endpoint().httpUrl(),
                "--set",
                "clickhouse.database=" + ch.database(),
                "--set",
                "ingest.tables=trades",
                "--set",
                "snapshot.interval-seconds=1");
    }

    private static Process writer(int port, String database, long seed, int first, int retry) throws IOException {
        return new ProcessBuilder(
                        NativePythonDriverTest.PYTHON,
                        WRITER.toString(),
                        "--port",
                        Integer.toString(port),
                        "--database",
                        database,
                        "--seed",
                        Long.toString(seed),
                        "--first",
                        Integer.toString(first),
                        "--retry",
                        Integer.toString(retry))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private String query(Distribution d, String database, String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.httpPort + "/?database=" + database
                                + "&query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        for (String l : body.split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }
}
