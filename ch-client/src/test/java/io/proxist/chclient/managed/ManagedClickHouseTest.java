package io.proxist.chclient.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.ClickHouseHttp;
import io.proxist.core.error.ProxistException;
import io.proxist.core.error.UpstreamException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real ClickHouse servers as child processes. */
class ManagedClickHouseTest {

    @Test
    void startsAnswersStopsAndLeavesNoProcess(@TempDir Path dir) throws Exception {
        long serverPid;
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir))) {
            assertTrue(ch.isRunning());
            ClickHouseHttp http = ch.client();
            assertTrue(http.ping());
            assertEquals("2\n", http.query("SELECT 1 + 1"));
            String tz = http.query("SELECT timezone()").strip();
            assertTrue(tz.equals("UTC") || tz.equals("Etc/UTC"), tz);
            assertTrue(ch.endpoint().httpPort() > 0 && ch.endpoint().nativePort() > 0);
            assertEquals("127.0.0.1", ch.endpoint().host());
            assertTrue(Files.exists(dir.resolve("log/clickhouse-server.log")), "keeps its log in a file");
            assertTrue(Files.isDirectory(dir.resolve("data")), "keeps its data in its own directory");
            serverPid = ch.serverPid().orElseThrow();
            UpstreamException e = assertThrows(UpstreamException.class, () -> http.query("SELECT * FROM nope"));
            assertEquals(60, e.codeNumber());
        }
        ProcessHandle.of(serverPid).ifPresent(h -> {
            throw new AssertionError("ClickHouse still running after close: pid " + h.pid());
        });
    }

    @Test
    void detectsTheCapabilitiesOfTheInstalledServer(@TempDir Path dir) {
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir))) {
            Capabilities caps = ch.capabilities();
            String version = ch.client().query("SELECT version()").strip();
            assertEquals(version, caps.version().toString());
            assertTrue(caps.outputFormats().contains("Native"));
            assertTrue(caps.inputFormats().contains("TabSeparated"));
            boolean hasDt64 = probe(ch.client(), "SELECT toDateTime64(0, 3)");
            assertEquals(hasDt64, caps.dateTime64());
            if (!caps.version().atLeast(19, 0)) {
                // Debian's 18.16: none of the modern features
                assertFalse(caps.dateTime64() || caps.asofJoin() || caps.windowFunctions() || caps.ttl());
                assertFalse(caps.lowCardinality() || caps.tableComments());
                assertFalse(caps.outputFormats().contains("JSONCompactEachRow"));
            }
        }
    }

    @Test
    void keepsItsDataAcrossRestarts(@TempDir Path dir) {
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir))) {
            ch.client().query("CREATE TABLE default.kept (x UInt64) ENGINE = MergeTree ORDER BY x");
            ch.client().query("INSERT INTO default.kept VALUES (7)");
        }
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir))) {
            assertEquals("7\n", ch.client().query("SELECT x FROM default.kept"));
        }
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("fake-clickhouse-server");
        Files.writeString(fake, "#!/bin/sh\necho 'fake server: cannot start' >&2\nexit 3\n");
        assertTrue(fake.toFile().setExecutable(true));
        ManagedClickHouse.Options opts = new ManagedClickHouse.Options(
                dir.resolve("ch"), List.of(fake.toString()), Duration.ofSeconds(20), Duration.ofSeconds(5));
        ProxistException e = assertThrows(ProxistException.class, () -> ManagedClickHouse.start(opts));
        assertTrue(e.getMessage().contains("exited during startup"), e.getMessage());
        assertTrue(e.getMessage().contains("fake server: cannot start"), e.getMessage());
    }

    @Test
    void aServerThatIgnoresSigtermIsKilledAfterTheTimeout(@TempDir Path dir) throws Exception {
        // a real server behind a wrapper that ignores SIGTERM: close() must still leave nothing behind
        Path wrapper = dir.resolve("stubborn-clickhouse");
        String real = String.join(" ", ServerBinary.find(null, System.getenv("PATH")));
        Files.writeString(wrapper, "#!/bin/sh\ntrap '' TERM\n" + real + " \"$@\" &\nwait $!\nwait $!\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        ManagedClickHouse.Options opts = new ManagedClickHouse.Options(
                dir.resolve("ch"), List.of(wrapper.toString()), Duration.ofSeconds(60), Duration.ofSeconds(1));
        ManagedClickHouse ch = ManagedClickHouse.start(opts);
        List<ProcessHandle> tree = ProcessHandle.current()
                .descendants()
                .filter(h -> h.info()
                        .commandLine()
                        .map(c -> c.contains(dir.toString()))
                        .orElse(false))
                .toList();
        assertFalse(tree.isEmpty());
        ch.close();
        for (ProcessHandle h : tree) {
            h.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "left behind: " + h.info());
        }
    }

    @Test
    void aMissingBinaryIsExplained() {
        ProxistException e =
                assertThrows(ProxistException.class, () -> ServerBinary.find("/nonexistent/clickhouse", ""));
        assertTrue(e.getMessage().contains("[path=/nonexistent/clickhouse]"), e.getMessage());
    }

    private static boolean probe(ClickHouseHttp http, String sql) {
        try {
            http.query(sql);
            return true;
        } catch (UpstreamException e) {
            return false;
        }
    }
}
