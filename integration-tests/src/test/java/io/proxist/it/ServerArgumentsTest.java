package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Configuration mistakes stop the server before it starts anything, naming the key. */
class ServerArgumentsTest {

    @Test
    void anUnknownKeyIsRejectedByName() throws Exception {
        String out = runExpectingExit2("--set", "http.prot=1");
        assertTrue(out.contains("unknown configuration key [key=http.prot]"), out);
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndNotEchoed() throws Exception {
        String out = runExpectingExit2("--set", "clickhouse.password=s3cr3t-value");
        assertTrue(out.contains("PROXIST_CLICKHOUSE_PASSWORD"), out);
        assertFalse(out.contains("s3cr3t-value"), out);
    }

    private static String runExpectingExit2(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", Distribution.BIN.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        return out;
    }
}
