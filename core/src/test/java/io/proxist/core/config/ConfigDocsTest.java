package io.proxist.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must be what {@link ConfigDocs} generates from the keys. */
class ConfigDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");

    @Test
    void theReferencePageIsCurrent() throws IOException {
        String expected = ConfigDocs.render();
        if (Boolean.getBoolean("proxist.updateDocs")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        assertEquals(
                expected,
                actual,
                "docs/configuration.md is stale: run ./proxist mvn -pl core test -Dtest=ConfigDocsTest -Dproxist.updateDocs=true");
    }
}
