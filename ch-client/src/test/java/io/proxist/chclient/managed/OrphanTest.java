package io.proxist.chclient.managed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed server must not outlive a JVM that dies without running any shutdown code. */
class OrphanTest {

    /** Run in a child JVM: starts a managed server, prints its pid, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(Path.of(args[0])));
            System.out.println("PID " + ch.serverPid().orElseThrow());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void sigkillOfTheJvmStopsClickHouse(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(List.of(
                        java, "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long serverPid = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PID ")) {
                    serverPid = Long.parseLong(line.substring(4).strip());
                    break;
                }
            }
            assertTrue(serverPid > 0, "the child JVM did not report a server pid");
            ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
            assertTrue(server.isAlive());
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor(30, TimeUnit.SECONDS);
            server.onExit().get(60, TimeUnit.SECONDS);
        } finally {
            jvm.destroyForcibly();
        }
    }
}
