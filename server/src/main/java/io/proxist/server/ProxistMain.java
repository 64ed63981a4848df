package io.proxist.server;

import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.error.ProxistException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Proxist: {@code proxist-server [--config FILE] [--set key=value]...}. Stops on SIGINT or SIGTERM,
 * stopping the managed ClickHouse with it.
 */
public final class ProxistMain {
    private ProxistMain() {}

    public static void main(String[] args) {
        // ClickHouse closes an idle HTTP connection after keep_alive_timeout (3 s by default); the JDK client keeps
        // one for 30 s, and a request sent on a connection the server just closed fails with no response. Idle
        // upstream connections are dropped before ClickHouse drops them. Must be set before the first HttpClient.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        }
        ProxistConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | ProxistException e) {
            System.err.println("proxist: " + e.getMessage());
            System.err.println(
                    "usage: proxist-server [--config FILE] [--set key=value]...   (keys: docs/configuration.md)");
            System.exit(2);
            return;
        }
        ProxistServer server;
        try {
            server = ProxistServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("proxist: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("proxist: stopping");
                            server.close();
                            stopped.countDown();
                        },
                        "proxist-shutdown"));
        printBanner(System.out, server);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ProxistConfig parse(String[] args) {
        Path file = null;
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--config" -> file = Path.of(value(args, ++i, a));
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--set needs key=value, got: " + kv);
                    sets.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        return file == null
                ? ProxistConfig.of(sets, System.getenv())
                : ProxistConfig.fromFile(file, sets, System.getenv());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    static void printBanner(PrintStream out, ProxistServer s) {
        String host = s.host();
        out.println(
                "proxist: ready. ClickHouse " + s.clickhouse().capabilities().version() + " behind it at "
                        + s.clickhouse().endpoint().httpUrl() + " ("
                        + (s.clickhouse() instanceof ManagedClickHouse ? "managed" : "external") + ")");
        out.println("proxist: listening http=" + s.httpPort() + " native=" + s.nativePort());
        out.println("  curl http://" + host + ":" + s.httpPort() + "/ping");
        out.println("  curl 'http://" + host + ":" + s.httpPort() + "/?query=SELECT+version()'");
        out.println("  clickhouse-client --host " + host + " --port " + s.nativePort());
        out.println("  jdbc:clickhouse://" + host + ":" + s.httpPort() + "/default");
        out.println("  Ctrl-C stops Proxist and its managed ClickHouse.");
        out.flush();
    }
}
