package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seam against an oracle: seeded random trade streams (late rows, client retries, flushes and evictions in
 * flight with a 2 s hot window) INSERTed through Proxist; after every batch a corpus of queries through Proxist must
 * equal the answer computed here over the acknowledged rows, and at the end, with everything flushed, the answer
 * ClickHouse itself gives. {@code -Dproxist.seam.seeds} runs more seeds; the seed is printed on failure.
 */
@WithClickHouse
class SeamDifferentialTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String[] SYMBOLS = {"S1", "S2", "S3", "S4"};
    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);
    static ProxistServer proxist;
    static TestClickHouse clickhouse;

    record Row(String symbol, long ts, long seq, double price, double size) {}

    /** A DateTime64(9) value in an expected row: text over HTTP, Int64 nanoseconds to clickhouse-client 18.16. */
    record Ts(long ns) {
        @Override
        public String toString() {
            return TS.format(Instant.ofEpochSecond(0, ns));
        }
    }

    @BeforeAll
    static void start(TestClickHouse ch) throws IOException {
        clickhouse = ch;
        Path home = Files.createTempDirectory("proxist-seam");
        proxist = ProxistUnderTest.start(
                clickhouse,
                Map.of(
                        "proxist.home",
                        home.toString(),
                        "schemas.apply",
                        "true",
                        "clickhouse.database",
                        clickhouse.database(),
                        "ingest.tables",
                        "trades,market_data",
                        "ingest.policies",
                        "trades.hot-window-ms=2000;trades.flush-interval-ms=50;market_data.hot-window-ms=2000;"
                                + "market_data.flush-interval-ms=50",
                        "snapshot.interval-seconds",
                        "1"));
    }

    @AfterAll
    static void stop() {
        proxist.close();
    }

    @Test
    void theSeamEqualsTheOracleAndClickHouse() throws Exception {
        int seeds = Integer.getInteger("proxist.seam.seeds", 3);
        long base = Long.getLong("proxist.test.seed", System.nanoTime());
        for (int k = 0; k < seeds; k++) run(base + k, 1_800_000_000_000_000_000L + k * 3_600_000_000_000L, "D" + k);
    }

    private void run(long seed, long t0, String prefix) throws Exception {
        String why = " (seed " + seed + ", -Dproxist.test.seed=" + seed + ")";
        Random rnd = new Random(seed);
        Map<String, Row> acked = new LinkedHashMap<>();
        quotes.clear();
        Set<String> usedTs = new HashSet<>();
        List<List<Row>> sent = new ArrayList<>();
        long clock = t0;
        for (int round = 0; round < 25; round++) {
            List<Row> batch;
            if (!sent.isEmpty() && rnd.nextInt(8) == 0) {
                // a client retry of an earlier INSERT, perhaps of rows memory has evicted: acknowledged, nothing new
                batch = sent.get(rnd.nextInt(sent.size()));
            } else {
                batch = new ArrayList<>();
                int n = 1 + rnd.nextInt(150);
                for (int i = 0; i < n; i++) {
                    clock += rnd.nextInt(4_000_000);
                    String sym = prefix + SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                    long ts = rnd.nextInt(10) == 0 ? clock - rnd.nextInt(1_000_000) * 1_000L : clock;
                    if (!usedTs.add(sym + "/" + ts)) continue;
                    batch.add(new Row(sym, ts, rnd.nextInt(3), 100 + rnd.nextInt(2000) / 100.0, 1 + rnd.nextInt(50)));
                }
                sent.add(batch);
            }
            insert(batch, why);
            for (Row r : batch) acked.putIfAbsent(r.symbol() + "/" + r.ts() + "/" + r.seq(), r);
            // quotes of three symbols around the same times (late ones too): the ASOF JOIN's right side
            List<Row> qs = new ArrayList<>();
            for (int i = 0, n = rnd.nextInt(60); i < n; i++) {
                long ts = clock - rnd.nextInt(400_000_000) - (rnd.nextInt(10) == 0 ? 1_500_000_000L : 0);
                qs.add(new Row(
                        prefix + SYMBOLS[rnd.nextInt(3)],
                        ts,
                        rnd.nextInt(3),
                        99 + rnd.nextInt(200) / 100.0,
                        101 + rnd.nextInt(200) / 100.0));
            }
            insertQuotes(qs, why);
            for (Row q : qs) quotes.putIfAbsent(q.symbol() + "/" + q.ts() + "/" + q.seq(), q);
            if (rnd.nextInt(3) == 0) proxist.ingest().maintainNow(); // persisted rows leave memory
            checkCorpus(new ArrayList<>(acked.values()), prefix, t0, why + " round " + round, false);
        }
        proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(60));
        proxist.ingest().service().awaitPersisted("market_data", Duration.ofSeconds(60));
        proxist.ingest().maintainNow();
        checkCorpus(new ArrayList<>(acked.values()), prefix, t0, why + " flushed", true);
        assertTrue(proxist.seamCounts()[2] > 0, "repeated queries are not parsed again");
    }

    /** Acknowledged quotes (symbol, ts, seq, bid in price, ask in size) by key. */
    private final Map<String, Row> quotes = new LinkedHashMap<>();

    private void insertQuotes(List<Row> batch, String why) throws Exception {
        if (!batch.isEmpty()) insert("market_data (symbol, ts, seq, bid_px, ask_px)", batch, why);
    }

    private void insert(List<Row> batch, String why) throws Exception {
        insert("trades (symbol, ts, seq, price, size)", batch, why);
    }

    /** Rows as (symbol, ts, seq, value, value) TabSeparated into the table and columns given. */
    private void insert(String into, List<Row> batch, String why) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Row r : batch)
            body.append(r.symbol())
                    .append('\t')
                    .append(TS.format(Instant.ofEpochSecond(0, r.ts())))
                    .append('\t')
                    .append(r.seq())
                    .append('\t')
                    .append(r.price())
                    .append('\t')
                    .append(r.size())
                    .append('\n');
        HttpResponse<String> resp = post("INSERT INTO " + into + " FORMAT TabSeparated", body.toString());
        assertEquals(200, resp.statusCode(), resp.body() + why);
    }

    /** One query, what the oracle says, and whether ClickHouse 18.16 can run it on the Int64 time column. */
    private record Case(String sql, List<List<Object>> expected, boolean backendCan) {}

    private void checkCorpus(List<Row> rows, String prefix, long t0, String why, boolean flushed) throws Exception {
        String s1 = prefix + "S1", s2 = prefix + "S2", s3 = prefix + "S3";
        List<Row> mine = filter(rows, r -> r.symbol().startsWith(prefix));
        long cut = t0 + 1_000_000_000L;
        String cutText = TS.format(Instant.ofEpochSecond(0, cut));
        List<Case> cases = new ArrayList<>();
        String in = "symbol IN ('" + prefix + "S1', '" + prefix + "S2', '" + prefix + "S3', '" + prefix + "S4')";
        cases.add(new Case("SELECT count() FROM trades WHERE " + in, List.of(List.of((long) mine.size())), true));
        cases.add(new Case("SELECT count() FROM trades FINAL WHERE " + in, List.of(List.of((long) mine.size())), true));
        // per symbol: count, sum, min, max, avg, argMax by time
        TreeMap<String, List<Row>> by = new TreeMap<>();
        for (Row r : mine)
            by.computeIfAbsent(r.symbol(), x -> new ArrayList<>()).add(r);
        List<List<Object>> agg = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            List<Row> g = e.getValue();
            Row last = g.stream().max(Comparator.comparingLong(Row::ts)).orElseThrow();
            agg.add(List.of(
                    e.getKey(),
                    (long) g.size(),
                    g.stream().mapToDouble(Row::size).sum(),
                    g.stream().mapToDouble(Row::price).min().orElseThrow(),
                    g.stream().mapToDouble(Row::price).max().orElseThrow(),
                    g.stream().mapToDouble(Row::price).average().orElseThrow(),
                    last.price()));
        }
        cases.add(new Case(
                "SELECT symbol, count(), sum(size), min(price), max(price), avg(price), argMax(price, ts) FROM trades"
                        + " WHERE " + in + " GROUP BY symbol ORDER BY symbol",
                agg,
                true));
        // the latest price per symbol (memory alone answers when it holds every symbol)
        List<List<Object>> latest = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            Row last =
                    e.getValue().stream().max(Comparator.comparingLong(Row::ts)).orElseThrow();
            latest.add(List.of(e.getKey(), last.price(), new Ts(last.ts())));
        }
        cases.add(new Case(
                "SELECT symbol, argMax(price, ts), max(ts) FROM trades WHERE " + in
                        + " GROUP BY symbol ORDER BY symbol",
                latest,
                false));
        // the last five of one symbol
        List<Row> s1rows = filter(mine, r -> r.symbol().equals(s1));
        s1rows.sort(
                Comparator.comparingLong(Row::ts).thenComparingLong(Row::seq).reversed());
        List<List<Object>> last5 = new ArrayList<>();
        for (Row r : s1rows.subList(0, Math.min(5, s1rows.size())))
            last5.add(List.of(new Ts(r.ts()), r.seq(), r.price()));
        cases.add(new Case(
                "SELECT ts, seq, price FROM trades WHERE symbol = '" + s1 + "' ORDER BY ts DESC, seq DESC LIMIT 5",
                last5,
                false));
        // the newest 40 of two symbols before a time (memory's tail of each series, then the backend's)
        long cut2 = t0 + 2_500_000_000L;
        List<Row> two = filter(mine, r -> (r.symbol().equals(s1) || r.symbol().equals(s2)) && r.ts() < cut2);
        two.sort(Comparator.comparingLong(Row::ts).reversed().thenComparing(Row::symbol));
        List<List<Object>> newest = new ArrayList<>();
        for (Row r : two.subList(0, Math.min(40, two.size())))
            newest.add(List.of(r.symbol(), new Ts(r.ts()), r.price()));
        cases.add(new Case(
                "SELECT symbol, ts, price FROM trades WHERE symbol IN ('" + s1 + "', '" + s2
                        + "') AND ts < toDateTime64('" + TS.format(Instant.ofEpochSecond(0, cut2))
                        + "', 9) ORDER BY ts DESC, symbol LIMIT 40",
                newest,
                false));
        // the newest two of each symbol (LIMIT n BY: memory's tail of each series, the backend's with it)
        List<Row> all = new ArrayList<>(mine);
        all.sort(Comparator.comparingLong(Row::ts).reversed().thenComparing(Row::symbol));
        Map<String, Integer> taken = new java.util.HashMap<>();
        List<List<Object>> byTwo = new ArrayList<>();
        for (Row r : all)
            if (taken.merge(r.symbol(), 1, Integer::sum) <= 2)
                byTwo.add(List.of(r.symbol(), new Ts(r.ts()), r.price()));
        cases.add(new Case(
                "SELECT symbol, ts, price FROM trades WHERE " + in + " ORDER BY ts DESC, symbol LIMIT 2 BY symbol",
                byTwo,
                false));
        // VWAP of one symbol after a time
        List<Row> s2after = filter(mine, r -> r.symbol().equals(s2) && r.ts() >= cut);
        double pv = s2after.stream().mapToDouble(r -> r.price() * r.size()).sum();
        double v = s2after.stream().mapToDouble(Row::size).sum();
        cases.add(new Case(
                "SELECT sum(price * size) / sum(size) AS vwap, count() FROM trades WHERE symbol = '" + s2
                        + "' AND ts >= toDateTime64('" + cutText + "', 9)",
                List.of(List.of(s2after.isEmpty() ? Double.NaN : pv / v, (long) s2after.size())),
                false));
        // one-minute bars of two symbols
        TreeMap<Long, long[]> bars = new TreeMap<>();
        TreeMap<Long, Double> highs = new TreeMap<>();
        for (Row r : mine) {
            if (!r.symbol().equals(s1) && !r.symbol().equals(s3)) continue;
            long b = Math.floorDiv(r.ts(), 60_000_000_000L) * 60_000_000_000L;
            bars.computeIfAbsent(b, x -> new long[1])[0]++;
            highs.merge(b, r.price(), Math::max);
        }
        List<List<Object>> barRows = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : bars.entrySet())
            barRows.add(List.of(new Ts(e.getKey()), e.getValue()[0], highs.get(e.getKey())));
        cases.add(new Case(
                "SELECT toStartOfMinute(ts) AS bar, count(), max(price) FROM trades WHERE symbol IN ('" + s1 + "', '"
                        + s3 + "') GROUP BY bar ORDER BY bar",
                barRows,
                false));
        // 10-second buckets of one symbol (ClickHouse's INTERVAL n unit)
        TreeMap<Long, Long> tens = new TreeMap<>();
        for (Row r : mine)
            if (r.symbol().equals(s2))
                tens.merge(Math.floorDiv(r.ts(), 10_000_000_000L) * 10_000_000_000L, 1L, Long::sum);
        List<List<Object>> tenRows = new ArrayList<>();
        for (Map.Entry<Long, Long> e : tens.entrySet()) tenRows.add(List.of(new Ts(e.getKey()), e.getValue()));
        cases.add(new Case(
                "SELECT toStartOfInterval(ts, INTERVAL 10 SECOND) AS b, count() FROM trades WHERE symbol = '" + s2
                        + "' GROUP BY b ORDER BY b",
                tenRows,
                false));
        // a filter on a value and a HAVING
        List<List<Object>> rich = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            long c = e.getValue().stream().filter(r -> r.price() > 110).count();
            if (c > 3) rich.add(List.of(e.getKey(), c));
        }
        cases.add(new Case(
                "SELECT symbol, count() AS c FROM trades WHERE " + in
                        + " AND price > 110 GROUP BY symbol HAVING c > 3 ORDER BY symbol",
                rich,
                true));
        windowCases(cases, by, s1, s2, s3, in, cut, cutText);
        asofCase(cases, mine, s1, s2);
        for (Case c : cases) {
            long[] before = proxist.seamCounts();
            List<List<String>> got = tsv(select(c.sql()));
            long[] after = proxist.seamCounts();
            assertEquals(before[0] + 1, after[0], "answered at the seam, not after the read barrier: " + c.sql());
            compare(c.expected(), got, "through Proxist: " + c.sql() + why);
            // the same with nothing but the WHERE pushed down: the backend's rows, aggregated and ordered here
            compare(
                    c.expected(),
                    tsv(selectWith(c.sql(), "proxist_seam_pushdown=0")),
                    "without pushdown: " + c.sql() + why);
            if (flushed) {
                // the other protocol and another format
                if (c.sql().contains(" OVER ") || c.sql().contains(" JOIN "))
                    compare(c.expected(), pythonTsv(c.sql()), "python clickhouse-driver over native: " + c.sql() + why);
                else compare(c.expected(), nativeTsv(c.sql()), "clickhouse-client over native: " + c.sql() + why);
                compare(c.expected(), csv(selectIn(c.sql(), "CSV")), "CSV over HTTP: " + c.sql() + why);
            }
            if (flushed && c.backendCan()) {
                // everything is persisted: asking for the persisted rows only gives the same answer
                compare(
                        c.expected(),
                        tsv(selectWith(c.sql(), "proxist_persisted_only=1")),
                        "persisted only: " + c.sql() + why);
                compare(
                        c.expected(),
                        tsv(clickhouse.query(c.sql() + " FORMAT TabSeparated")),
                        "ClickHouse direct: " + c.sql() + why);
            }
        }
    }

    /**
     * Window functions over rows from both sides of the seam (the frames of the oldest memory rows reach into the
     * backend's). Times are unique within a symbol, so ROWS frames are deterministic.
     */
    private static void windowCases(
            List<Case> cases,
            TreeMap<String, List<Row>> by,
            String s1,
            String s2,
            String s3,
            String in,
            long cut,
            String cutText) {
        // a 5-row moving average of one symbol, the newest 20 rows
        List<Row> a = sorted(by.getOrDefault(s1, List.of()));
        List<List<Object>> ma = new ArrayList<>();
        for (int i = a.size() - 1; i >= Math.max(0, a.size() - 20); i--) {
            double sum = 0;
            int from = Math.max(0, i - 4);
            for (int j = from; j <= i; j++) sum += a.get(j).price();
            ma.add(List.of(new Ts(a.get(i).ts()), a.get(i).price(), sum / (i - from + 1)));
        }
        cases.add(new Case(
                "SELECT ts, price, avg(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 4 PRECEDING AND"
                        + " CURRENT ROW) AS ma FROM trades WHERE symbol = '" + s1 + "' ORDER BY ts DESC LIMIT 20",
                ma,
                false));
        // a one-second RANGE frame after a time: volume, count and VWAP per row (WINDOW clause)
        List<Row> b = filter(sorted(by.getOrDefault(s2, List.of())), r -> r.ts() >= cut);
        List<List<Object>> range = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            double vol = 0, pv = 0;
            long n = 0;
            for (Row r : b)
                if (r.ts() >= b.get(i).ts() - 1_000_000_000L
                        && r.ts() <= b.get(i).ts()) {
                    vol += r.size();
                    pv += r.price() * r.size();
                    n++;
                }
            range.add(List.of(new Ts(b.get(i).ts()), vol, n, pv / vol));
        }
        cases.add(new Case(
                "SELECT ts, sum(size) OVER w AS vol, count() OVER w AS n, sum(price * size) OVER w / sum(size) OVER w"
                        + " AS vwap FROM trades WHERE symbol = '" + s2 + "' AND ts >= toDateTime64('" + cutText
                        + "', 9) WINDOW w AS (PARTITION BY symbol ORDER BY ts RANGE BETWEEN 1 PRECEDING AND CURRENT"
                        + " ROW) ORDER BY ts",
                range,
                false));
        // running row number and high per symbol, the newest three of each
        List<List<Object>> running = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : by.entrySet()) {
            List<Row> g = sorted(e.getValue());
            double[] hi = new double[g.size()];
            for (int i = 0; i < g.size(); i++)
                hi[i] = Math.max(i == 0 ? -1 : hi[i - 1], g.get(i).price());
            for (int i = g.size() - 1; i >= Math.max(0, g.size() - 3); i--)
                running.add(List.of(e.getKey(), new Ts(g.get(i).ts()), (long) i + 1, hi[i]));
        }
        cases.add(new Case(
                "SELECT symbol, ts, row_number() OVER (PARTITION BY symbol ORDER BY ts) AS rn, max(price) OVER"
                        + " (PARTITION BY symbol ORDER BY ts) AS hi FROM trades WHERE " + in
                        + " ORDER BY symbol, ts DESC LIMIT 3 BY symbol",
                running,
                false));
        // ClickHouse's exponentialMovingAverage with a half-life of 2 seconds, the newest 10 rows of one symbol
        List<Row> c = sorted(by.getOrDefault(s3, List.of()));
        List<List<Object>> ema = new ArrayList<>();
        for (int i = c.size() - 1; i >= Math.max(0, c.size() - 10); i--) {
            long tn = Math.floorDiv(c.get(i).ts(), 1_000_000_000L);
            double v = 0;
            for (int j = 0; j <= i; j++)
                v += c.get(j).price()
                        * Math.pow(2, -(tn - Math.floorDiv(c.get(j).ts(), 1_000_000_000L)) / 2.0);
            ema.add(List.of(new Ts(c.get(i).ts()), v * (1 - Math.pow(2, -1 / 2.0))));
        }
        cases.add(new Case(
                "SELECT ts, exponentialMovingAverage(2)(price, intDiv(toUnixTimestamp64Nano(ts), 1000000000)) OVER"
                        + " (PARTITION BY symbol ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ema"
                        + " FROM trades WHERE symbol = '" + s3 + "' ORDER BY ts DESC LIMIT 10",
                ema,
                false));
    }

    /** Each of the newest 30 trades of two symbols with the quote in force at its time (LEFT: none gives zeros). */
    private void asofCase(List<Case> cases, List<Row> mine, String s1, String s2) {
        List<Row> ts = filter(mine, r -> r.symbol().equals(s1) || r.symbol().equals(s2));
        ts.sort(Comparator.comparingLong(Row::ts).reversed().thenComparing(Row::symbol));
        List<List<Object>> rows = new ArrayList<>();
        for (Row t : ts.subList(0, Math.min(30, ts.size()))) {
            Row best = null;
            for (Row q : quotes.values())
                if (q.symbol().equals(t.symbol())
                        && q.ts() <= t.ts()
                        && (best == null || q.ts() > best.ts() || (q.ts() == best.ts() && q.seq() > best.seq())))
                    best = q;
            rows.add(List.of(
                    t.symbol(),
                    new Ts(t.ts()),
                    t.price(),
                    best == null ? 0.0 : best.price(),
                    best == null ? 0.0 : best.size() - best.price()));
        }
        cases.add(new Case(
                "SELECT t.symbol, t.ts, t.price, m.bid_px, m.ask_px - m.bid_px AS spread FROM trades AS t ASOF LEFT JOIN"
                        + " market_data AS m ON t.symbol = m.symbol AND t.ts >= m.ts WHERE t.symbol IN ('" + s1 + "', '"
                        + s2 + "') ORDER BY t.ts DESC, t.symbol LIMIT 30",
                rows,
                false));
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingLong(Row::ts).thenComparingLong(Row::seq));
        return out;
    }

    private static List<Row> filter(List<Row> rows, Predicate<Row> p) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) if (p.test(r)) out.add(r);
        return out;
    }

    private static void compare(List<List<Object>> expected, List<List<String>> got, String what) {
        assertEquals(expected.size(), got.size(), "rows of " + what + ": " + got);
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<String> g = got.get(i);
            assertEquals(e.size(), g.size(), "columns of " + what);
            for (int j = 0; j < e.size(); j++) {
                Object x = e.get(j);
                if (x instanceof Double d) {
                    double y = g.get(j).equals("nan") ? Double.NaN : Double.parseDouble(g.get(j));
                    assertTrue(
                            Double.isNaN(d) ? Double.isNaN(y) : Math.abs(d - y) <= 1e-9 * Math.max(1, Math.abs(d)),
                            "row " + i + " column " + j + " of " + what + ": expected " + d + " got " + g.get(j));
                } else if (x instanceof Ts t && what.startsWith("python")) {
                    // the driver rounds nanoseconds to a datetime's microseconds through a float
                    long micros = Long.parseLong(g.get(j));
                    assertTrue(
                            Math.abs(micros - t.ns() / 1000.0) <= 1,
                            "row " + i + " column " + j + " of " + what + ": expected " + t.ns() + " ns, got " + micros
                                    + " µs");
                } else if (x instanceof Ts t && what.startsWith("clickhouse-client")) {
                    assertEquals(Long.toString(t.ns()), g.get(j), "row " + i + " column " + j + " of " + what);
                } else {
                    assertEquals(String.valueOf(x), g.get(j), "row " + i + " column " + j + " of " + what);
                }
            }
        }
    }

    private static List<List<String>> tsv(String body) {
        List<List<String>> out = new ArrayList<>();
        for (String line : body.strip().split("\n")) if (!line.isEmpty()) out.add(List.of(line.split("\t", -1)));
        return out;
    }

    private static List<List<String>> csv(String body) {
        List<List<String>> out = new ArrayList<>();
        for (String line : body.strip().split("\n")) {
            if (line.isEmpty()) continue;
            List<String> cells = new ArrayList<>();
            for (String cell : line.split(",", -1))
                cells.add(
                        cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
                                ? cell.substring(1, cell.length() - 1)
                                : cell);
            out.add(cells);
        }
        return out;
    }

    /**
     * The query over the native protocol through Python's clickhouse-driver (it sends the text as written, where
     * clickhouse-client 18.16 parses it first and knows no window functions); DateTime64 values come back as Python
     * datetimes, so as microseconds since the epoch.
     */
    private static List<List<String>> pythonTsv(String sql) throws Exception {
        String script = String.join(
                "\n",
                "import sys, datetime, calendar",
                "from clickhouse_driver import Client",
                "c = Client(host='127.0.0.1', port=int(sys.argv[1]), database=sys.argv[2])",
                "def f(v):",
                "    if isinstance(v, datetime.datetime):",
                "        return str(calendar.timegm(v.utctimetuple()) * 1000000 + v.microsecond)",
                "    if isinstance(v, float) and v != v: return 'nan'",
                "    return str(v)",
                "for row in c.execute(sys.argv[3]):",
                "    print('\\t'.join(f(v) for v in row))");
        Process p = new ProcessBuilder(
                        NativePythonDriverTest.PYTHON,
                        "-c",
                        script,
                        Integer.toString(proxist.nativePort()),
                        clickhouse.database(),
                        sql)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), sql + ": " + out);
        return tsv(out);
    }

    /** The query through clickhouse-client (native protocol) against Proxist, as TabSeparated. */
    private static List<List<String>> nativeTsv(String sql) throws Exception {
        Process p = new ProcessBuilder(
                        "clickhouse-client",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(proxist.nativePort()),
                        "--database",
                        clickhouse.database(),
                        "--query",
                        sql + " FORMAT TabSeparated")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), sql + ": " + out);
        return tsv(out);
    }

    static String selectWith(String sql, String setting) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxist.httpPort() + "/?database="
                                + clickhouse.database() + "&" + setting + "&query="
                                + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), sql + ": " + r.body());
        return r.body();
    }

    static String selectIn(String sql, String format) throws IOException, InterruptedException {
        HttpResponse<String> r = post(sql + " FORMAT " + format, "");
        assertEquals(200, r.statusCode(), sql + ": " + r.body());
        return r.body();
    }

    static HttpResponse<String> post(String query, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxist.httpPort() + "/?database="
                                + clickhouse.database() + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String select(String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = post(sql + " FORMAT TabSeparated", "");
        assertEquals(200, r.statusCode(), sql + ": " + r.body());
        return r.body();
    }
}
