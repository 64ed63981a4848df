package io.proxist.it;

import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import java.util.HashMap;
import java.util.Map;

/** Proxist in this JVM in front of the test's ClickHouse (external mode), on free ports. */
final class ProxistUnderTest {
    private ProxistUnderTest() {}

    static ProxistServer start(TestClickHouse ch, Map<String, String> extra) {
        Map<String, String> cfg = new HashMap<>(Map.of(
                "clickhouse.mode", "external",
                "clickhouse.url", ch.endpoint().httpUrl().toString(),
                "http.port", "0",
                "native.port", "0",
                "schemas.apply", "false"));
        try {
            // its own directory each time: WAL, metadata (locked while open) and snapshots are per process
            cfg.put(
                    "proxist.home",
                    java.nio.file.Files.createTempDirectory("proxist-it").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        cfg.putAll(extra);
        return ProxistServer.start(ProxistConfig.of(cfg, Map.of()));
    }
}
