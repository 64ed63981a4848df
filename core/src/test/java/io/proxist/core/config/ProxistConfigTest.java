package io.proxist.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxistConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ProxistConfig c = ProxistConfig.defaults(Map.of());
        assertEquals(8123, c.get(ProxistConfigKeys.HTTP_PORT));
        assertEquals(9000, c.get(ProxistConfigKeys.NATIVE_PORT));
        assertEquals(ClickHouseMode.MANAGED, c.get(ProxistConfigKeys.CLICKHOUSE_MODE));
        assertTrue(c.clickhousePassword().isEmpty());
        for (ConfigKey<?> k : ProxistConfigKeys.all()) {
            assertFalse(k.description().isBlank(), k.name());
        }
    }

    @Test
    void unknownKeysAreRejectedByName() {
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> ProxistConfig.of(Map.of("http.prot", "1", "native.port", "9001"), Map.of()));
        assertEquals(ErrorCode.INVALID_CONFIG_PARAMETER, e.code());
        assertTrue(e.getMessage().contains("unknown configuration key [key=http.prot]"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKeyAndAllProblemsAreReported() {
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> ProxistConfig.of(
                        Map.of("http.port", "70000", "clickhouse.mode", "cloud", "schemas.apply", "yes"), Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("[key=http.port, value=70000]: out of range [0..65535]"), m);
        assertTrue(m.contains("[key=clickhouse.mode, value=cloud]: not one of managed|external"), m);
        assertTrue(m.contains("[key=schemas.apply, value=yes]"), m);
    }

    @Test
    void aPasswordIsNotAKey() {
        ProxistException e = assertThrows(
                ProxistException.class, () -> ProxistConfig.of(Map.of("clickhouse.password", "hunter2"), Map.of()));
        assertTrue(e.getMessage().contains(ProxistConfigKeys.CLICKHOUSE_PASSWORD_ENV), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void passwordComesFromTheEnvironmentFirstThenItsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        Map<String, String> raw = Map.of("clickhouse.password-file", file.toString());
        assertEquals(
                "from-file",
                ProxistConfig.of(raw, Map.of()).clickhousePassword().reveal());
        ProxistConfig c = ProxistConfig.of(raw, Map.of(ProxistConfigKeys.CLICKHOUSE_PASSWORD_ENV, "from-env"));
        assertEquals("from-env", c.clickhousePassword().reveal());
        assertFalse(c.toString().contains("from-env"));
        assertEquals("<redacted>", c.clickhousePassword().toString());
    }

    @Test
    void aMissingPasswordFileIsReportedWithItsKey(@TempDir Path dir) {
        ProxistException e = assertThrows(
                ProxistException.class,
                () -> ProxistConfig.of(
                        Map.of("clickhouse.password-file", dir.resolve("nope").toString()), Map.of()));
        assertTrue(e.getMessage().contains("[key=clickhouse.password-file"), e.getMessage());
    }

    @Test
    void readsPropertiesFilesWithOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("proxist.properties");
        Files.writeString(file, "http.port=18123\nnative.port=19000\n");
        ProxistConfig c = ProxistConfig.fromFile(file, Map.of("native.port", "19001"), Map.of());
        assertEquals(18123, c.get(ProxistConfigKeys.HTTP_PORT));
        assertEquals(19001, c.get(ProxistConfigKeys.NATIVE_PORT));
    }
}
