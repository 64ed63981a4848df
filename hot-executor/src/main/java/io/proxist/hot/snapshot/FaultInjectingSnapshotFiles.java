package io.proxist.hot.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SnapshotFiles} for tests (here and in the modules that write snapshots) that fails chosen operations,
 * like the WAL's {@code FaultInjectingWalFiles}: the Nth write from now, optionally after writing only part of its
 * buffer (a torn write), the Nth file fsync, the Nth rename, the Nth directory sync. Each armed fault fires once.
 */
public final class FaultInjectingSnapshotFiles implements SnapshotFiles {
    private final SnapshotFiles delegate;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong renames = new AtomicLong();
    private final AtomicLong directorySyncs = new AtomicLong();
    private volatile long failWriteAt = -1;
    private volatile int tornBytes;
    private volatile long failForceAt = -1;
    private volatile long failRenameAt = -1;
    private volatile long failDirectorySyncAt = -1;

    public FaultInjectingSnapshotFiles(SnapshotFiles delegate) {
        this.delegate = delegate;
    }

    public FaultInjectingSnapshotFiles() {
        this(SnapshotFiles.real());
    }

    /**
     * Fails the {@code n}th write from now (1 = the next one) after writing its first {@code bytesBeforeFailure}
     * bytes (0: nothing is written).
     */
    public FaultInjectingSnapshotFiles failNthWrite(long n, int bytesBeforeFailure) {
        if (n < 1 || bytesBeforeFailure < 0) {
            throw new IllegalArgumentException("n: " + n + ", bytesBeforeFailure: " + bytesBeforeFailure);
        }
        tornBytes = bytesBeforeFailure;
        failWriteAt = writes.get() + n;
        return this;
    }

    /** Fails the {@code n}th file fsync from now (1 = the next one) without syncing anything. */
    public FaultInjectingSnapshotFiles failNthForce(long n) {
        failForceAt = forces.get() + check(n);
        return this;
    }

    /** Fails the {@code n}th rename from now without renaming. */
    public FaultInjectingSnapshotFiles failNthRename(long n) {
        failRenameAt = renames.get() + check(n);
        return this;
    }

    /** Fails the {@code n}th directory sync from now without syncing. */
    public FaultInjectingSnapshotFiles failNthDirectorySync(long n) {
        failDirectorySyncAt = directorySyncs.get() + check(n);
        return this;
    }

    private static long check(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n);
        }
        return n;
    }

    /** Writes attempted so far. */
    public long writeCount() {
        return writes.get();
    }

    /** File fsyncs attempted so far (directory syncs are not counted). */
    public long forceCount() {
        return forces.get();
    }

    public long renameCount() {
        return renames.get();
    }

    public long directorySyncCount() {
        return directorySyncs.get();
    }

    @Override
    public SnapshotChannel create(Path file) throws IOException {
        return new Channel(delegate.create(file), file);
    }

    @Override
    public SnapshotChannel openRead(Path file) throws IOException {
        return new Channel(delegate.openRead(file), file);
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        long n = renames.incrementAndGet();
        if (n == failRenameAt) {
            throw new IOException("injected rename failure [rename=" + n + ", from=" + from + ", to=" + to + "]");
        }
        delegate.rename(from, to);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        long n = directorySyncs.incrementAndGet();
        if (n == failDirectorySyncAt) {
            throw new IOException("injected directory sync failure [sync=" + n + ", dir=" + dir + "]");
        }
        delegate.syncDirectory(dir);
    }

    private final class Channel implements SnapshotChannel {
        private final SnapshotChannel ch;
        private final Path path;

        Channel(SnapshotChannel ch, Path path) {
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
            if (n == failForceAt) {
                throw new IOException("injected fsync failure [fsync=" + n + ", file=" + path + "]");
            }
            ch.force();
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
