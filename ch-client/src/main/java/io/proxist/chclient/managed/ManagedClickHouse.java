package io.proxist.chclient.managed;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.CapabilityDetector;
import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.chclient.ClickHouseHttp;
import io.proxist.chclient.ClickHouseServer;
import io.proxist.core.config.Secret;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local ClickHouse server that Proxist starts and stops: its own directory (config, data, logs), free
 * loopback ports, readiness by {@code /ping}, and no orphan left behind.
 *
 * <p>The server runs under {@code supervise.sh} in a session of its own (so a terminal's Ctrl-C reaches
 * Proxist, which then stops ClickHouse in order). Proxist holds the supervisor's standard input; when that
 * pipe closes, because {@link #close()} closed it or because the JVM died in any way, the supervisor sends
 * SIGTERM to the server and SIGKILL after the grace period. {@link #close()} also waits for the exit and
 * kills what is left after the timeout.
 */
public final class ManagedClickHouse implements ClickHouseServer {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedClickHouse.class);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final Process supervisor;
    private final ClickHouseEndpoint endpoint;
    private final Capabilities capabilities;
    private final Duration shutdownTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    private ManagedClickHouse(
            Path dir, Process supervisor, ClickHouseEndpoint endpoint, Capabilities caps, Duration shutdownTimeout) {
        this.dir = dir;
        this.supervisor = supervisor;
        this.endpoint = endpoint;
        this.capabilities = caps;
        this.shutdownTimeout = shutdownTimeout;
        this.shutdownHook = new Thread(this::stopProcess, "managed-clickhouse-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** How to start a managed server. */
    public record Options(
            Path directory, List<String> serverCommand, Duration startupTimeout, Duration shutdownTimeout) {
        public Options {
            serverCommand = List.copyOf(serverCommand);
        }

        /** A server in {@code directory}, found on this machine, with default timeouts. */
        public static Options in(Path directory) {
            return new Options(
                    directory,
                    ServerBinary.find(null, System.getenv("PATH")),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(15));
        }
    }

    /** Starts a server and returns once it answers queries. */
    public static ManagedClickHouse start(Options options) {
        ProxistException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(options);
            } catch (PortRaceException e) {
                LOG.warn("managed ClickHouse lost a race for its ports, retrying [attempt={}]", attempt);
                last = e;
            }
        }
        throw last;
    }

    private static ManagedClickHouse startOnce(Options options) {
        Path dir = options.directory().toAbsolutePath();
        int httpPort = FreePorts.allocate();
        int tcpPort = FreePorts.allocate();
        while (tcpPort == httpPort) {
            tcpPort = FreePorts.allocate();
        }
        Path configFile;
        Path script;
        try {
            configFile = ManagedConfig.write(dir, httpPort, tcpPort);
            script = dir.resolve("supervise.sh");
            try (InputStream in = ManagedClickHouse.class.getResourceAsStream("supervise.sh")) {
                if (in == null) {
                    throw new IllegalStateException("supervise.sh is missing from the classpath");
                }
                Files.write(script, in.readAllBytes());
            }
            Files.deleteIfExists(dir.resolve("log/clickhouse-server.err.log"));
        } catch (IOException e) {
            throw new ProxistException(
                    ErrorCode.CANNOT_OPEN_FILE, "cannot prepare the managed ClickHouse directory [dir=" + dir + "]", e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        cmd.add("sh");
        cmd.add(script.toString());
        cmd.add(Long.toString(Math.max(1, options.shutdownTimeout().toSeconds())));
        cmd.addAll(options.serverCommand());
        cmd.add("--config-file=" + configFile);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("log/stdout.log").toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ProxistException(ErrorCode.CANNOT_OPEN_FILE, "cannot start ClickHouse " + cmd, e);
        }
        ClickHouseEndpoint ep =
                new ClickHouseEndpoint(URI.create("http://127.0.0.1:" + httpPort), tcpPort, "default", Secret.of(""));
        ClickHouseHttp http = new ClickHouseHttp(ep, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        try {
            while (!http.ping()) {
                // waitFor doubles as the pause between probes and as the early exit when the server dies
                if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                    String log = tail(dir.resolve("log/clickhouse-server.err.log"), 30)
                            + tail(dir.resolve("log/stdout.log"), 10);
                    if (log.contains("Address already in use")) {
                        throw new PortRaceException(log);
                    }
                    throw new ProxistException(
                            ErrorCode.ALL_CONNECTION_TRIES_FAILED,
                            "managed ClickHouse exited during startup [exit=" + p.exitValue() + ", dir=" + dir + "]:\n"
                                    + log);
                }
                if (System.nanoTime() > deadline) {
                    kill(p);
                    throw new ProxistException(
                            ErrorCode.TIMEOUT_EXCEEDED,
                            "managed ClickHouse did not answer /ping within " + options.startupTimeout() + " [dir="
                                    + dir + "]:\n" + tail(dir.resolve("log/clickhouse-server.err.log"), 30));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            throw new ProxistException(ErrorCode.QUERY_WAS_CANCELLED, "interrupted while starting ClickHouse", e);
        }
        Capabilities caps;
        try {
            caps = CapabilityDetector.detect(new ClickHouseHttp(ep, Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            kill(p);
            throw e;
        }
        LOG.info(
                "managed ClickHouse {} ready [http={}, native={}, dir={}, pid={}]",
                caps.version(),
                httpPort,
                tcpPort,
                dir,
                serverPid(p).orElse(-1L));
        return new ManagedClickHouse(dir, p, ep, caps, options.shutdownTimeout());
    }

    @Override
    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    public Path directory() {
        return dir;
    }

    /** The pid of the ClickHouse server process itself (not its supervisor), while it runs. */
    public Optional<Long> serverPid() {
        return serverPid(supervisor);
    }

    private static Optional<Long> serverPid(Process supervisor) {
        return supervisor
                .descendants()
                .filter(h ->
                        h.info().command().map(c -> c.contains("clickhouse")).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    public boolean isRunning() {
        return supervisor.isAlive();
    }

    /** Stops the server: SIGTERM, then SIGKILL after the shutdown timeout. Idempotent. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stopProcess() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = new ArrayList<>(supervisor.descendants().toList());
        try (OutputStream stdin = supervisor.getOutputStream()) {
            stdin.flush(); // closing it is the stop signal
        } catch (IOException e) {
            // the supervisor is already gone; the descendants are handled below
        }
        try {
            if (!supervisor.waitFor(shutdownTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("managed ClickHouse did not stop in time; killing it [dir={}]", dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(supervisor);
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        LOG.info("managed ClickHouse stopped [dir={}]", dir);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }

    private static final class PortRaceException extends ProxistException {
        PortRaceException(String log) {
            super(ErrorCode.NETWORK_ERROR, "a port of the managed ClickHouse was taken:\n" + log);
        }
    }
}
