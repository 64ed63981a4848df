package io.proxist.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates docs/configuration.md from {@link ProxistConfigKeys}. */
public final class ConfigDocs {
    private ConfigDocs() {}

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration reference\n\n");
        sb.append("Generated from `ProxistConfigKeys` (core); do not edit by hand. Regenerate with\n");
        sb.append("`./proxist mvn -pl core test -Dtest=ConfigDocsTest -Dproxist.updateDocs=true`.\n\n");
        sb.append("Keys go in a properties file (`--config FILE`) or on the command line (`--set key=value`).\n");
        sb.append("Unknown keys and invalid values are rejected at startup, each naming its key.\n\n");
        sb.append("Secrets are not keys: the ClickHouse password comes from the environment variable `")
                .append(ProxistConfigKeys.CLICKHOUSE_PASSWORD_ENV)
                .append("` or from the file named by `clickhouse.password-file`, never from the command line,")
                .append(" and is never logged.\n\n");
        sb.append("| key | type | default | description |\n");
        sb.append("|---|---|---|---|\n");
        for (ConfigKey<?> k : ProxistConfigKeys.all()) {
            sb.append("| `")
                    .append(k.name())
                    .append("` | ")
                    .append(k.typeName().replace("|", "\\|"))
                    .append(" | ");
            sb.append(k.defaultText().isEmpty() ? "(empty)" : "`" + k.defaultText() + "`");
            sb.append(" | ").append(k.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** Writes the page: {@code ConfigDocs <path>}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }
}
