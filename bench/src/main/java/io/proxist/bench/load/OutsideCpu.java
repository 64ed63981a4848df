package io.proxist.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy the machine was with work that is not the benchmark's: the CPU time of the whole machine
 * ({@code /proc/stat}) minus that of this JVM and all its descendants (the managed ClickHouse, the Proxist child
 * JVMs), over a phase, in cores. On a shared machine it tells a quiet measurement from a disturbed one. Linux
 * only; {@link Double#NaN} elsewhere.
 */
public final class OutsideCpu {
    /** USER_HZ: the unit of the tick counts in /proc, 100 on every Linux architecture Proxist runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private OutsideCpu() {}

    /** A reading: machine busy ticks, the benchmark's own ticks, and when. */
    public record Reading(long machine, long ours, long nanos) {
        /** The other processes' average CPU use since {@code start}, in cores. */
        public double coresSince(Reading start) {
            if (machine < 0 || start.machine < 0) return Double.NaN;
            double seconds = (nanos - start.nanos) / 1e9;
            long others = (machine - start.machine) - (ours - start.ours);
            return Math.max(0, others / TICKS_PER_SECOND / seconds);
        }
    }

    public static Reading read() {
        long nanos = System.nanoTime();
        try {
            return new Reading(machineBusy(), ours(), nanos);
        } catch (IOException | RuntimeException e) {
            return new Reading(-1, -1, nanos);
        }
    }

    /** user + nice + system + irq + softirq + steal of all CPUs (idle and iowait left out). */
    private static long machineBusy() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
                return busy;
            }
        }
        throw new IOException("no cpu line in /proc/stat");
    }

    private static long ours() {
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(h -> pids.add(h.pid()));
        long ticks = 0;
        for (long pid : pids) ticks += ticks(pid);
        return ticks;
    }

    /** utime + stime of a process (all its threads), 0 when it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
