package io.proxist.bench.tcp;

import static io.proxist.bench.load.Console.loadAverage;
import static io.proxist.bench.load.Console.progress;
import static io.proxist.bench.load.MarkdownTable.cell;

import io.proxist.bench.load.LoadGenerator;
import io.proxist.bench.load.LoadResult;
import io.proxist.bench.load.MarkdownTable;
import io.proxist.bench.load.OutsideCpu;
import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The native TCP protocol end to end: one managed ClickHouse, Proxist in this JVM in front of it (serving the
 * native protocol itself), and the same client, clickhouse-native-jdbc, measuring both side by side in one run:
 * latency at a fixed rate well below saturation (open loop, corrected for coordinated omission), then the most a
 * few closed-loop connections get, for {@code SELECT 1}, with and without LZ4-compressed blocks.
 *
 * <p>Prints Markdown tables on standard output, progress on standard error. {@code --help} lists the options.
 */
public final class NativeLatencyBench {
    private static final String DIRECT = "ClickHouse direct";
    private static final String PROXIST = "Proxist";

    private final Options o;
    private final PrintStream out;
    private final int direct;
    private final int proxist;

    private NativeLatencyBench(Options o, PrintStream out, int direct, int proxist) {
        this.o = o;
        this.out = out;
        this.direct = direct;
        this.proxist = proxist;
    }

    /** The run's knobs, as {@code --name=value} arguments. */
    record Options(
            String query,
            List<String> compression,
            double rate,
            int connections,
            Duration warmup,
            Duration duration,
            Duration prewarm,
            int closedConnections,
            Duration closedWarmup,
            Duration closedDuration,
            int repeat) {

        static final String USAGE = """
                usage: NativeLatencyBench [--name=value ...]
                  --query=SELECT 1           the query sent (every row of its answer is read)
                  --compression=lz4,none     blocks in LZ4 frames (the driver's default) and/or uncompressed
                  --rate=200                 open-loop requests per second (all connections together)
                  --connections=2            open-loop connections (one worker thread each)
                  --warmup=5 --duration=20   open-loop seconds before and while measuring
                  --prewarm=5                closed-loop seconds per scenario and server before anything is measured
                  --closed-connections=4     closed-loop (maximum throughput) connections
                  --closed-warmup=3 --closed-duration=10
                  --repeat=1                 repetitions of every measurement (tables then show median (min-max))
                """;

        static Options parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) return null;
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("not --name=value: " + arg);
                a.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            Options o = new Options(
                    take(a, "query", "SELECT 1"),
                    List.of(take(a, "compression", "lz4,none").split(",")),
                    Double.parseDouble(take(a, "rate", "200")),
                    Integer.parseInt(take(a, "connections", "2")),
                    seconds(take(a, "warmup", "5")),
                    seconds(take(a, "duration", "20")),
                    seconds(take(a, "prewarm", "5")),
                    Integer.parseInt(take(a, "closed-connections", "4")),
                    seconds(take(a, "closed-warmup", "3")),
                    seconds(take(a, "closed-duration", "10")),
                    Integer.parseInt(take(a, "repeat", "1")));
            if (!a.isEmpty()) throw new IllegalArgumentException("unknown options " + a.keySet());
            for (String c : o.compression()) {
                if (!c.equals("lz4") && !c.equals("none")) {
                    throw new IllegalArgumentException("--compression: " + c + " (expected: lz4, none)");
                }
            }
            return o;
        }

        private static String take(Map<String, String> a, String name, String dflt) {
            String v = a.remove(name);
            return v == null ? dflt : v;
        }

        private static Duration seconds(String s) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(Options.USAGE);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("proxist-native-bench-");
        boolean done = false;
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("clickhouse")))) {
            int direct = ch.endpoint().nativePort();
            try (ProxistServer p = ProxistServer.start(ProxistConfig.of(
                    Map.of(
                            "clickhouse.mode", "external",
                            "clickhouse.url", ch.endpoint().httpUrl().toString(),
                            "http.port", "0",
                            "native.port", "0",
                            "schemas.apply", "false"),
                    Map.of()))) {
                NativeLatencyBench bench = new NativeLatencyBench(o, out, direct, p.nativePort());
                bench.header(ch);
                bench.latency();
                out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
            }
            done = true;
        } finally {
            if (done) {
                deleteTree(dir);
            } else {
                progress("failed; ClickHouse's log is kept in %s", dir);
            }
        }
    }

    private void header(ManagedClickHouse ch) throws SQLException {
        Runtime.Version v = Runtime.version();
        out.printf(
                Locale.ROOT,
                "# Native TCP protocol: Proxist next to ClickHouse direct%n%n"
                        + "- date: %s%n- ClickHouse %s (managed, native port %d), Proxist in this JVM (native port %d)%n"
                        + "- client: clickhouse-native-jdbc %s (client revision 54380), one connection per worker;"
                        + " server versions it sees: %s direct, %s through Proxist%n"
                        + "- JDK %s (%s), %d CPUs seen, max heap %d MiB%n- load average at the start: %s%n"
                        + "- options: %s%n"
                        + "- other CPU: the CPU the rest of the machine used during a phase (all processes but this"
                        + " JVM and its descendants), in cores of the %d%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                ch.capabilities().version(),
                direct,
                proxist,
                driverVersion(),
                serverVersion(direct),
                serverVersion(proxist),
                v,
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                loadAverage(),
                o,
                Runtime.getRuntime().availableProcessors());
    }

    private static String driverVersion() {
        String v =
                com.github.housepower.jdbc.ClickHouseDriver.class.getPackage().getImplementationVersion();
        return v == null ? "2.7.1" : v;
    }

    private static String serverVersion(int port) throws SQLException {
        try (Connection c = NativeJdbcCaller.connect(port)) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A query with compressed or plain blocks. */
    private record Scenario(String name, boolean compressed) {}

    private record Measured(String scenario, String server, int run, LoadResult result, double outside) {}

    private void latency() throws InterruptedException, SQLException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String c : o.compression()) {
            boolean lz4 = c.equals("lz4");
            scenarios.add(new Scenario("`" + o.query() + "`, " + (lz4 ? "LZ4 blocks" : "uncompressed"), lz4));
        }
        for (Scenario s : scenarios) {
            NativeJdbcCaller.compression(s.compressed());
            sameAnswer();
        }
        long seed = 1;
        for (Scenario s : scenarios) {
            for (int target : List.of(direct, proxist)) {
                progress(
                        "pre-warming %s on %s for %d s",
                        s.name(), name(target), o.prewarm().toSeconds());
                NativeJdbcCaller.compression(s.compressed());
                LoadResult r = LoadGenerator.closedLoop(
                        connector(target), o.connections(), Duration.ZERO, o.prewarm(), seed++);
                warnErrors(r);
            }
        }
        List<Measured> open = new ArrayList<>();
        List<Measured> closed = new ArrayList<>();
        for (int run = 1; run <= o.repeat(); run++) {
            // the order alternates from run to run, so that a drift of the machine does not favour one side
            List<Integer> order = run % 2 == 1 ? List.of(direct, proxist) : List.of(proxist, direct);
            for (Scenario s : scenarios) {
                NativeJdbcCaller.compression(s.compressed());
                for (int target : order) {
                    progress(
                            "run %d: %s on %s, open loop at %.0f/s (load %s)",
                            run, s.name(), name(target), o.rate(), loadAverage());
                    OutsideCpu.Reading before = OutsideCpu.read();
                    LoadResult r = LoadGenerator.openLoop(
                            connector(target), o.connections(), o.rate(), o.warmup(), o.duration(), seed++);
                    double outside = OutsideCpu.read().coresSince(before);
                    warnErrors(r);
                    open.add(new Measured(s.name(), name(target), run, r, outside));
                }
            }
            for (Scenario s : scenarios) {
                NativeJdbcCaller.compression(s.compressed());
                for (int target : order) {
                    progress(
                            "run %d: %s on %s, closed loop, %d connections (load %s)",
                            run, s.name(), name(target), o.closedConnections(), loadAverage());
                    OutsideCpu.Reading before = OutsideCpu.read();
                    LoadResult r = LoadGenerator.closedLoop(
                            connector(target), o.closedConnections(), o.closedWarmup(), o.closedDuration(), seed++);
                    double outside = OutsideCpu.read().coresSince(before);
                    warnErrors(r);
                    closed.add(new Measured(s.name(), name(target), run, r, outside));
                }
            }
        }

        out.printf(
                Locale.ROOT,
                "%n## Latency at a fixed rate: %.0f req/s over %d connections, %s s measured after %s s warm-up"
                        + " (open loop, from the intended start: corrected for coordinated omission)%n%n",
                o.rate(),
                o.connections(),
                secs(o.duration()),
                secs(o.warmup()));
        latencyTable(open, LoadResult::latency, false);
        out.printf(
                Locale.ROOT,
                "%n### The same requests, service time (from the actual send; not corrected, for comparison)%n%n");
        latencyTable(open, LoadResult::service, false);
        out.printf(
                Locale.ROOT,
                "%n## Maximum throughput: closed loop, %d connections, %s s measured after %s s warm-up"
                        + " (load generator, Proxist and ClickHouse share the machine)%n%n",
                o.closedConnections(),
                secs(o.closedDuration()),
                secs(o.closedWarmup()));
        latencyTable(closed, LoadResult::latency, true);
    }

    private LoadGenerator.Connector connector(int port) {
        return NativeJdbcCaller.connector(port, o.query());
    }

    /** Both servers answer the query with the same rows (as the driver reads them, in text). */
    private void sameAnswer() throws SQLException {
        String a = answer(direct);
        String b = answer(proxist);
        if (!a.equals(b)) {
            throw new IllegalStateException(
                    "Proxist and ClickHouse answer " + o.query() + " differently:\n" + a + "\nvs\n" + b);
        }
    }

    private String answer(int port) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = NativeJdbcCaller.connect(port);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(o.query())) {
            int cols = rs.getMetaData().getColumnCount();
            for (int i = 1; i <= cols; i++) {
                sb.append(i > 1 ? "\t" : "").append(rs.getMetaData().getColumnTypeName(i));
            }
            while (rs.next()) {
                sb.append('\n');
                for (int i = 1; i <= cols; i++) sb.append(i > 1 ? "\t" : "").append(rs.getString(i));
            }
        }
        return sb.toString();
    }

    private void latencyTable(List<Measured> all, Function<LoadResult, Histogram> h, boolean throughput) {
        if (o.repeat() > 1) out.printf(Locale.ROOT, "Each cell: median (min–max) of %d runs.%n%n", o.repeat());
        List<String> head = new ArrayList<>(List.of("query", "server"));
        if (throughput) head.add("req/s");
        head.addAll(List.of("p50 ms", "p99 ms", "p99.9 ms", "max ms", "requests", "errors", "other CPU"));
        MarkdownTable t = new MarkdownTable(head);
        Map<String, List<Measured>> groups = new LinkedHashMap<>();
        for (Measured m : all) {
            groups.computeIfAbsent(m.scenario() + "\u0000" + m.server(), k -> new ArrayList<>())
                    .add(m);
        }
        for (List<Measured> group : groups.values()) {
            Measured first = group.getFirst();
            List<String> row = new ArrayList<>(List.of(first.scenario(), first.server()));
            if (throughput) row.add(cell(group, m -> m.result().throughput(), "%.0f"));
            row.add(cell(group, m -> ms(h.apply(m.result()).getValueAtPercentile(50)), "%.3f"));
            row.add(cell(group, m -> ms(h.apply(m.result()).getValueAtPercentile(99)), "%.3f"));
            row.add(cell(group, m -> ms(h.apply(m.result()).getValueAtPercentile(99.9)), "%.3f"));
            row.add(cell(group, m -> ms(h.apply(m.result()).getMaxValue()), "%.3f"));
            row.add(cell(group, m -> m.result().requests(), "%.0f"));
            row.add(cell(group, m -> m.result().errors() + m.result().warmupErrors(), "%.0f"));
            row.add(cell(group, Measured::outside, "%.2f"));
            t.row(row);
        }
        t.print(out);
    }

    private static void warnErrors(LoadResult r) {
        if (r.errors() + r.warmupErrors() > 0) {
            progress(
                    "  %d errors (%d in the warm-up), the first: %s",
                    r.errors() + r.warmupErrors(), r.warmupErrors(), r.firstError());
        }
    }

    private String name(int port) {
        return port == direct ? DIRECT : PROXIST;
    }

    private static String secs(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
