package io.proxist.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.core.dict.SymbolDictionary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unclean shutdown: a child JVM writes and halts without closing the store; this JVM then opens the directory
 * (Chronicle Map recovery) and checks that everything the child reported complete is there, consistent.
 */
class CrashRecoveryTest {
    static final int RUNS = 4;

    @TempDir
    Path dir;

    @Test
    void everythingCompletedBeforeAHaltIsRecovered() throws Exception {
        Path store = dir.resolve("store");
        long previousT = 0;
        for (int run = 0; run < RUNS; run++) {
            int haltAfter = 200 + 300 * run;
            List<String> out = runChild(store, run, haltAfter);
            assertEquals("opened unclean=false", out.get(0), "a first open, or the parent closed the store before");
            assertEquals("phaseA done", out.get(1));
            String[] completed = out.get(2).split(" ");
            assertEquals("completed", completed[0], String.join("\n", out));

            try (MetadataStore s = MetadataStore.open(store)) {
                assertTrue(s.recoveryReport().uncleanShutdown(), "run " + run);
                // Chronicle reports the segment locks the dead process held and the entries its halt cut short (it
                // drops those); what matters is below: nothing that had completed is lost.
                System.out.println("run " + run + " recovery: " + s.recoveryReport());

                SymbolDictionary d = s.symbols();
                for (int i = 0; i < CrashWriter.PHASE_A_SYMBOLS; i++) assertEquals(i, d.find("S" + i));
                Set<String> values = new HashSet<>();
                for (int id = 0; id < d.size(); id++) {
                    String v = d.value(id);
                    assertTrue(values.add(v), "duplicate value " + v);
                    assertEquals(id, d.find(v));
                }
                for (int t = 0; t < CrashWriter.INTERN_THREADS; t++) {
                    int done = Integer.parseInt(completed[1 + t]);
                    assertTrue(done >= haltAfter, out.get(2));
                    for (int i = 0; i < done; i++) {
                        String name = CrashWriter.name(run, t, i);
                        assertTrue(d.find(name) >= 0, "lost " + name + " (run " + run + ")");
                    }
                }

                long reportedT = Long.parseLong(completed[1 + CrashWriter.INTERN_THREADS + 1]);
                Watermark w = s.watermarks().get(CrashWriter.TABLE);
                assertNotNull(w);
                assertTrue(w.tPersistedNanos() >= reportedT, w + " < reported " + reportedT);
                assertTrue(w.tPersistedNanos() > previousT, "watermark moved forward in run " + run);
                assertEquals(w.tPersistedNanos() * 10, w.walPosition(), "T and position written together: " + w);
                assertEquals(CrashWriter.LOG_ID, w.walLogId());
                previousT = w.tPersistedNanos();

                long reportedFrontier = Long.parseLong(completed[1 + CrashWriter.INTERN_THREADS + 3]);
                int[] entries = new int[1];
                s.frontier().forEach(CrashWriter.FRONTIER_TABLE, (symbol, row) -> {
                    ByteBuffer b = ByteBuffer.wrap(row);
                    assertEquals(12, row.length);
                    assertEquals(symbol, b.getInt(), "a row under the wrong key");
                    assertEquals(symbol, b.getLong() % 50, "a torn row");
                    entries[0]++;
                });
                // The entry being written at the halt may have been dropped by recovery (its checksum failed).
                long expected = Math.min(50, reportedFrontier + 1);
                assertTrue(entries[0] >= expected - 1 && entries[0] <= 50, entries[0] + " frontier entries");

                assertEquals(
                        List.of(new SnapshotEntry(CrashWriter.TABLE, 100, "trades-100.snap", 0xCAFEBABE)),
                        s.snapshots().list(CrashWriter.TABLE));
            }
        }
    }

    private static List<String> runChild(Path store, int run, int haltAfter) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:jdwp")) cmd.add(arg);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashWriter.class.getName());
        cmd.add(store.toString());
        cmd.add(Integer.toString(run));
        cmd.add(Integer.toString(haltAfter));
        Path stdout = Files.createTempFile(store.getParent(), "child-" + run + "-", ".out");
        Path stderr = Files.createTempFile(store.getParent(), "child-" + run + "-", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + Files.readString(stderr));
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(CrashWriter.HALT_STATUS, p.exitValue(), "child exit; stderr:\n" + err);
        List<String> all = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : all) {
            if (line.startsWith(CrashWriter.MARK)) lines.add(line.substring(CrashWriter.MARK.length()));
        }
        assertEquals(3, lines.size(), "child stdout: " + all + "\nstderr:\n" + err);
        return lines;
    }
}
