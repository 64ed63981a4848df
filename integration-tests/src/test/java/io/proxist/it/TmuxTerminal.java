package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A program run in a real terminal: a tmux server of its own (private socket and configuration in a directory of the
 * caller's), one session, keys sent as a user types them, and the screen read back with {@code capture-pane}.
 *
 * <p>Waiting for the screen needs no sleeps: the pane's output is also piped ({@code pipe-pane}) into a file that a
 * {@link WatchService} watches, so {@link #awaitScreen} re-reads the screen when the program prints and otherwise
 * blocks until its deadline. The program runs under {@code sh}, which prints its exit status when it ends, and the
 * pane stays ({@code remain-on-exit}) so the last screen can be read. {@link #close()} kills the tmux server.
 */
final class TmuxTerminal implements AutoCloseable {
    /** Longest wait for one watch event: a backstop should the screen change without the pipe seeing it. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    static final String EXIT_MARK = "[exited with status ";

    private final Path dir;
    private final Path socket;
    private final Path config;
    private final Map<String, String> env;
    private final WatchService watch;
    private boolean closed;

    private TmuxTerminal(Path dir, Map<String, String> env, WatchService watch) {
        this.dir = dir;
        this.socket = dir.resolve("tmux.sock");
        this.config = dir.resolve("tmux.conf");
        this.env = env;
        this.watch = watch;
    }

    /**
     * Starts {@code command} in a {@code cols} x {@code rows} terminal, with {@code env} added to this JVM's
     * environment (HOME is {@code dir}, so the program's dot files stay there).
     */
    static TmuxTerminal start(Path dir, int cols, int rows, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("tmux.conf"),
                "set -g remain-on-exit on\nset -g history-limit 5000\nset -g status off\n",
                StandardCharsets.UTF_8);
        Path output = dir.resolve("pane.out");
        Files.writeString(output, "");
        WatchService watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_MODIFY);
        TmuxTerminal t = new TmuxTerminal(dir, env, watch);
        try {
            String shell = command.stream().map(TmuxTerminal::quote).collect(Collectors.joining(" ")) + "; echo \""
                    + EXIT_MARK + "$?]\"";
            t.tmux("new-session", "-d", "-s", "t", "-x", Integer.toString(cols), "-y", Integer.toString(rows), shell);
            t.tmux("pipe-pane", "-O", "-t", "t", "cat >> " + quote(output.toString()));
            return t;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            t.close();
            throw e;
        }
    }

    /** Types {@code text} literally, then Enter. */
    void typeLine(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "t", "-l", text);
        tmux("send-keys", "-t", "t", "Enter");
    }

    /** The pane's history and visible screen, wrapped lines joined, without the blank rows and spaces at its end. */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-").stripTrailing();
    }

    /** Waits until the screen shows {@code expected} (after {@code from} characters of it); returns the screen. */
    String awaitScreen(String expected, int from, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String s = screen();
            if (s.indexOf(expected, Math.min(from, s.length())) >= 0) {
                return s;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the terminal did not show [" + expected + "] within " + timeout + "; it shows:\n" + s);
            }
            WatchKey key = watch.poll(Math.min(left, MAX_WAIT_NANOS), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", config.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("TMUX");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tmux " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, p.exitValue(), () -> "tmux " + String.join(" ", args) + ": " + out);
        return out;
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Kills the tmux server and with it the program; safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Process p = new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "tmux kill-server did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while killing the tmux server " + socket, e);
        } finally {
            watch.close();
        }
    }
}
