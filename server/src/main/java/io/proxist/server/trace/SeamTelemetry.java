package io.proxist.server.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.proxist.planner.seam.SeamTrace;
import io.proxist.server.admin.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What queries answered at the seam leave behind: a slow-query log line (JSON, logger {@value #SLOW_LOGGER}) for each
 * query at or over {@code query.slow-log-ms}, with the plan, the rows each side contributed and the time of each step
 * (memory reads, backend queries with their SQL and their wait for the watermark, the stitch); and, when {@code
 * tracing.otlp-endpoint} is set, OpenTelemetry spans exported over OTLP/HTTP: {@code proxist.query} with one child per
 * step ({@code proxist.seam.hot}, {@code proxist.seam.pushdown}, {@code proxist.seam.stitch}).
 */
public final class SeamTelemetry implements AutoCloseable {
    public static final String SLOW_LOGGER = "proxist.slow-query";
    private static final Logger SLOW = LoggerFactory.getLogger(SLOW_LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(SeamTelemetry.class);
    private static final int MAX_SQL = 4096;

    private final long slowNanos;
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    /**
     * @param slowMs log queries taking at least this long; 0 logs all, negative none
     * @param otlpEndpoint the OTLP/HTTP traces URL (e.g. {@code http://127.0.0.1:4318/v1/traces}), or empty: no spans
     */
    public SeamTelemetry(long slowMs, String otlpEndpoint, String serviceName) {
        this.slowNanos = slowMs < 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(slowMs);
        if (otlpEndpoint == null || otlpEndpoint.isBlank()) {
            provider = null;
            tracer = null;
        } else {
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint(otlpEndpoint.strip())
                    .setTimeout(Duration.ofSeconds(10))
                    .build();
            provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault()
                            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                            .setScheduleDelay(Duration.ofMillis(200))
                            .build())
                    .build();
            tracer = provider.get("io.proxist.seam");
            LOG.info("tracing: seam queries exported over OTLP/HTTP to {}", otlpEndpoint.strip());
        }
    }

    /** Records one query the seam answered ({@code outcome} answered) or gave up on. */
    public void record(String sql, SeamTrace trace, long endNanos, String outcome) {
        long total = endNanos - trace.startNanos();
        if (total >= slowNanos) SLOW.warn("{}", Json.line(slowLine(sql, trace, total, outcome)));
        if (tracer != null) spans(sql, trace, endNanos, outcome);
    }

    static Map<String, Object> slowLine(String sql, SeamTrace trace, long total, String outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "slow_query");
        m.put("ms", total / 1e6);
        m.put("outcome", outcome);
        m.put("plan", trace.plan());
        m.put("hot_rows", trace.hotRows());
        m.put("cold_rows", trace.coldRows());
        List<Object> steps = new ArrayList<>();
        for (SeamTrace.Step s : trace.steps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("step", s.kind());
            x.put("table", s.table());
            x.put("rows", s.rows());
            x.put("ms", s.nanos() / 1e6);
            if (s.kind().equals("cold")) {
                x.put("wait_ms", s.waitNanos() / 1e6);
                x.put("sql", clip(s.sql()));
            }
            steps.add(x);
        }
        m.put("steps", steps);
        m.put("query", clip(sql));
        return m;
    }

    private void spans(String sql, SeamTrace trace, long endNanos, String outcome) {
        // the trace holds System.nanoTime values: place them on the wall clock once
        long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        Span root = tracer.spanBuilder("proxist.query")
                .setSpanKind(SpanKind.SERVER)
                .setNoParent()
                .setStartTimestamp(trace.startNanos() + offset, TimeUnit.NANOSECONDS)
                .setAttribute("db.system", "clickhouse")
                .setAttribute("db.statement", clip(sql))
                .setAttribute("proxist.plan", trace.plan())
                .setAttribute("proxist.outcome", outcome)
                .setAttribute("proxist.hot_rows", trace.hotRows())
                .setAttribute("proxist.cold_rows", trace.coldRows())
                .startSpan();
        Context parent = Context.root().with(root);
        for (SeamTrace.Step s : trace.steps()) {
            String name =
                    switch (s.kind()) {
                        case "hot" -> "proxist.seam.hot";
                        case "cold" -> "proxist.seam.pushdown";
                        default -> "proxist.seam.stitch";
                    };
            var b = tracer.spanBuilder(name)
                    .setParent(parent)
                    .setStartTimestamp(s.startNanos() + offset, TimeUnit.NANOSECONDS)
                    .setAttribute("proxist.table", s.table())
                    .setAttribute("proxist.rows", s.rows());
            if (s.kind().equals("cold")) {
                b.setSpanKind(SpanKind.CLIENT)
                        .setAttribute("db.statement", clip(s.sql()))
                        .setAttribute("proxist.wait_ms", s.waitNanos() / 1e6);
            }
            b.startSpan().end(s.endNanos() + offset, TimeUnit.NANOSECONDS);
        }
        root.end(endNanos + offset, TimeUnit.NANOSECONDS);
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_SQL ? s : s.substring(0, MAX_SQL) + "...";
    }

    /** Exports what is pending and stops the exporter. */
    @Override
    public void close() {
        if (provider != null) provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
