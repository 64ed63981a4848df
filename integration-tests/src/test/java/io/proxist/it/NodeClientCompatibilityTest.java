package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The official Node.js client (@clickhouse/client, installed by ./proxist test) through Proxist. */
@WithClickHouse
class NodeClientCompatibilityTest {

    @Test
    void nodeClientWorksThroughProxist(TestClickHouse ch) throws Exception {
        Path dir = Path.of("node").toAbsolutePath();
        assertTrue(
                Files.isDirectory(dir.resolve("node_modules/@clickhouse/client")),
                "run ./proxist test (it installs the npm packages into " + dir + ")");
        try (ProxistServer proxist = ProxistUnderTest.start(ch, Map.of())) {
            ProcessBuilder pb = new ProcessBuilder(
                            List.of("node", "compat.mjs", "http://127.0.0.1:" + proxist.httpPort(), ch.database()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PROXIST_NODE_COMPACT_INSERT", "1");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("all ok"), out);
        }
    }
}
