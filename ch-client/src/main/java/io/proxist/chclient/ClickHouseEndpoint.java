package io.proxist.chclient;

import io.proxist.core.config.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * Where a ClickHouse server listens and who Proxist is there.
 *
 * @param httpUrl base URL of its HTTP interface, e.g. {@code http://127.0.0.1:18123}
 * @param nativePort its native TCP port, or -1 when unknown
 */
public record ClickHouseEndpoint(URI httpUrl, int nativePort, String user, Secret password) {
    public ClickHouseEndpoint {
        Objects.requireNonNull(httpUrl, "httpUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    public String host() {
        return httpUrl.getHost();
    }

    public int httpPort() {
        return httpUrl.getPort();
    }
}
