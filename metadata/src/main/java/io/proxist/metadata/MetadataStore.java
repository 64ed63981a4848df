package io.proxist.metadata;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.hash.ChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Proxist's persistent metadata in one directory: the symbol dictionary, the watermark per table, the frontier
 * cache and the snapshot manifest, each a persisted Chronicle Map (memory-mapped file).
 *
 * <p>One process opens a directory at a time ({@value #LOCK_FILE} is locked while open). {@link #close} writes
 * {@value #CLEAN_FILE} after the maps are closed; {@link #open} deletes it. An open that finds no marker next to
 * existing map files knows the previous process died with the store open and runs Chronicle Map's recovery on
 * every file (the segment locks the dead process held are reset, entries are verified by their checksums); the
 * {@link #recoveryReport report} says whether that happened and what it found.
 *
 * <p>Durability: every write is in the mapped file (the page cache) when the call returns, so it survives the
 * death of the process (kill -9, {@code Runtime.halt}), not a power loss or kernel crash (Chronicle Map does not
 * msync). See the module README.
 */
public final class MetadataStore implements AutoCloseable {
    static final String LOCK_FILE = "LOCK";
    static final String CLEAN_FILE = "CLEAN_SHUTDOWN";
    static final String SYMBOLS_FILE = "symbols.cm3";
    static final String WATERMARKS_FILE = "watermarks.cm3";
    static final String FRONTIER_FILE = "frontier.cm3";
    static final String SNAPSHOTS_FILE = "snapshots.cm3";

    static {
        // Before any Chronicle class initialises: Chronicle reports usage to an outside host unless disabled.
        ChronicleSupport.disableAnalytics();
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<ChronicleHash<?, ?, ?, ?>> maps;
    private final PersistentSymbolDictionary symbols;
    private final Watermarks watermarks;
    private final FrontierCache frontier;
    private final SnapshotManifest snapshots;
    private final MetadataRecoveryReport report;
    private boolean closed;

    private MetadataStore(
            Path dir,
            FileChannel lockChannel,
            FileLock lock,
            List<ChronicleHash<?, ?, ?, ?>> maps,
            PersistentSymbolDictionary symbols,
            Watermarks watermarks,
            FrontierCache frontier,
            SnapshotManifest snapshots,
            MetadataRecoveryReport report) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.maps = maps;
        this.symbols = symbols;
        this.watermarks = watermarks;
        this.frontier = frontier;
        this.snapshots = snapshots;
        this.report = report;
    }

    /** Opens (creating when absent, recovering after an unclean shutdown) the store in {@code dir}. */
    public static MetadataStore open(Path dir) {
        return open(dir, MetadataOptions.defaults());
    }

    public static MetadataStore open(Path dir, MetadataOptions options) {
        FileChannel lockChannel = null;
        List<ChronicleHash<?, ?, ?, ?>> maps = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, dir);
            boolean existing = Files.exists(dir.resolve(SYMBOLS_FILE))
                    || Files.exists(dir.resolve(WATERMARKS_FILE))
                    || Files.exists(dir.resolve(FRONTIER_FILE))
                    || Files.exists(dir.resolve(SNAPSHOTS_FILE));
            boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_FILE));
            if (clean) fsyncDirectory(dir);
            List<String> corruptions = new ArrayList<>();

            ChronicleMap<CharSequence, Integer> symbolMap = ChronicleSupport.open(
                    ChronicleMap.of(CharSequence.class, Integer.class)
                            .name("proxist-symbols")
                            .entries(options.symbolEntries())
                            .averageKeySize(options.symbolAverageBytes())
                            .maxBloatFactor(options.maxBloatFactor())
                            .checksumEntries(true)
                            .sparseFile(true),
                    dir.resolve(SYMBOLS_FILE).toFile(),
                    clean,
                    corruptions);
            maps.add(symbolMap);
            ChronicleMap<CharSequence, byte[]> watermarkMap = ChronicleSupport.open(
                    ChronicleMap.of(CharSequence.class, byte[].class)
                            .name("proxist-watermarks")
                            .entries(options.tableEntries())
                            .averageKeySize(24)
                            .averageValueSize(WatermarkDescriptor.LENGTH)
                            .maxBloatFactor(options.maxBloatFactor())
                            .checksumEntries(true)
                            .sparseFile(true),
                    dir.resolve(WATERMARKS_FILE).toFile(),
                    clean,
                    corruptions);
            maps.add(watermarkMap);
            ChronicleMap<CharSequence, byte[]> frontierMap = ChronicleSupport.open(
                    ChronicleMap.of(CharSequence.class, byte[].class)
                            .name("proxist-frontier")
                            .entries(options.frontierEntries())
                            .averageKeySize(32)
                            .averageValueSize(options.frontierAverageRowBytes())
                            .maxBloatFactor(options.maxBloatFactor())
                            .checksumEntries(true)
                            .sparseFile(true),
                    dir.resolve(FRONTIER_FILE).toFile(),
                    clean,
                    corruptions);
            maps.add(frontierMap);
            ChronicleMap<CharSequence, byte[]> snapshotMap = ChronicleSupport.open(
                    ChronicleMap.of(CharSequence.class, byte[].class)
                            .name("proxist-snapshots")
                            .entries(options.snapshotEntries())
                            .averageKeySize(32)
                            .averageValueSize(64)
                            .maxBloatFactor(options.maxBloatFactor())
                            .checksumEntries(true)
                            .sparseFile(true),
                    dir.resolve(SNAPSHOTS_FILE).toFile(),
                    clean,
                    corruptions);
            maps.add(snapshotMap);

            PersistentSymbolDictionary symbols = new PersistentSymbolDictionary(symbolMap);
            Watermarks watermarks = new Watermarks(watermarkMap, corruptions);
            FrontierCache frontier = new FrontierCache(frontierMap);
            SnapshotManifest snapshots = new SnapshotManifest(snapshotMap, corruptions);
            MetadataRecoveryReport report = new MetadataRecoveryReport(existing && !clean, corruptions);
            return new MetadataStore(
                    dir, lockChannel, lock, List.copyOf(maps), symbols, watermarks, frontier, snapshots, report);
        } catch (IOException | RuntimeException e) {
            RuntimeException closing = closeAll(maps);
            if (closing != null) e.addSuppressed(closing);
            if (lockChannel != null) {
                try {
                    lockChannel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof ProxistException p) throw p;
            throw new ProxistException(
                    ErrorCode.CANNOT_OPEN_FILE, "cannot open metadata store [dir=" + dir + "]: " + e, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new ProxistException(
                    ErrorCode.CANNOT_OPEN_FILE, "metadata store is open in another process or store [dir=" + dir + "]");
        }
        return lock;
    }

    public Path dir() {
        return dir;
    }

    /** The symbol dictionary (hot-executor's symbol column ids). */
    public PersistentSymbolDictionary symbols() {
        return symbols;
    }

    public Watermarks watermarks() {
        return watermarks;
    }

    public FrontierCache frontier() {
        return frontier;
    }

    public SnapshotManifest snapshots() {
        return snapshots;
    }

    /** What this open found: whether the previous process closed the store, and any corruption recovery found. */
    public MetadataRecoveryReport recoveryReport() {
        return report;
    }

    /** Closes the maps, records the clean shutdown and releases the directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        RuntimeException failure = closeAll(maps);
        try {
            if (failure == null) {
                Path marker = dir.resolve(CLEAN_FILE);
                try (FileChannel ch = FileChannel.open(
                        marker,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.force(true);
                }
                fsyncDirectory(dir);
            }
        } catch (IOException e) {
            failure = new UncheckedIOException("cannot record clean shutdown [dir=" + dir + "]", e);
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                if (failure == null) failure = new UncheckedIOException(e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /** Closes every map; returns the first failure with the later ones suppressed, or {@code null}. */
    private static RuntimeException closeAll(List<ChronicleHash<?, ?, ?, ?>> maps) {
        RuntimeException failure = null;
        for (ChronicleHash<?, ?, ?, ?> m : maps) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public String toString() {
        return "MetadataStore[dir=" + dir + ", symbols=" + symbols.size() + "]";
    }
}
