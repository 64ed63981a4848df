package io.proxist.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' promtool (Debian's prometheus package, installed by ./proxist test) and the deploy/ directory. */
final class MetricsPromtool {
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    static final Path ALERTS = DEPLOY.resolve("prometheus/proxist-alerts.yml");
    static final Path ALERT_TESTS = DEPLOY.resolve("prometheus/proxist-alerts.test.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/proxist.json");

    private MetricsPromtool() {}

    /** What promtool printed, and its exit code. */
    record Run(int exit, String output) {}

    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) return p;
        }
        Path debian = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(debian)) return debian;
        return fail("promtool is missing: run ./proxist test, which installs Debian's prometheus package (it has"
                + " promtool), or apt-get install prometheus");
    }

    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
