package io.proxist.chclient;

import java.time.Duration;

/**
 * A ClickHouse server Proxist talks to, however it came to be: managed (a child process Proxist started),
 * external (a URL it was given), or a container where one can run. The run command, the server and the tests
 * all use this one interface.
 */
public interface ClickHouseServer extends AutoCloseable {

    ClickHouseEndpoint endpoint();

    /** The server's capabilities, detected once. */
    Capabilities capabilities();

    /** A control client for this server. */
    default ClickHouseHttp client() {
        return new ClickHouseHttp(endpoint(), Duration.ofSeconds(60));
    }

    /** Stops the server if this object owns it; releases nothing else. */
    @Override
    void close();
}
