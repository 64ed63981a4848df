package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server distribution built by the server module, started as the run command starts it. */
final class Distribution implements AutoCloseable {
    static final Path BIN = Path.of("..", "server", "target", "dist", "bin", "proxist-server")
            .toAbsolutePath()
            .normalize();
    private static final Pattern LISTENING = Pattern.compile("proxist: listening http=(\\d+) native=(\\d+)");

    final Process process;
    final int httpPort;
    final int nativePort;
    final StringBuilder output = new StringBuilder();

    private Distribution(Process process, int httpPort, int nativePort) {
        this.process = process;
        this.httpPort = httpPort;
        this.nativePort = nativePort;
    }

    /** Starts the distribution with SIGINT at its default disposition, as a terminal would, and waits until it serves. */
    static Distribution start(Path home, String... extraArgs) throws IOException {
        assertTrue(Files.exists(BIN), "build the server distribution first: " + BIN);
        List<String> cmd = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT",
                "sh",
                BIN.toString(),
                "--set",
                "http.port=0",
                "--set",
                "native.port=0",
                "--set",
                "proxist.home=" + home));
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Distribution d = new Distribution(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                d.output.append(seen);
                CompletableFuture.runAsync(() -> d.drain(out));
                return d;
            }
        }
        throw new AssertionError("proxist-server exited before serving:\n" + seen);
    }

    private void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Sends a signal by name (INT, TERM) to the server JVM. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
