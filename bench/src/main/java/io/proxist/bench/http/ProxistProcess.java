package io.proxist.bench.http;

import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Proxist in a JVM of its own, so that its heap is measured alone (without the load generator's garbage) and
 * can be capped with {@code -Xmx}. As a main class it is the child: it starts Proxist in front of the ClickHouse
 * given as its argument, prints {@code @@ready <port> <collectors>}, then answers {@code reset} and
 * {@code stats} lines on its standard input with the {@link HeapSampler}'s window; the end of its input stops
 * it. As an object it is the parent's handle on such a child.
 */
final class ProxistProcess implements AutoCloseable {
    private static final String TAG = "@@";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final int port;
    private final String collectors;
    private final String xmx;

    private ProxistProcess(Process process, String xmx) throws IOException {
        this.process = process;
        this.xmx = xmx;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("proxist-child-stdout").start(() -> {
            try (BufferedReader r = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(TAG)) replies.add(line.substring(TAG.length()));
                }
            } catch (IOException e) {
                // the child is gone; await() reports it
            } finally {
                replies.add("eof");
            }
        });
        String ready = await("ready ");
        String[] p = ready.split(" ");
        this.port = Integer.parseInt(p[0]);
        this.collectors = p.length > 1 ? p[1] : "?";
    }

    /** Starts Proxist in a child JVM with {@code -Xmx<xmx>}, its log in {@code log}; returns once it serves. */
    static ProxistProcess start(URI clickhouseHttp, String xmx, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx" + xmx,
                "-Dchronicle.analytics.disable=true",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ProxistProcess.class.getName(),
                clickhouseHttp.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            return new ProxistProcess(p, xmx);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String xmx() {
        return xmx;
    }

    String collectors() {
        return collectors;
    }

    /** Starts a new heap observation window in the child. */
    void reset() throws IOException {
        send("reset");
        await("ok");
    }

    /** The child's heap over the window since {@link #reset()}. */
    HeapSampler.Stats stats() throws IOException {
        send("stats");
        return HeapSampler.Stats.decode(await("stats "));
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    private String await(String prefix) throws IOException {
        try {
            String line = replies.poll(120, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(prefix)) {
                throw new IOException("the Proxist child JVM answered " + line + " instead of " + prefix.strip()
                        + (process.isAlive() ? "" : " [exit=" + process.exitValue() + "]"));
            }
            return line.substring(prefix.length());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the Proxist child JVM", e);
        }
    }

    @Override
    public void close() {
        try {
            commands.close(); // the end of its input stops the child
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child: {@code ProxistProcess <clickhouse http url>}. */
    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ProxistServer proxist = ProxistServer.start(ProxistConfig.of(
                        Map.of(
                                "clickhouse.mode", "external",
                                "clickhouse.url", args[0],
                                "http.port", "0",
                                "native.port", "0",
                                "schemas.apply", "false"),
                        Map.of()));
                HeapSampler heap = new HeapSampler();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println(TAG + "ready " + proxist.httpPort() + " " + HeapSampler.collectors());
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.strip()) {
                    case "reset" -> {
                        heap.reset();
                        out.println(TAG + "ok");
                    }
                    case "stats" -> out.println(TAG + "stats " + heap.stats().encode());
                    default -> out.println(TAG + "error unknown command " + line);
                }
            }
        }
    }
}
