package io.proxist.server.admin;

import io.proxist.server.ingest.IngestRuntime;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rows per second each table's flusher got into ClickHouse: its rows-inserted counter sampled once a second, the
 * rate taken over the last {@link #WINDOW_SECONDS} seconds (less just after start).
 */
final class FlushRates implements AutoCloseable {
    static final int WINDOW_SECONDS = 10;

    private final IngestRuntime ingest;
    private final Map<String, ArrayDeque<long[]>> samples = new LinkedHashMap<>();
    private ScheduledExecutorService sampler;

    FlushRates(IngestRuntime ingest) {
        this.ingest = ingest;
        if (ingest != null) {
            for (String t : ingest.service().tableNames()) samples.put(t, new ArrayDeque<>());
        }
    }

    void start() {
        if (ingest == null) return;
        sample();
        sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("proxist-admin-rates").factory());
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        for (Map.Entry<String, ArrayDeque<long[]>> e : samples.entrySet()) {
            ArrayDeque<long[]> q = e.getValue();
            q.addLast(new long[] {now, ingest.flusher(e.getKey()).stats().rowsInserted()});
            while (q.size() > WINDOW_SECONDS + 1) q.pollFirst();
        }
    }

    /** Rows per second into ClickHouse over the window, counting the rows inserted since the last sample too. */
    synchronized double rowsPerSecond(String table) {
        ArrayDeque<long[]> q = samples.get(table);
        if (q == null || q.isEmpty()) return 0;
        long[] first = q.peekFirst();
        long now = System.nanoTime();
        long rows = ingest.flusher(table).stats().rowsInserted();
        double seconds = (now - first[0]) / 1e9;
        return seconds <= 0 ? 0 : (rows - first[1]) / seconds;
    }

    @Override
    public void close() {
        if (sampler != null) sampler.shutdownNow();
    }
}
