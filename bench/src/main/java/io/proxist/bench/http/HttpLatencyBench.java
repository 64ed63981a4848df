package io.proxist.bench.http;

import static io.proxist.bench.load.Console.loadAverage;
import static io.proxist.bench.load.Console.progress;
import static io.proxist.bench.load.MarkdownTable.cell;

import io.proxist.bench.load.LoadResult;
import io.proxist.bench.load.MarkdownTable;
import io.proxist.bench.load.OutsideCpu;
import io.proxist.chclient.ClickHouseHttp;
import io.proxist.chclient.managed.ManagedClickHouse;
import io.proxist.core.config.ProxistConfig;
import io.proxist.server.ProxistServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The HTTP interface end to end: one managed ClickHouse, Proxist in this JVM in front of it, and the same client
 * measuring both side by side in one run.
 *
 * <ol>
 *   <li>Latency at a fixed rate well below saturation (open loop, corrected for coordinated omission), then the
 *       most a few closed-loop connections get, for {@code SELECT 1} and a one-row point query on a MergeTree
 *       table, ClickHouse direct and through Proxist.
 *   <li>A large result passed through ({@code system.numbers}, ten million rows by default) in several formats,
 *       read as a stream and discarded: rows/s and MB/s direct, through the in-process Proxist, and through
 *       Proxist in a JVM of its own capped with {@code -Xmx} whose heap is sampled every 10 ms.
 * </ol>
 *
 * Prints Markdown tables on standard output, progress on standard error. {@code --help} lists the options.
 */
public final class HttpLatencyBench {
    private static final String DIRECT = "ClickHouse direct";
    private static final String PROXIST = "Proxist";
    private static final String TABLE = "bench_point";
    private static final String NO_DATETIME = "id, sym, bid, ask, qty";

    private final Options o;
    private final PrintStream out;
    private final URI direct;
    private final URI proxist;

    private HttpLatencyBench(Options o, PrintStream out, URI direct, URI proxist) {
        this.o = o;
        this.out = out;
        this.direct = direct;
        this.proxist = proxist;
    }

    /** The run's knobs, as {@code --name=value} arguments. */
    record Options(
            double rate,
            int connections,
            Duration warmup,
            Duration duration,
            Duration prewarm,
            int closedConnections,
            Duration closedWarmup,
            Duration closedDuration,
            long tableRows,
            long streamRows,
            List<String> formats,
            List<String> childXmx,
            int repeat,
            boolean latency,
            boolean stream) {

        static final String USAGE = """
                usage: HttpLatencyBench [--name=value ...]
                  --rate=200                 open-loop requests per second (all connections together)
                  --connections=2            open-loop connections (one worker thread and one HttpClient each)
                  --warmup=5 --duration=20   open-loop seconds before and while measuring
                  --prewarm=5                closed-loop seconds per query and server before anything is measured
                  --closed-connections=4     closed-loop (maximum throughput) connections
                  --closed-warmup=3 --closed-duration=10
                  --table-rows=1000000       rows of the MergeTree table of the point query
                  --stream-rows=10000000     rows of the pass-through result
                  --formats=TabSeparated,RowBinary,JSONEachRow
                  --child-xmx=256m           heap caps of the Proxist child JVMs of the pass-through (comma-separated)
                  --repeat=1                 repetitions of every measurement (tables then show median (min-max))
                  --latency=true --stream=true   which parts to run
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
                    Double.parseDouble(take(a, "rate", "200")),
                    Integer.parseInt(take(a, "connections", "2")),
                    seconds(take(a, "warmup", "5")),
                    seconds(take(a, "duration", "20")),
                    seconds(take(a, "prewarm", "5")),
                    Integer.parseInt(take(a, "closed-connections", "4")),
                    seconds(take(a, "closed-warmup", "3")),
                    seconds(take(a, "closed-duration", "10")),
                    Long.parseLong(take(a, "table-rows", "1000000")),
                    Long.parseLong(take(a, "stream-rows", "10000000")),
                    List.of(take(a, "formats", "TabSeparated,RowBinary,JSONEachRow")
                            .split(",")),
                    List.of(take(a, "child-xmx", "256m").split(",")),
                    Integer.parseInt(take(a, "repeat", "1")),
                    Boolean.parseBoolean(take(a, "latency", "true")),
                    Boolean.parseBoolean(take(a, "stream", "true")));
            if (!a.isEmpty()) throw new IllegalArgumentException("unknown options " + a.keySet());
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
        Path dir = Files.createTempDirectory("proxist-http-bench-");
        boolean done = false;
        try (ManagedClickHouse ch = ManagedClickHouse.start(ManagedClickHouse.Options.in(dir.resolve("clickhouse")))) {
            URI direct = slash(ch.endpoint().httpUrl());
            try (ProxistServer p = ProxistServer.start(ProxistConfig.of(
                    Map.of(
                            "clickhouse.mode", "external",
                            "clickhouse.url", direct.toString(),
                            "http.port", "0",
                            "native.port", "0",
                            "schemas.apply", "false"),
                    Map.of()))) {
                URI viaProxist = URI.create("http://127.0.0.1:" + p.httpPort() + "/");
                HttpLatencyBench bench = new HttpLatencyBench(o, out, direct, viaProxist);
                bench.header(ch);
                if (o.latency()) bench.latency(ch.client());
                if (o.stream()) bench.stream(dir);
                out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
            }
            done = true;
        } finally {
            if (done) {
                deleteTree(dir);
            } else {
                progress("failed; ClickHouse's and the Proxist children's logs are kept in %s", dir);
            }
        }
    }

    private void header(ManagedClickHouse ch) {
        Runtime.Version v = Runtime.version();
        out.printf(
                Locale.ROOT,
                "# HTTP interface: Proxist next to ClickHouse direct%n%n"
                        + "- date: %s%n- ClickHouse %s (managed, %s), Proxist in this JVM (%s)%n"
                        + "- JDK %s (%s), %d CPUs seen, max heap %d MiB, GC %s%n- load average at the start: %s%n"
                        + "- options: %s%n"
                        + "- other CPU: the CPU the rest of the machine used during a phase (all processes but this"
                        + " JVM and its descendants), in cores of the %d%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                ch.capabilities().version(),
                direct,
                proxist,
                v,
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                HeapSampler.collectors(),
                loadAverage(),
                o,
                Runtime.getRuntime().availableProcessors());
    }

    // ---------------------------------------------------------------------------------------------------------
    // latency and throughput

    private record Scenario(String name, LoadGenerator.Query query) {}

    private record Measured(String scenario, String server, int run, LoadResult result, double outside) {}

    private void latency(ClickHouseHttp control) throws InterruptedException {
        long rows = o.tableRows();
        progress("creating %s with %,d rows", TABLE, rows);
        control.query("DROP TABLE IF EXISTS " + TABLE);
        control.query("CREATE TABLE " + TABLE
                + " (id UInt64, ts DateTime, sym String, bid Float64, ask Float64, qty UInt32)"
                + " ENGINE = MergeTree ORDER BY id");
        control.query("INSERT INTO " + TABLE + " SELECT number, toDateTime(1500000000 + number),"
                + " concat('SYM', toString(number % 500)), 100 + (number % 1000) / 100,"
                + " 100.01 + (number % 1000) / 100, toUInt32(number % 1000) FROM system.numbers LIMIT " + rows);
        control.query("OPTIMIZE TABLE " + TABLE + " FINAL");
        String count = control.query("SELECT count() FROM " + TABLE).strip();
        if (!count.equals(Long.toString(rows))) throw new IllegalStateException(TABLE + " has " + count + " rows");

        List<Scenario> scenarios = List.of(
                new Scenario("SELECT 1", r -> "SELECT 1"),
                new Scenario(
                        "point query (SELECT *), 1 of " + human(rows) + " rows",
                        r -> "SELECT * FROM " + TABLE + " WHERE id = " + r.nextLong(rows)),
                // the same without the DateTime column: on a server older than 54337 Proxist asks for DESCRIBE
                // to restore a DateTime's time zone, a second upstream round trip this one does not need
                new Scenario(
                        "point query without the DateTime column",
                        r -> "SELECT " + NO_DATETIME + " FROM " + TABLE + " WHERE id = " + r.nextLong(rows)));
        sameAnswer("SELECT 1");
        sameAnswer("SELECT * FROM " + TABLE + " WHERE id = 4242");
        sameAnswer("SELECT " + NO_DATETIME + " FROM " + TABLE + " WHERE id = 4242");

        long seed = 1;
        for (Scenario s : scenarios) {
            for (URI target : List.of(direct, proxist)) {
                progress(
                        "pre-warming %s on %s (%s s closed loop)",
                        s.name(), name(target), o.prewarm().toSeconds());
                LoadGenerator.closedLoop(target, s.query(), o.connections(), Duration.ZERO, o.prewarm(), seed++);
            }
        }
        List<Measured> open = new ArrayList<>();
        List<Measured> closed = new ArrayList<>();
        for (int run = 1; run <= o.repeat(); run++) {
            // the order alternates from run to run, so that a drift of the machine does not favour one side
            List<URI> order = run % 2 == 1 ? List.of(direct, proxist) : List.of(proxist, direct);
            for (Scenario s : scenarios) {
                for (URI target : order) {
                    progress(
                            "run %d: %s on %s, open loop at %.0f/s (load %s)",
                            run, s.name(), name(target), o.rate(), loadAverage());
                    OutsideCpu.Reading before = OutsideCpu.read();
                    LoadResult r = LoadGenerator.openLoop(
                            target, s.query(), o.connections(), o.rate(), o.warmup(), o.duration(), seed++);
                    double outside = OutsideCpu.read().coresSince(before);
                    warnErrors(r);
                    open.add(new Measured(s.name(), name(target), run, r, outside));
                }
            }
            for (Scenario s : scenarios) {
                for (URI target : order) {
                    progress(
                            "run %d: %s on %s, closed loop, %d connections (load %s)",
                            run, s.name(), name(target), o.closedConnections(), loadAverage());
                    OutsideCpu.Reading before = OutsideCpu.read();
                    LoadResult r = LoadGenerator.closedLoop(
                            target, s.query(), o.closedConnections(), o.closedWarmup(), o.closedDuration(), seed++);
                    double outside = OutsideCpu.read().coresSince(before);
                    warnErrors(r);
                    closed.add(new Measured(s.name(), name(target), run, r, outside));
                }
            }
        }

        out.printf(
                Locale.ROOT,
                "%n## Latency at a fixed rate: %.0f req/s over %d connections, %d s measured after %d s warm-up"
                        + " (open loop, from the intended start: corrected for coordinated omission)%n%n",
                o.rate(),
                o.connections(),
                o.duration().toSeconds(),
                o.warmup().toSeconds());
        latencyTable(open, LoadResult::latency, false);
        out.printf(
                Locale.ROOT,
                "%n### The same requests, service time (from the actual send; not corrected, for comparison)%n%n");
        latencyTable(open, LoadResult::service, false);
        out.printf(
                Locale.ROOT,
                "%n## Maximum throughput: closed loop, %d connections, %d s measured after %d s warm-up"
                        + " (load generator, Proxist and ClickHouse share the machine)%n%n",
                o.closedConnections(),
                o.closedDuration().toSeconds(),
                o.closedWarmup().toSeconds());
        latencyTable(closed, LoadResult::latency, true);
    }

    private void latencyTable(List<Measured> all, Function<LoadResult, Histogram> h, boolean throughput) {
        if (o.repeat() > 1) out.printf(Locale.ROOT, "Each cell: median (min–max) of %d runs.%n%n", o.repeat());
        List<String> head = new ArrayList<>(List.of("query", "server"));
        if (throughput) head.add("req/s");
        head.addAll(List.of("p50 ms", "p99 ms", "p99.9 ms", "max ms", "requests", "errors", "other CPU"));
        MarkdownTable t = new MarkdownTable(head);
        for (List<Measured> group : groups(all)) {
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

    private void sameAnswer(String sql) {
        try (HttpClient c = LoadGenerator.client()) {
            String a = body(c, direct, sql);
            String b = body(c, proxist, sql);
            if (!a.equals(b)) {
                throw new IllegalStateException(
                        "Proxist and ClickHouse answer " + sql + " differently:\n" + a + "\nvs\n" + b);
            }
        }
    }

    private static String body(HttpClient c, URI base, String sql) {
        try {
            var r = c.send(
                    LoadGenerator.request(base, sql),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200)
                throw new IllegalStateException(base + " answers " + r.statusCode() + ": " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(base + " does not answer " + sql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void warnErrors(LoadResult r) {
        if (r.errors() + r.warmupErrors() > 0) {
            progress(
                    "  %d errors (%d in the warm-up), the first: %s",
                    r.errors() + r.warmupErrors(), r.warmupErrors(), r.firstError());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // pass-through of a large result

    private record Path3(String name, URI base, ProxistProcess child) {}

    private record Streamed(
            String scenario,
            String server,
            int run,
            Transfer.Result result,
            String check,
            HeapSampler.Stats heap,
            double outside) {}

    private void stream(Path dir) throws IOException, InterruptedException {
        List<ProxistProcess> children = new ArrayList<>();
        try {
            List<Path3> paths = new ArrayList<>();
            paths.add(new Path3(DIRECT, direct, null));
            paths.add(new Path3(PROXIST + " (in this JVM)", proxist, null));
            for (String xmx : o.childXmx()) {
                Path log = dir.resolve("proxist-child-" + xmx + ".log");
                progress("starting Proxist in a JVM of its own, -Xmx%s (log %s)", xmx, log);
                ProxistProcess child = ProxistProcess.start(direct, xmx, log);
                children.add(child);
                paths.add(new Path3(
                        PROXIST + " (own JVM, -Xmx" + xmx + ", " + child.collectors() + ")",
                        URI.create("http://127.0.0.1:" + child.port() + "/"),
                        child));
            }
            long warmRows = Math.max(1, o.streamRows() / 5);
            for (String format : o.formats()) {
                for (Path3 p : paths) {
                    progress("warming %s on %s with %,d rows", format, p.name(), warmRows);
                    try (HttpClient c = LoadGenerator.client()) {
                        Transfer.run(c, p.base(), Transfer.sql(warmRows, format));
                    }
                }
            }
            List<Streamed> all = new ArrayList<>();
            for (int run = 1; run <= o.repeat(); run++) {
                for (String format : o.formats()) {
                    List<Path3> order = new ArrayList<>(paths);
                    if (run % 2 == 0) order = order.reversed();
                    for (Path3 p : order) {
                        progress(
                                "run %d: %,d rows of %s from %s (load %s)",
                                run, o.streamRows(), format, p.name(), loadAverage());
                        if (p.child() != null) p.child().reset();
                        Transfer.Result r;
                        OutsideCpu.Reading before = OutsideCpu.read();
                        try (HttpClient c = LoadGenerator.client()) {
                            r = Transfer.run(c, p.base(), Transfer.sql(o.streamRows(), format));
                        }
                        double outside = OutsideCpu.read().coresSince(before);
                        HeapSampler.Stats heap = p.child() != null ? p.child().stats() : null;
                        String check = Transfer.checkSize(o.streamRows(), format, r.bytes());
                        if (!check.startsWith("exact")) progress("  size check: %s", check);
                        all.add(new Streamed(format, p.name(), run, r, check, heap, outside));
                    }
                }
            }
            streamTable(all);
        } finally {
            for (ProxistProcess c : children) c.close();
        }
    }

    private void streamTable(List<Streamed> all) {
        out.printf(
                Locale.ROOT,
                "%n## Pass-through: `%s`, read as a stream and discarded by the client%n%n"
                        + "MB = 10^6 bytes. Heap: of the Proxist child JVM only, sampled every 10 ms (peak used, garbage"
                        + " included) and after each collection (peak); allocated: by all its threads, per row; all"
                        + " over the transfer.%s%n%n",
                Transfer.sql(o.streamRows(), "<format>"),
                o.repeat() > 1 ? " Each cell: median (min–max) of " + o.repeat() + " runs." : "");
        MarkdownTable t = new MarkdownTable(List.of(
                "format",
                "path",
                "Mrows/s",
                "MB/s",
                "seconds",
                "MB",
                "size",
                "peak heap used MiB",
                "peak heap after GC MiB",
                "GCs",
                "allocated B/row",
                "other CPU"));
        for (List<Streamed> group : groups(all)) {
            Streamed first = group.getFirst();
            boolean heap = first.heap() != null;
            t.row(List.of(
                    first.scenario(),
                    first.server(),
                    cell(group, s -> o.streamRows() / s.result().seconds() / 1e6, "%.2f"),
                    cell(group, s -> s.result().bytes() / s.result().seconds() / 1e6, "%.0f"),
                    cell(group, s -> s.result().seconds(), "%.2f"),
                    cell(group, s -> s.result().bytes() / 1e6, "%.1f"),
                    String.join(
                            ", ", group.stream().map(Streamed::check).distinct().toList()),
                    heap ? cell(group, s -> s.heap().peakUsed() / 1048576.0, "%.0f") : "",
                    heap ? cell(group, s -> s.heap().peakAfterGc() / 1048576.0, "%.0f") : "",
                    heap ? cell(group, s -> s.heap().gcs(), "%.0f") : "",
                    heap ? cell(group, s -> (double) s.heap().allocated() / o.streamRows(), "%.0f") : "",
                    cell(group, Streamed::outside, "%.2f")));
        }
        t.print(out);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** The measurements grouped by scenario and server (in first-seen order), each group over its runs. */
    private static <T> List<List<T>> groups(List<T> all) {
        Map<String, List<T>> g = new LinkedHashMap<>();
        for (T m : all) g.computeIfAbsent(key(m), k -> new ArrayList<>()).add(m);
        return new ArrayList<>(g.values());
    }

    private static String key(Object m) {
        return switch (m) {
            case Measured x -> x.scenario() + "\u0000" + x.server();
            case Streamed x -> x.scenario() + "\u0000" + x.server();
            default -> throw new IllegalArgumentException(m.toString());
        };
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private String name(URI target) {
        return target.equals(direct) ? DIRECT : PROXIST;
    }

    private static URI slash(URI u) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    private static String human(long n) {
        if (n % 1_000_000 == 0) return (n / 1_000_000) + "M";
        if (n % 1_000 == 0) return (n / 1_000) + "k";
        return Long.toString(n);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
