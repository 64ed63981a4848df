package io.proxist.bench.ingest;

import io.proxist.bench.load.Console;
import io.proxist.bench.load.MarkdownTable;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.schema.ColumnDef;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.dict.InMemorySymbolDictionary;
import io.proxist.hot.store.HotStore;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.IngestTable;
import io.proxist.ingest.demo.DemoFeed;
import io.proxist.ingest.demo.DemoOptions;
import io.proxist.schemas.SchemaCatalog;
import io.proxist.server.ProxistServer;
import io.proxist.wal.Durability;
import io.proxist.wal.Wal;
import io.proxist.wal.WalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The durable-ingest benchmarks (docs/benchmarks.md, "Durable ingest"): Java API throughput through
 * {@link IngestService} (WAL + hot store, no ClickHouse), acknowledgement latency under async and sync next to the
 * disk's raw fdatasync, hot-store memory per row, and persistence lag (acknowledgement to confirmation in ClickHouse)
 * at a sustained rate through a running Proxist with its managed ClickHouse. Markdown on standard output.
 *
 * <p>Usage: {@code bench/run-ingest-bench.sh [--lag-seconds=60] [--lag-rate=25000] [--rows=2000000]}.
 */
public final class IngestBench {
    private static final String[] SYMBOLS = new String[50];

    static {
        for (int i = 0; i < SYMBOLS.length; i++) SYMBOLS[i] = "SYM" + i;
    }

    public static void main(String[] args) throws Exception {
        int lagSeconds = 60;
        int lagRate = 25_000;
        int rows = 2_000_000;
        for (String a : args) {
            if (a.startsWith("--lag-seconds=")) lagSeconds = Integer.parseInt(a.substring(14));
            else if (a.startsWith("--lag-rate=")) lagRate = Integer.parseInt(a.substring(11));
            else if (a.startsWith("--rows=")) rows = Integer.parseInt(a.substring(7));
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        System.out.println("Load before: " + Console.loadAverage());
        throughput(rows);
        latency();
        memory();
        if (lagSeconds > 0) lag(lagSeconds, lagRate);
        System.out.println("Load after: " + Console.loadAverage());
    }

    // ---- Java API throughput

    static void throughput(int totalRows) throws IOException {
        TableSchema trades = SchemaCatalog.builtin().table("trades").orElseThrow();
        MarkdownTable t =
                new MarkdownTable(List.of("durability", "rows per INSERT", "INSERTs", "rows/s", "µs per INSERT"));
        for (Durability d : new Durability[] {Durability.ASYNC, Durability.MEMORY}) {
            for (int batch : new int[] {1, 100, 1_000, 10_000}) {
                int n = batch == 1 ? Math.min(totalRows, 200_000) : totalRows;
                List<Block> blocks = new ArrayList<>();
                long[] clock = {1_790_000_000_000_000_000L};
                for (int done = 0; done < n; done += batch) blocks.add(block(trades, batch, clock, done));
                Path dir = Files.createTempDirectory("ingest-bench");
                try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
                    IngestService s = service(wal, trades, d);
                    long t0 = System.nanoTime();
                    for (Block b : blocks) s.insert("trades", b);
                    long ns = System.nanoTime() - t0;
                    t.row(List.of(
                            d.name().toLowerCase(),
                            Integer.toString(batch),
                            Integer.toString(blocks.size()),
                            String.format("%,.0f", blocks.size() * (double) batch / (ns / 1e9)),
                            String.format("%.2f", ns / 1e3 / blocks.size())));
                } finally {
                    deleteTree(dir);
                }
                Console.progress("throughput %s batch %d done", d, batch);
            }
        }
        System.out.println(
                "\n### Java API throughput (IngestService.insert: WAL + hot store + watermark, an instant flusher, no ClickHouse)\n");
        t.print(System.out);
    }

    /**
     * A service over {@code wal} whose flusher is instant: each record is confirmed as it is handed over, so the
     * budget of unpersisted rows never binds and the confirmation bookkeeping is part of the cost measured.
     */
    static IngestService service(Wal wal, TableSchema schema, Durability d) {
        java.util.concurrent.atomic.AtomicReference<IngestService> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        IngestService s = IngestService.withDurability(
                wal,
                new HotStore(new InMemorySymbolDictionary()),
                List.of(schema),
                Map.of(schema.name(), d),
                (table, lsn, r, recovered) -> self.get().confirmed(table, lsn));
        self.set(s);
        return s;
    }

    // ---- acknowledgement latency

    static void latency() throws IOException {
        TableSchema trades = SchemaCatalog.builtin().table("trades").orElseThrow();
        MarkdownTable t = new MarkdownTable(List.of("what", "samples", "p50 µs", "p99 µs", "p99.9 µs", "max µs"));
        for (Durability d : new Durability[] {Durability.ASYNC, Durability.SYNC}) {
            for (int batch : new int[] {1, 100}) {
                int samples = d == Durability.SYNC ? 3_000 : 50_000;
                int warmup = samples / 5;
                List<Block> blocks = new ArrayList<>();
                long[] clock = {1_790_000_000_000_000_000L};
                for (int i = 0; i < samples + warmup; i++) blocks.add(block(trades, batch, clock, i * batch));
                Path dir = Files.createTempDirectory("ingest-bench");
                Histogram h = new Histogram(3);
                try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
                    IngestService s = service(wal, trades, d);
                    for (int i = 0; i < blocks.size(); i++) {
                        long t0 = System.nanoTime();
                        s.insert("trades", blocks.get(i));
                        long ns = System.nanoTime() - t0;
                        if (i >= warmup) h.recordValue(ns);
                    }
                } finally {
                    deleteTree(dir);
                }
                t.row(row(d.name().toLowerCase() + " INSERT of " + batch + (batch == 1 ? " row" : " rows"), h));
                Console.progress("latency %s batch %d done", d, batch);
            }
        }
        t.row(row("raw fdatasync of a 100-byte append (FileChannel.force(false))", fdatasync(2_000)));
        System.out.println("\n### Acknowledgement latency inside Proxist (closed loop, one writer: service time)\n");
        t.print(System.out);
    }

    static Histogram fdatasync(int samples) throws IOException {
        Path dir = Files.createTempDirectory("fsync-bench");
        Histogram h = new Histogram(3);
        try (FileChannel ch = FileChannel.open(
                dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(100);
            long pos = 0;
            for (int i = 0; i < samples; i++) {
                buf.clear();
                long t0 = System.nanoTime();
                while (buf.hasRemaining()) pos += ch.write(buf, pos);
                ch.force(false);
                h.recordValue(System.nanoTime() - t0);
            }
        } finally {
            deleteTree(dir);
        }
        return h;
    }

    private static List<String> row(String what, Histogram h) {
        return List.of(
                what,
                Long.toString(h.getTotalCount()),
                String.format("%.1f", h.getValueAtPercentile(50) / 1e3),
                String.format("%.1f", h.getValueAtPercentile(99) / 1e3),
                String.format("%.1f", h.getValueAtPercentile(99.9) / 1e3),
                String.format("%.1f", h.getMaxValue() / 1e3));
    }

    // ---- memory per row

    static void memory() {
        MarkdownTable t = new MarkdownTable(List.of("table", "rows", "bytes per row"));
        for (String name : new String[] {"market_data", "trades"}) {
            TableSchema schema = SchemaCatalog.builtin().table(name).orElseThrow();
            HotStore store = new HotStore(new InMemorySymbolDictionary());
            var hot = store.create(schema, io.proxist.hot.store.HotTableOptions.DEFAULT);
            long[] clock = {1_790_000_000_000_000_000L};
            for (int i = 0; i < 100; i++) hot.append(block(schema, 10_000, clock, i * 10_000), i + 1);
            t.row(List.of(
                    name,
                    Long.toString(hot.memory().rows()),
                    String.format("%.1f", hot.memory().bytesPerRow())));
        }
        System.out.println("\n### Hot-store memory per row (1,000,000 rows, 50 symbols, 5 depth levels for quotes)\n");
        t.print(System.out);
    }

    // ---- persistence lag

    record Acked(String table, long lsn, long ackNanos) {}

    static void lag(int seconds, int rate) throws Exception {
        Path home = Files.createTempDirectory("ingest-lag");
        ProxistServer server = ProxistServer.start(ProxistConfig.of(
                Map.of("proxist.home", home.toString(), "http.port", "0", "native.port", "0"), Map.of()));
        try {
            String parts = "SELECT table, count() FROM system.parts WHERE active AND database = 'default'"
                    + " GROUP BY table ORDER BY table";
            protocolInserts(server);
            String partsBefore = server.clickhouse().client().query(parts);
            IngestService service = server.ingest().service();
            ConcurrentLinkedQueue<Acked> pending = new ConcurrentLinkedQueue<>();
            Histogram lag = new Histogram(3);
            AtomicBoolean done = new AtomicBoolean();
            long[] rowsAcked = {0};
            Thread watcher = Thread.ofPlatform().name("lag-watcher").start(() -> {
                List<Acked> waiting = new ArrayList<>();
                while (!done.get() || !waiting.isEmpty() || !pending.isEmpty()) {
                    for (Acked a = pending.poll(); a != null; a = pending.poll()) waiting.add(a);
                    long now = System.nanoTime();
                    waiting.removeIf(a -> {
                        if (service.table(a.table()).watermark().version().confirmedLsn() < a.lsn()) return false;
                        lag.recordValue(now - a.ackNanos());
                        return true;
                    });
                    LockSupport.parkNanos(100_000); // the poll period bounds the lag's resolution (0.1 ms)
                }
            });
            DemoFeed feed = new DemoFeed(
                    DemoOptions.defaults().withEventsPerSecond(rate).withOrdersPerSecond(50),
                    name -> SchemaCatalog.builtin().table(name).orElseThrow(),
                    (table, block) -> {
                        IngestTable.Inserted r = service.insert(table, block);
                        if (r.lsn() >= 0) {
                            pending.add(new Acked(table, r.lsn(), System.nanoTime()));
                            synchronized (rowsAcked) {
                                rowsAcked[0] += r.newRows();
                            }
                        }
                    });
            long t0 = System.nanoTime();
            feed.start();
            Console.progress("persistence lag: %d s at %d events/s", seconds, rate);
            java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
            try (var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()) {
                timer.schedule(over::countDown, seconds, java.util.concurrent.TimeUnit.SECONDS);
                over.await();
            }
            feed.close();
            long elapsed = System.nanoTime() - t0;
            done.set(true);
            watcher.join();
            String partsAfter = server.clickhouse().client().query(parts);
            MarkdownTable t = new MarkdownTable(
                    List.of("rows acknowledged", "rows/s", "batches", "lag p50 ms", "lag p99 ms", "lag max ms"));
            t.row(List.of(
                    Long.toString(rowsAcked[0]),
                    String.format("%,.0f", rowsAcked[0] / (elapsed / 1e9)),
                    Long.toString(lag.getTotalCount()),
                    String.format("%.1f", lag.getValueAtPercentile(50) / 1e6),
                    String.format("%.1f", lag.getValueAtPercentile(99) / 1e6),
                    String.format("%.1f", lag.getMaxValue() / 1e6)));
            System.out.println("\n### Persistence lag (acknowledgement → confirmed in ClickHouse), demo feed over"
                    + " all recorder tables, " + seconds + " s\n");
            t.print(System.out);
            System.out.println("\nActive parts per table before:\n```\n" + partsBefore + "```\nafter:\n```\n"
                    + partsAfter + "```");
        } finally {
            server.close();
            deleteTree(home);
        }
    }

    // ---- protocol INSERT throughput

    /**
     * 10,000-row INSERTs into trades over the native protocol (clickhouse-native-jdbc batches, sent as Native blocks)
     * and over HTTP in RowBinary, through Proxist (WAL + hot store; acknowledged before ClickHouse has them) and
     * straight to the backing ClickHouse (its own INSERT, into the same table), in the same run.
     */
    static void protocolInserts(ProxistServer server) throws Exception {
        int batches = 30;
        int rows = 10_000;
        MarkdownTable t = new MarkdownTable(List.of("INSERT", "target", "rows", "rows/s", "ms per 10,000-row INSERT"));
        int chNative = server.clickhouse().endpoint().nativePort();
        int chHttp = server.clickhouse().endpoint().httpPort();
        long seq = 10_000_000_000L;
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (boolean proxist : new boolean[] {true, false}) {
                int port = proxist ? server.nativePort() : chNative;
                long t0 = System.nanoTime();
                try (java.sql.Connection c = io.proxist.bench.tcp.NativeJdbcCaller.connect(port);
                        java.sql.PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO trades (symbol, ts, seq, price, size) VALUES (?, ?, ?, ?, ?)")) {
                    for (int b = 0; b < batches; b++) {
                        for (int r = 0; r < rows; r++) {
                            seq++;
                            ps.setString(1, SYMBOLS[(int) (seq % SYMBOLS.length)]);
                            ps.setLong(2, 1_790_500_000_000_000_000L + seq * 1_000);
                            ps.setLong(3, seq);
                            ps.setDouble(4, 100.25);
                            ps.setDouble(5, 10);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                long ns = System.nanoTime() - t0;
                if (round == 1) t.row(protocolRow("native (clickhouse-native-jdbc batch)", proxist, batches, rows, ns));
            }
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (boolean proxist : new boolean[] {true, false}) {
                int port = proxist ? server.httpPort() : chHttp;
                List<byte[]> bodies = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    ByteBuffer buf = ByteBuffer.allocate(rows * 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (int r = 0; r < rows; r++) {
                        seq++;
                        byte[] sym =
                                SYMBOLS[(int) (seq % SYMBOLS.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        buf.put((byte) sym.length).put(sym);
                        buf.putLong(1_790_500_000_000_000_000L + seq * 1_000)
                                .putLong(seq)
                                .putDouble(100.25)
                                .putDouble(10);
                    }
                    bodies.add(java.util.Arrays.copyOf(buf.array(), buf.position()));
                }
                java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/?query="
                        + java.net.URLEncoder.encode(
                                "INSERT INTO trades (symbol, ts, seq, price, size) FORMAT RowBinary",
                                java.nio.charset.StandardCharsets.UTF_8));
                long t0 = System.nanoTime();
                for (byte[] body : bodies) {
                    var resp = http.send(
                            java.net.http.HttpRequest.newBuilder(uri)
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() != 200) throw new IllegalStateException(resp.body());
                }
                long ns = System.nanoTime() - t0;
                if (round == 1) t.row(protocolRow("HTTP RowBinary", proxist, batches, rows, ns));
            }
        }
        System.out.println(
                "\n### Protocol INSERT throughput: 10,000-row INSERTs into trades, one client, closed loop\n");
        t.print(System.out);
        Console.progress("protocol inserts done");
    }

    private static List<String> protocolRow(String what, boolean proxist, int batches, int rows, long ns) {
        return List.of(
                what,
                proxist ? "Proxist (WAL, async)" : "ClickHouse direct",
                Integer.toString(batches * rows),
                String.format("%,.0f", batches * (double) rows / (ns / 1e9)),
                String.format("%.1f", ns / 1e6 / batches));
    }

    // ---- data

    /** {@code n} rows of {@code schema}: 50 symbols, increasing ts, unique seq; quotes with 5 depth levels. */
    static Block block(TableSchema schema, int n, long[] clock, long seqBase) {
        List<ColumnBuilder> b = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColumnDef c : schema.columns()) {
            b.add(ColumnBuilder.forType(c.type()));
            names.add(c.name());
        }
        for (int r = 0; r < n; r++) {
            clock[0] += 1_000;
            for (int i = 0; i < b.size(); i++) {
                String name = names.get(i);
                ColumnBuilder cb = b.get(i);
                switch (cb) {
                    case BytesColumnBuilder s ->
                        s.appendString(name.equals("symbol") ? SYMBOLS[(int) ((seqBase + r) % SYMBOLS.length)] : "X");
                    case LongColumnBuilder l -> {
                        if (name.equals("ts") || name.equals("recv_ts")) l.appendLong(clock[0]);
                        else if (name.equals("seq")) l.appendLong(seqBase + r);
                        else l.appendLong(1); // counts, versions, and an existing value of every Enum8
                    }
                    case DoubleColumnBuilder d -> d.appendDouble(100 + (r % 100) * 0.01);
                    case ArrayColumnBuilder a -> {
                        DoubleColumnBuilder e = (DoubleColumnBuilder) a.elements();
                        for (int k = 0; k < 5; k++) e.appendDouble(100 + k * 0.01);
                        a.endArray();
                    }
                    default -> cb.appendDefault();
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        for (ColumnBuilder cb : b) cols.add(cb.build());
        return new Block(names, cols, n);
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
