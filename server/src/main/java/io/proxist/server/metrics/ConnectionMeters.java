package io.proxist.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.proxist.protocol.netty.ConnectionCounts;
import java.util.Locale;

/** {@code proxist_connections{protocol}} open now and {@code proxist_connections_accepted_total{protocol}}. */
final class ConnectionMeters implements MeterBinder {
    private final ConnectionCounts counts;

    ConnectionMeters(ConnectionCounts counts) {
        this.counts = counts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ConnectionCounts.Protocol p : ConnectionCounts.Protocol.values()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            Gauge.builder("proxist.connections", counts, c -> c.open(p))
                    .description("Client connections open now (http: HTTP and HTTPS; native: plain and TLS)")
                    .tag("protocol", name)
                    .register(registry);
            FunctionCounter.builder("proxist.connections.accepted", counts, c -> c.accepted(p))
                    .description("Client connections accepted since start")
                    .tag("protocol", name)
                    .register(registry);
        }
    }
}
