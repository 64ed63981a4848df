package io.proxist.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.File;
import javax.net.ssl.SSLException;

/** The server TLS context from tls.certificate and tls.private-key, or null when TLS is not configured. */
final class Tls {
    private Tls() {}

    static SslContext serverContext(ProxistConfig config) {
        String cert = config.get(ProxistConfigKeys.TLS_CERTIFICATE);
        if (cert.isEmpty()) return null;
        String key = config.get(ProxistConfigKeys.TLS_PRIVATE_KEY);
        try {
            return SslContextBuilder.forServer(new File(cert), new File(key)).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ProxistException(
                    ErrorCode.INVALID_CONFIG_PARAMETER,
                    "cannot load TLS certificate or key [tls.certificate=" + cert + ", tls.private-key=" + key + "]: "
                            + e.getMessage(),
                    e);
        }
    }
}
