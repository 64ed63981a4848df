package io.proxist.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WalFiles} for tests (here and in the modules that use the WAL) that fails chosen operations (QuestDB's
 * {@code FailureFileFacade}): the Nth write from now, optionally after writing only part of its buffer (a torn
 * write), the Nth fsync from now, every truncate. Each armed fault fires once. It also remembers each file's length
 * at its last successful fsync, so a test can simulate a power loss by cutting a file anywhere past that length.
 */
public final class FaultInjectingWalFiles implements WalFiles {
    private final WalFiles delegate;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();
    private final Map<Path, Long> forcedSizes = new ConcurrentHashMap<>();
    private volatile long failWriteAt = -1;
    private volatile int tornBytes;
    private volatile long failForceAt = -1;
    private volatile boolean failTruncates;
    private volatile Runnable beforeForce = () -> {};

    public FaultInjectingWalFiles(WalFiles delegate) {
        this.delegate = delegate;
    }

    public FaultInjectingWalFiles() {
        this(WalFiles.real());
    }

    /**
     * Fails the {@code n}th write from now (1 = the next one) after writing its first {@code bytesBeforeFailure}
     * bytes (0: nothing is written).
     */
    public FaultInjectingWalFiles failNthWrite(long n, int bytesBeforeFailure) {
        if (n < 1 || bytesBeforeFailure < 0) {
            throw new IllegalArgumentException("n: " + n + ", bytesBeforeFailure: " + bytesBeforeFailure);
        }
        tornBytes = bytesBeforeFailure;
        failWriteAt = writes.get() + n;
        return this;
    }

    /** Fails the {@code n}th fsync from now (1 = the next one) without syncing anything. */
    public FaultInjectingWalFiles failNthForce(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n);
        }
        failForceAt = forces.get() + n;
        return this;
    }

    /** Makes every truncate fail (or succeed again). */
    public FaultInjectingWalFiles failTruncates(boolean fail) {
        failTruncates = fail;
        return this;
    }

    /** Runs {@code hook} at the start of every fsync, in the syncing thread (it may block to hold a sync open). */
    public FaultInjectingWalFiles beforeForce(Runnable hook) {
        beforeForce = hook;
        return this;
    }

    /** Writes attempted so far. */
    public long writeCount() {
        return writes.get();
    }

    /** File fsyncs attempted so far (directory syncs are not counted). */
    public long forceCount() {
        return forces.get();
    }

    /** The file's length at its last successful fsync (0 when never synced). */
    public long forcedSize(Path file) {
        return forcedSizes.getOrDefault(file.toAbsolutePath().normalize(), 0L);
    }

    @Override
    public WalChannel open(Path file, OpenMode mode) throws IOException {
        WalChannel ch = delegate.open(file, mode);
        return new Channel(ch, file.toAbsolutePath().normalize());
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
        forcedSizes.remove(file.toAbsolutePath().normalize());
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        delegate.syncDirectory(dir);
    }

    private final class Channel implements WalChannel {
        private final WalChannel ch;
        private final Path path;

        Channel(WalChannel ch, Path path) {
            this.ch = ch;
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            long n = writes.incrementAndGet();
            if (n == failWriteAt) {
                int k = Math.min(tornBytes, src.remaining());
                if (k > 0) {
                    ByteBuffer part = src.duplicate();
                    part.limit(part.position() + k);
                    while (part.hasRemaining()) {
                        ch.write(part, position + (part.position() - src.position()));
                    }
                }
                throw new IOException(
                        "injected write failure [write=" + n + ", file=" + path + ", bytesWritten=" + k + "]");
            }
            return ch.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public void force() throws IOException {
            long n = forces.incrementAndGet();
            beforeForce.run();
            if (n == failForceAt) {
                throw new IOException("injected fsync failure [fsync=" + n + ", file=" + path + "]");
            }
            synchronized (forcedSizes) { // so a concurrent truncate cannot slip between the size and the fsync
                long size = ch.size();
                ch.force();
                forcedSizes.merge(path, size, Math::max);
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            if (failTruncates) {
                throw new IOException("injected truncate failure [file=" + path + "]");
            }
            synchronized (forcedSizes) {
                ch.truncate(size);
                forcedSizes.computeIfPresent(path, (p, s) -> Math.min(s, size));
            }
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
