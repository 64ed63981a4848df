package io.proxist.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.proxist.pushdown.flush.BackendHealth;
import io.proxist.pushdown.flush.HealthTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's health as the flushers see it: {@code proxist_clickhouse_health{backend}} (0 HEALTHY, 1 DEGRADED,
 * 2 DOWN, the {@link BackendHealth} ordinal), its transitions and failed attempts; every change is logged (WARN
 * when it gets worse, INFO when it recovers) with the context in brackets, which the JSON log encoder turns into
 * fields.
 */
final class HealthMeters implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMeters.class);

    private final HealthTracker health;

    HealthMeters(HealthTracker health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String backend = health.backend();
        Gauge.builder("proxist.clickhouse.health", health, h -> h.state().ordinal())
                .description("ClickHouse health as the flushers see it: 0 HEALTHY, 1 DEGRADED, 2 DOWN")
                .tag("backend", backend)
                .register(registry);
        FunctionCounter.builder("proxist.clickhouse.health.transitions", health, HealthTracker::transitions)
                .description("Changes of ClickHouse health since start")
                .tag("backend", backend)
                .register(registry);
        FunctionCounter.builder("proxist.clickhouse.failures", health, HealthTracker::failuresTotal)
                .description("Attempts (inserts, key checks) that got no usable answer from ClickHouse")
                .tag("backend", backend)
                .register(registry);
        health.addListener((before, after) -> {
            if (after.ordinal() > before.ordinal()) {
                LOG.warn(
                        "clickhouse health changed [backend={}, from={}, to={}, consecutive_failures={}]",
                        backend,
                        before,
                        after,
                        health.consecutiveFailures());
            } else {
                LOG.info("clickhouse health changed [backend={}, from={}, to={}]", backend, before, after);
            }
        });
    }
}
