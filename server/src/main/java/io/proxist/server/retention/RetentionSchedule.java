package io.proxist.server.retention;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the partition-maintenance job every interval on a daemon thread of its own; close stops it. */
public final class RetentionSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
    private final ScheduledExecutorService timer;

    private RetentionSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** @param intervalSeconds 0: never on its own */
    public static RetentionSchedule start(PartitionRetention job, int intervalSeconds) {
        if (intervalSeconds <= 0) return new RetentionSchedule(null);
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "proxist-retention");
            th.setDaemon(true);
            return th;
        });
        t.scheduleWithFixedDelay(
                () -> {
                    try {
                        job.run(Instant.now(), false);
                    } catch (RuntimeException e) {
                        LOG.warn("retention: partition maintenance failed, trying again next interval", e);
                    }
                },
                intervalSeconds,
                intervalSeconds,
                TimeUnit.SECONDS);
        return new RetentionSchedule(t);
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
