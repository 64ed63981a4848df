package io.proxist.chclient;

import io.proxist.core.config.Secret;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.net.URI;
import java.time.Duration;

/** A ClickHouse server Proxist does not own, reached at a URL. Closing it does nothing to the server. */
public final class ExternalClickHouse implements ClickHouseServer {
    private final ClickHouseEndpoint endpoint;
    private final Capabilities capabilities;

    private ExternalClickHouse(ClickHouseEndpoint endpoint, Capabilities capabilities) {
        this.endpoint = endpoint;
        this.capabilities = capabilities;
    }

    /** Connects to {@code httpUrl} and detects the server's capabilities. */
    public static ExternalClickHouse connect(URI httpUrl, int nativePort, String user, Secret password) {
        ClickHouseEndpoint ep = new ClickHouseEndpoint(httpUrl, nativePort, user, password);
        ClickHouseHttp http = new ClickHouseHttp(ep, Duration.ofSeconds(30));
        if (!http.ping()) {
            throw new ProxistException(
                    ErrorCode.ALL_CONNECTION_TRIES_FAILED, "ClickHouse does not answer /ping [url=" + httpUrl + "]");
        }
        return new ExternalClickHouse(ep, CapabilityDetector.detect(http));
    }

    @Override
    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
