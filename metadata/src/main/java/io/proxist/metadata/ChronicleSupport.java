package io.proxist.metadata;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The one place that touches Chronicle Map's builders: analytics off, files created or recovered.
 *
 * <p>Chronicle libraries send usage analytics to an outside host unless {@value #ANALYTICS_PROPERTY} is
 * {@code true}; the property is set here, before any Chronicle class initialises (this class's own initialiser runs
 * before its first use of a builder), and also on every JVM command line that loads Chronicle (see the module
 * README for the full flag list needed on Java 25).
 */
final class ChronicleSupport {
    static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";
    static final String ANNOUNCER_PROPERTY = "chronicle.announcer.disable";

    static {
        disableAnalytics();
    }

    private ChronicleSupport() {}

    /** Turns off Chronicle's usage analytics (and its start-up banner); call before any Chronicle class loads. */
    static void disableAnalytics() {
        System.setProperty(ANALYTICS_PROPERTY, "true");
        System.setProperty(ANNOUNCER_PROPERTY, "true");
    }

    /**
     * Opens the map persisted to {@code file}: creates it when absent, opens it as is after a clean shutdown, and
     * otherwise runs Chronicle's recovery (which resets the segment locks a dead process held and drops or repairs
     * entries whose checksums fail), adding what it reports to {@code corruptions}.
     */
    static <K, V> ChronicleMap<K, V> open(
            ChronicleMapBuilder<K, V> builder, File file, boolean cleanShutdown, List<String> corruptions) {
        String name = file.getName();
        try {
            if (!Files.exists(file.toPath()) || cleanShutdown) {
                return builder.createPersistedTo(file);
            }
            ChronicleHashCorruption.Listener listener = c -> {
                synchronized (corruptions) {
                    corruptions.add(name + ": " + c.message());
                }
            };
            // false: take the configuration from the file's header, not from this builder, so that changed
            // capacity options never reinterpret an existing file.
            return builder.recoverPersistedTo(file, false, listener);
        } catch (IOException | RuntimeException e) {
            throw new ProxistException(
                    ErrorCode.CANNOT_OPEN_FILE,
                    "cannot open metadata map [file=" + file + ", recover=" + !cleanShutdown + "]: " + e,
                    e);
        }
    }
}
