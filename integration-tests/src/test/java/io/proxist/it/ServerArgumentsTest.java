package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Configuration mistakes stop the server before it starts anything, naming the key. */
class ServerArgumentsTest {

    @Test
    void anUnknownKeyIsRejectedByName() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", Distribution.BIN.toString(), "--set", "http.prot=1"))
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("unknown configuration key [key=http.prot]"), out);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNotEchoed() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        List.of("sh", Distribution.BIN.toString(), "--set", "clickhouse.password=s3cr3t-value"))
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("PROXIST_CLICKHOUSE_PASSWORD"), out);
        assertTrue(!out.contains("s3cr3t-value"), out);
    }
}
