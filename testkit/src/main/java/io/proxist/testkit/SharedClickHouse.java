package io.proxist.testkit;

import io.proxist.chclient.ClickHouseServer;
import io.proxist.chclient.ExternalClickHouse;
import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Chooses the ClickHouse server of a test JVM. With {@value #URL_ENV} set, an external server at that HTTP URL
 * ({@value #NATIVE_PORT_ENV}, {@value #USER_ENV}, {@value #PASSWORD_ENV} optional); otherwise a managed server
 * started as a child process in {@code target/test-clickhouse/}. (Where a Docker engine exists a container
 * could be a third source behind the same {@link ClickHouseServer} interface; these machines have none.)
 */
public final class SharedClickHouse {
    public static final String URL_ENV = "PROXIST_TEST_CLICKHOUSE_URL";
    public static final String NATIVE_PORT_ENV = "PROXIST_TEST_CLICKHOUSE_NATIVE_PORT";
    public static final String USER_ENV = "PROXIST_TEST_CLICKHOUSE_USER";
    public static final String PASSWORD_ENV = "PROXIST_TEST_CLICKHOUSE_PASSWORD";

    private SharedClickHouse() {}

    static ClickHouseServer start() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            String port = System.getenv(NATIVE_PORT_ENV);
            String user = System.getenv(USER_ENV);
            return ExternalClickHouse.connect(
                    URI.create(url.strip()),
                    port == null || port.isBlank() ? -1 : Integer.parseInt(port.strip()),
                    user == null || user.isBlank() ? "default" : user,
                    Secret.of(System.getenv(PASSWORD_ENV)));
        }
        Path dir = Path.of(
                "target", "test-clickhouse", UUID.randomUUID().toString().substring(0, 8));
        return ManagedClickHouse.start(ManagedClickHouse.Options.in(dir));
    }
}
