package io.proxist.bench.seam;

import io.proxist.bench.load.Console;
import io.proxist.bench.load.MarkdownTable;
import io.proxist.bench.tcp.NativeJdbcCaller;
import io.proxist.core.block.Block;
import io.proxist.core.block.Column;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.ColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.block.build.LongColumnBuilder;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.type.DataType;
import io.proxist.ingest.IngestService;
import io.proxist.server.ProxistServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Seam queries end to end: a hot set of trades (symbols x rows per symbol over the last hour) loaded through the
 * Java ingest API and flushed, then the tick queries the seam answers from memory, over the native protocol
 * (clickhouse-native-jdbc) and HTTP, next to the same queries run straight on the backing ClickHouse over the same
 * rows in the same run. Latency per query (HdrHistogram), markdown on standard output.
 *
 * <p>Arguments: {@code --symbols=N} (default 1000), {@code --rows=N} per symbol (default 10000), {@code
 * --iterations=N} per query and target (default 300).
 */
public final class SeamBench {
    private SeamBench() {}

    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);

    record Query(String name, String proxist, String clickhouse) {}

    public static void main(String[] args) throws Exception {
        int symbols = 1000, rows = 10_000, iterations = 300;
        for (String a : args) {
            if (a.startsWith("--symbols=")) symbols = Integer.parseInt(a.substring(10));
            else if (a.startsWith("--rows=")) rows = Integer.parseInt(a.substring(7));
            else if (a.startsWith("--iterations=")) iterations = Integer.parseInt(a.substring(13));
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        Path home = Files.createTempDirectory("seam-bench");
        ProxistServer server = ProxistServer.start(ProxistConfig.of(
                Map.of(
                        "proxist.home", home.toString(),
                        "http.port", "0",
                        "native.port", "0",
                        "ingest.tables", "trades,market_data",
                        "ingest.policies",
                                "trades.hot-window-ms=86400000;trades.hot-memory-mb=8192;"
                                        + "trades.max-pending-rows=100000000;market_data.hot-window-ms=86400000;"
                                        + "market_data.hot-memory-mb=8192;market_data.max-pending-rows=100000000"),
                Map.of()));
        try {
            long end = System.currentTimeMillis() * 1_000_000L;
            long start = end - 3_600_000_000_000L;
            load(server.ingest().service(), symbols, rows, start, end);
            loadQuotes(server.ingest().service(), symbols, rows, start, end);
            String sym = String.format("S%04d", symbols / 2);
            long hourAgo = end - 3_600_000_000_000L;
            String since = TS.format(Instant.ofEpochSecond(0, hourAgo));
            List<Query> queries = List.of(
                    new Query(
                            "last-by one symbol (argMax)",
                            "SELECT argMax(price, ts), max(ts) FROM trades WHERE symbol = '" + sym + "'",
                            "SELECT argMax(price, ts), max(ts) FROM trades WHERE symbol = '" + sym + "'"),
                    new Query(
                            "last 100 trades of a symbol",
                            "SELECT ts, price, size FROM trades WHERE symbol = '" + sym
                                    + "' ORDER BY ts DESC LIMIT 100",
                            "SELECT ts, price, size FROM trades WHERE symbol = '" + sym
                                    + "' ORDER BY ts DESC LIMIT 100"),
                    new Query(
                            "1-minute VWAP over the last hour, one symbol",
                            "SELECT toStartOfMinute(ts) AS m, sum(price * size) / sum(size) FROM trades WHERE symbol = '"
                                    + sym + "' AND ts >= toDateTime64('" + since + "', 9) GROUP BY m ORDER BY m",
                            "SELECT intDiv(ts, 60000000000) * 60000000000 AS m, sum(price * size) / sum(size) FROM trades"
                                    + " WHERE symbol = '" + sym + "' AND ts >= " + hourAgo + " GROUP BY m ORDER BY m"),
                    new Query(
                            "asof join: last 100 trades of a symbol with the quote in force",
                            "SELECT t.ts, t.price, m.bid_px, m.ask_px FROM trades AS t ASOF LEFT JOIN market_data AS m"
                                    + " ON t.symbol = m.symbol AND t.ts >= m.ts WHERE t.symbol = '" + sym
                                    + "' ORDER BY t.ts DESC LIMIT 100",
                            null),
                    new Query(
                            "rolling 100-tick average over the last hour, one symbol",
                            "SELECT ts, avg(price) OVER (ORDER BY ts ROWS BETWEEN 99 PRECEDING AND CURRENT ROW)"
                                    + " FROM trades WHERE symbol = '" + sym + "' AND ts >= toDateTime64('" + since
                                    + "', 9) ORDER BY ts DESC LIMIT 100",
                            null),
                    new Query(
                            "last-by all symbols (argMax GROUP BY symbol)",
                            "SELECT symbol, argMax(price, ts) FROM trades GROUP BY symbol",
                            "SELECT symbol, argMax(price, ts) FROM trades GROUP BY symbol"));
            MarkdownTable t = new MarkdownTable(List.of(
                    "query",
                    "protocol",
                    "Proxist p50 µs",
                    "Proxist p99 µs",
                    "ClickHouse p50 µs",
                    "ClickHouse p99 µs",
                    "speed-up (p50)"));
            int chNative = server.clickhouse().endpoint().nativePort();
            int chHttp = server.clickhouse().endpoint().httpPort();
            for (Query q : queries) {
                Console.progress("%s", q.name());
                Histogram pn = nativeLatency(server.nativePort(), q.proxist(), iterations);
                Histogram cn = q.clickhouse() == null ? null : nativeLatency(chNative, q.clickhouse(), iterations);
                t.row(row(q.name(), "native", pn, cn));
                Histogram ph = httpLatency(server.httpPort(), q.proxist(), iterations);
                Histogram chh = q.clickhouse() == null ? null : httpLatency(chHttp, q.clickhouse(), iterations);
                t.row(row(q.name(), "HTTP", ph, chh));
            }
            long[] seam = server.seamCounts();
            System.out.println("\n### Seam queries, " + symbols + " symbols x " + rows + " trades over the last hour ("
                    + iterations + " runs per cell; seam answered " + seam[0] + ", declined " + seam[1] + ")\n");
            t.print(System.out);
            System.out.println(
                    "\n(ClickHouse 18.16 has neither ASOF JOIN nor window functions: no figure to compare.)");
            concurrency(server, queries.getFirst(), symbols, end, iterations);
        } finally {
            server.close();
        }
    }

    static List<String> row(String name, String protocol, Histogram p, Histogram c) {
        return List.of(
                name,
                protocol,
                String.format("%,.0f", p.getValueAtPercentile(50) / 1e3),
                String.format("%,.0f", p.getValueAtPercentile(99) / 1e3),
                c == null ? "n/a" : String.format("%,.0f", c.getValueAtPercentile(50) / 1e3),
                c == null ? "n/a" : String.format("%,.0f", c.getValueAtPercentile(99) / 1e3),
                c == null
                        ? "n/a"
                        : String.format("%.1fx", (double) c.getValueAtPercentile(50) / p.getValueAtPercentile(50)));
    }

    /**
     * 1, 10 and 50 concurrent readers of one query over native, each on its own connection, while trades arrive
     * through the ingest API at 25,000 rows/s (250-row blocks every 10 ms on a scheduler).
     */
    static void concurrency(ProxistServer server, Query q, int symbols, long after, int iterations) throws Exception {
        IngestService service = server.ingest().service();
        java.util.concurrent.ScheduledExecutorService ingest =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        long[] clock = {Math.max(after, System.currentTimeMillis() * 1_000_000L)};
        java.util.concurrent.atomic.AtomicLong ingested = new java.util.concurrent.atomic.AtomicLong();
        ingest.scheduleAtFixedRate(
                () -> {
                    BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.of("String"));
                    LongColumnBuilder ts =
                            (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
                    LongColumnBuilder seq = (LongColumnBuilder) ColumnBuilder.forType(DataType.of("UInt64"));
                    DoubleColumnBuilder px = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
                    DoubleColumnBuilder sz = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
                    for (int i = 0; i < 250; i++) {
                        s.appendString(String.format("S%04d", (int) (ingested.get() + i) % symbols));
                        ts.appendLong(clock[0] += 1_000);
                        seq.appendLong(0);
                        px.appendDouble(100);
                        sz.appendDouble(1);
                    }
                    service.insert(
                            "trades",
                            new Block(
                                    List.of("symbol", "ts", "seq", "price", "size"),
                                    List.of(s.build(), ts.build(), seq.build(), px.build(), sz.build()),
                                    250));
                    ingested.addAndGet(250);
                },
                0,
                10,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        MarkdownTable t = new MarkdownTable(
                List.of("readers", "queries", "p50 µs", "p95 µs", "p99 µs", "p95 vs 1 reader", "rows ingested/s"));
        double p95one = 0;
        try {
            for (int readers : new int[] {1, 10, 50}) {
                Console.progress("%d concurrent readers", readers);
                int each = Math.max(20, iterations / Math.max(1, readers / 5));
                Histogram all = new Histogram(3);
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers);
                List<java.util.concurrent.Future<Histogram>> fs = new java.util.ArrayList<>();
                long n0 = ingested.get(), t0 = System.nanoTime();
                for (int r = 0; r < readers; r++)
                    fs.add(pool.submit(() -> nativeLatency(server.nativePort(), q.proxist(), each)));
                for (java.util.concurrent.Future<Histogram> f : fs) all.add(f.get());
                double secs = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                double p95 = all.getValueAtPercentile(95) / 1e3;
                if (readers == 1) p95one = p95;
                t.row(List.of(
                        Integer.toString(readers),
                        Long.toString(all.getTotalCount()),
                        String.format("%,.0f", all.getValueAtPercentile(50) / 1e3),
                        String.format("%,.0f", p95),
                        String.format("%,.0f", all.getValueAtPercentile(99) / 1e3),
                        String.format("%.1fx", p95 / p95one),
                        String.format("%,.0f", (ingested.get() - n0) / secs)));
            }
        } finally {
            ingest.shutdownNow();
        }
        System.out.println("\n### Concurrent readers of \"" + q.name() + "\" over native during ingest\n");
        t.print(System.out);
    }

    static void loadQuotes(IngestService service, int symbols, int rows, long start, long end) {
        Console.progress("loading %d symbols x %d quotes", symbols, rows);
        long step = (end - start) / rows;
        int perBlock = Math.max(1, 100_000 / symbols);
        for (int from = 0; from < rows; from += perBlock) {
            int to = Math.min(rows, from + perBlock);
            BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.of("String"));
            LongColumnBuilder ts = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
            LongColumnBuilder seq = (LongColumnBuilder) ColumnBuilder.forType(DataType.of("UInt64"));
            DoubleColumnBuilder bid = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
            DoubleColumnBuilder ask = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
            int n = 0;
            for (int r = from; r < to; r++) {
                for (int k = 0; k < symbols; k++) {
                    s.appendString(String.format("S%04d", k));
                    ts.appendLong(start + r * step + k - step / 2); // between two trades
                    seq.appendLong(r);
                    bid.appendDouble(99.99 + k + (r % 100) / 100.0);
                    ask.appendDouble(100.01 + k + (r % 100) / 100.0);
                    n++;
                }
            }
            List<Column> cols = List.of(s.build(), ts.build(), seq.build(), bid.build(), ask.build());
            service.insert("market_data", new Block(List.of("symbol", "ts", "seq", "bid_px", "ask_px"), cols, n));
        }
        Console.progress("waiting for the quotes' flush");
        service.awaitPersisted("market_data", Duration.ofMinutes(30));
    }

    static void load(IngestService service, int symbols, int rows, long start, long end) {
        Console.progress("loading %d symbols x %d rows", symbols, rows);
        long step = (end - start) / rows;
        int perBlock = Math.max(1, 100_000 / symbols);
        for (int from = 0; from < rows; from += perBlock) {
            int to = Math.min(rows, from + perBlock);
            BytesColumnBuilder s = (BytesColumnBuilder) ColumnBuilder.forType(DataType.of("String"));
            LongColumnBuilder ts = (LongColumnBuilder) ColumnBuilder.forType(DataType.parse("DateTime64(9, 'UTC')"));
            LongColumnBuilder seq = (LongColumnBuilder) ColumnBuilder.forType(DataType.of("UInt64"));
            DoubleColumnBuilder px = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
            DoubleColumnBuilder sz = (DoubleColumnBuilder) ColumnBuilder.forType(DataType.of("Float64"));
            int n = 0;
            for (int r = from; r < to; r++) {
                for (int k = 0; k < symbols; k++) {
                    s.appendString(String.format("S%04d", k));
                    ts.appendLong(start + r * step + k);
                    seq.appendLong(r);
                    px.appendDouble(100 + k + (r % 100) / 100.0);
                    sz.appendDouble(1 + (r % 7));
                    n++;
                }
            }
            List<Column> cols = List.of(s.build(), ts.build(), seq.build(), px.build(), sz.build());
            service.insert("trades", new Block(List.of("symbol", "ts", "seq", "price", "size"), cols, n));
        }
        Console.progress("waiting for the flush");
        service.awaitPersisted("trades", Duration.ofMinutes(30));
    }

    static Histogram nativeLatency(int port, String sql, int iterations) throws Exception {
        Histogram h = new Histogram(3);
        try (Connection c = NativeJdbcCaller.connect(port);
                Statement st = c.createStatement()) {
            for (int i = 0; i < iterations + iterations / 5; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) rs.getObject(1);
                }
                if (i >= iterations / 5) h.recordValue(System.nanoTime() - t0);
            }
        }
        return h;
    }

    static Histogram httpLatency(int port, String sql, int iterations) throws Exception {
        Histogram h = new Histogram(3);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?query="
                        + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)))
                .GET()
                .build();
        for (int i = 0; i < iterations + iterations / 5; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IllegalStateException(sql + ": " + new String(r.body()));
            if (i >= iterations / 5) h.recordValue(System.nanoTime() - t0);
        }
        return h;
    }
}
