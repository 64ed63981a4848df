package io.proxist.testkit;

import io.proxist.chclient.Capabilities;
import io.proxist.chclient.ClickHouseEndpoint;
import io.proxist.chclient.ClickHouseHttp;
import io.proxist.chclient.ClickHouseServer;

/**
 * What a test gets from {@link ClickHouseExtension}: the JVM's shared ClickHouse server and a database of the
 * test class's own, created before its first test and dropped after its last.
 */
public final class TestClickHouse {
    private final ClickHouseServer server;
    private final String database;

    TestClickHouse(ClickHouseServer server, String database) {
        this.server = server;
        this.database = database;
    }

    public ClickHouseServer server() {
        return server;
    }

    public ClickHouseEndpoint endpoint() {
        return server.endpoint();
    }

    public Capabilities capabilities() {
        return server.capabilities();
    }

    /** This test class's database. */
    public String database() {
        return database;
    }

    public ClickHouseHttp client() {
        return server.client();
    }

    /** Runs a statement in this test class's database and returns its TabSeparated body. */
    public String query(String sql) {
        return server.client().query(sql, database);
    }
}
