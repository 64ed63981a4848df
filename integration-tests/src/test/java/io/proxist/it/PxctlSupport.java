package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.pxctl.Pxctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * pxctl run against a Proxist under test: in this JVM through picocli ({@link #pxctl}), or as a process through its
 * launcher ({@link #process}); INSERTs over Proxist's HTTP interface; a users file with a user that has a password.
 */
final class PxctlSupport {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path LAUNCHER =
            Path.of("..", "pxctl", "bin", "pxctl").toAbsolutePath().normalize();
    static final String OPS = "ops";
    static final String OPS_PASSWORD = "s3cret pass";

    private PxctlSupport() {}

    /** What one pxctl run printed and returned. */
    record Run(int exit, String out, String err) {
        Run expect(int code) {
            assertEquals(code, exit, "exit code; out:\n" + out + "\nerr:\n" + err);
            return this;
        }
    }

    /** A users file: default without password (the tests' HTTP clients) and {@link #OPS} with a password. */
    static Path usersFile(Path dir) throws IOException {
        Path f = dir.resolve("users.xml");
        Files.writeString(
                f,
                "<clickhouse><users><default><no_password/></default><ops><password>" + OPS_PASSWORD
                        + "</password></ops></users></clickhouse>\n");
        return f;
    }

    /** pxctl in this JVM against the admin port, as {@link #OPS} (the password from PXCTL_PASSWORD). */
    static Run pxctl(int adminPort, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PXCTL_PORT", Integer.toString(adminPort));
        env.put("PXCTL_USER", OPS);
        env.put("PXCTL_PASSWORD", OPS_PASSWORD);
        return pxctlWithEnv(env, args);
    }

    static Run pxctlWithEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Pxctl.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Run(code, out.toString(), err.toString());
    }

    /** pxctl as its own process, through pxctl/bin/pxctl (the distribution's jars), with these variables added. */
    static Run process(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertTrue(
                Files.exists(LAUNCHER.getParent().getParent().resolve("target/dist/lib")),
                "build pxctl first: ./proxist mvn -B -q -o -DskipTests install -pl pxctl");
        List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pxctl ended");
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HttpResponse<String> post(int httpPort, String database, String query, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/?database=" + database + "&query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** INSERTs {@code n} trades rows of {@code symbol} (ts from {@code clock}, 1 µs apart); asserts it is acknowledged. */
    static void insertTrades(int httpPort, String database, String symbol, AtomicLong clock, int n)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) body.append(OwnedTablesTest.row(symbol, clock.addAndGet(1_000), i, 100 + i % 7));
        HttpResponse<String> r = post(
                httpPort, database, "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated", body.toString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Polls {@code condition} every 50 ms until it holds, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        CountDownLatch met = new CountDownLatch(1);
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        try {
            poll.scheduleWithFixedDelay(
                    () -> {
                        if (condition.getAsBoolean()) met.countDown();
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            assertTrue(met.await(timeout.toMillis(), TimeUnit.MILLISECONDS), what + " within " + timeout);
        } finally {
            poll.shutdownNow();
        }
    }
}
