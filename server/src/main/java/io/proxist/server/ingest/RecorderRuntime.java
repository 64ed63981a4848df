package io.proxist.server.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxist.core.block.Block;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.recorder.Recorder;
import io.proxist.ingest.recorder.RecorderContext;
import io.proxist.ingest.recorder.RecorderMappers;
import io.proxist.ingest.recorder.RecorderOptions;
import io.proxist.ingest.recorder.RecorderSink;
import io.proxist.ingest.recorder.RecorderTable;
import io.proxist.ingest.recorder.RejectCounters;
import io.proxist.ingest.recorder.RejectLog;
import io.proxist.schemas.SchemaCatalog;
import java.time.Duration;

/**
 * The recorder API of a running Proxist: events mapped against the built-in logical schemas, batches into the ingest
 * path ({@link IngestService#insert}: WAL, hot store, flusher), the tables' ingest policies deciding which are
 * critical, and meters {@code recorder_api_queue_usage{table}}, {@code recorder_api_events_total{table,outcome}} and
 * {@code recorder_sampling_level}.
 */
public final class RecorderRuntime {
    private RecorderRuntime() {}

    public static Recorder start(ProxistConfig config, IngestRuntime ingest, MeterRegistry registry) {
        IngestService service = ingest.service();
        SchemaCatalog catalog = SchemaCatalog.builtin();
        RecorderMappers mappers = RecorderMappers.create(
                n -> catalog.table(n).orElseThrow(),
                new RecorderContext(
                        config.get(ProxistConfigKeys.RECORDER_SOURCE),
                        config.get(ProxistConfigKeys.RECORDER_ENVIRONMENT),
                        RecorderContext.DEFAULT_SKEW_TOLERANCE_NANOS,
                        RecorderContext.systemClock()),
                new RejectCounters(),
                new RejectLog());
        RecorderOptions options = new RecorderOptions(
                config.get(ProxistConfigKeys.RECORDER_QUEUE_CAPACITY),
                config.get(ProxistConfigKeys.RECORDER_BATCH_ROWS),
                Duration.ofMillis(config.get(ProxistConfigKeys.RECORDER_FLUSH_INTERVAL_MS)),
                Duration.ofMillis(config.get(ProxistConfigKeys.RECORDER_CRITICAL_WAIT_MS)),
                Duration.ofMillis(config.get(ProxistConfigKeys.RECORDER_MARKET_DATA_MIN_INTERVAL_MS)));
        RecorderSink sink = new RecorderSink() {
            @Override
            public void insert(String table, Block rows) {
                service.insert(table, rows);
            }

            @Override
            public double backlog(String table) {
                IngestService.TableStats s = service.stats(table);
                return s.pendingRows() / (double) s.policy().maxPendingRows();
            }
        };
        Recorder r =
                new Recorder(mappers, service::manages, t -> service.policy(t).critical(), sink, options);
        for (RecorderTable t : RecorderTable.values()) {
            String table = t.tableName();
            if (!service.manages(table)) continue;
            Gauge.builder("recorder.api.queue.usage", r, x -> x.queueUsage(table))
                    .description("how full the recorder API's queue of the table is, 0 to 1")
                    .tag("table", table)
                    .register(registry);
            String[] outcomes = {"accepted", "dropped", "timed_out", "recorded", "sampled_out"};
            for (int i = 0; i < outcomes.length; i++) {
                int k = i;
                FunctionCounter.builder(
                                "recorder.api.events", r, x -> x.counters().get(table)[k])
                        .description("events through the recorder API: accepted into the queue, dropped at a full"
                                + " best-effort queue, timed out at a full critical one, recorded as rows, sampled out")
                        .tag("table", table)
                        .tag("outcome", outcomes[i])
                        .register(registry);
            }
        }
        Gauge.builder("recorder.sampling.level", r, x -> x.sampler().level())
                .description("market-data sampling level: 1 in 2^level changed snapshots per symbol recorded")
                .register(registry);
        return r;
    }
}
