package io.proxist.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.proxist.core.block.Block;
import io.proxist.core.query.BlockCursor;
import java.util.concurrent.TimeUnit;

/**
 * A result's cursor that records the statement's latency once, when it is closed; the first failing call counts the
 * statement as failed (once).
 */
final class TimedCursor implements BlockCursor {
    private final BlockCursor delegate;
    private final Timer timer;
    private final Counter errors;
    private final long startNanos;
    private boolean recorded;
    private boolean failed;

    TimedCursor(BlockCursor delegate, Timer timer, Counter errors, long startNanos) {
        this.delegate = delegate;
        this.timer = timer;
        this.errors = errors;
        this.startNanos = startNanos;
    }

    @Override
    public Block header() {
        try {
            return delegate.header();
        } catch (RuntimeException e) {
            failed();
            throw e;
        }
    }

    @Override
    public Block next() {
        try {
            return delegate.next();
        } catch (RuntimeException e) {
            failed();
            throw e;
        }
    }

    private void failed() {
        if (failed) return;
        failed = true;
        errors.increment();
    }

    @Override
    public Block totals() {
        return delegate.totals();
    }

    @Override
    public Block extremes() {
        return delegate.extremes();
    }

    @Override
    public long rowsRead() {
        return delegate.rowsRead();
    }

    @Override
    public long bytesRead() {
        return delegate.bytesRead();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            if (!recorded) {
                recorded = true;
                timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
