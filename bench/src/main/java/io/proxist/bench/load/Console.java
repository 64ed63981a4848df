package io.proxist.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/** What the end-to-end benchmarks tell as they go: progress lines on standard error, the machine's load. */
public final class Console {
    private Console() {}

    /** A time-stamped progress line on standard error. */
    public static void progress(String fmt, Object... args) {
        System.err.printf(
                Locale.ROOT,
                "%s [bench] " + fmt + "%n",
                Stream.concat(Stream.of(LocalTime.now().withNano(0)), Arrays.stream(args))
                        .toArray());
    }

    /** The 1, 5 and 15-minute load averages. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
