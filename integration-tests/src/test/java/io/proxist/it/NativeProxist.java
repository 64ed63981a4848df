package io.proxist.it;

import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Proxist on a managed ClickHouse of its own, for the tests of real native-protocol clients, with a database of the
 * test class's own on that ClickHouse.
 *
 * <p>The tests of real clients use a managed ClickHouse of their own (not the JVM's shared test server) so that a
 * client's default database, settings and connection state cannot disturb other test classes; it costs a few seconds
 * per class. They were first proven against ClickHouse 18.16 itself (through the byte relay Proxist's native port
 * used to be) and run unchanged against Proxist's own native server.
 *
 * <p>{@link #query} goes to ClickHouse's HTTP interface directly, not through Proxist: it is the oracle the tests
 * check what a client did against.
 */
final class NativeProxist implements AutoCloseable {
    private final ProxistServer server;
    private final String database;

    private NativeProxist(ProxistServer server, String database) {
        this.server = server;
        this.database = database;
    }

    static NativeProxist start(Class<?> testClass) {
        String tag = testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffffff);
        Path home = Path.of("target", "native-it", tag).toAbsolutePath();
        ProxistServer server = ProxistServer.start(ProxistConfig.of(
                Map.of(
                        "proxist.home", home.toString(),
                        "clickhouse.mode", "managed",
                        "http.port", "0",
                        "native.port", "0",
                        "schemas.apply", "false"),
                Map.of()));
        try {
            String database = "t_" + tag;
            server.clickhouse().client().query("CREATE DATABASE " + database);
            return new NativeProxist(server, database);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The address Proxist's native port listens on. */
    String host() {
        return server.host();
    }

    /** Proxist's native port. */
    int port() {
        return server.nativePort();
    }

    /** The test class's database. */
    String database() {
        return database;
    }

    /** Runs a statement on ClickHouse itself (not through Proxist) in the test's database; its TabSeparated body. */
    String query(String sql) {
        return server.clickhouse().client().query(sql, database);
    }

    @Override
    public void close() {
        try {
            server.clickhouse().client().query("DROP DATABASE IF EXISTS " + database);
        } finally {
            server.close();
        }
    }
}
