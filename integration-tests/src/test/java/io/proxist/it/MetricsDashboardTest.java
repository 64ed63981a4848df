package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/proxist.json is a Grafana dashboard (panels on the 24-column grid without overlap, each with its
 * queries, the Prometheus data source as a variable), its PromQL parses (promtool), and every metric it and the
 * alert rules name is in a real scrape of a running Proxist.
 */
@WithClickHouse
class MetricsDashboardTest {
    private static final Set<String> PANEL_TYPES =
            Set.of("row", "timeseries", "stat", "gauge", "bargauge", "table", "text", "heatmap", "piechart");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*[a-zA-Z_]\\w*\\)$");

    @SuppressWarnings("unchecked")
    static Map<String, Object> dashboard() throws Exception {
        return (Map<String, Object>) MetricsJson.parse(Files.readString(MetricsPromtool.DASHBOARD));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) assertInstanceOf(List.class, o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) assertInstanceOf(Map.class, o);
    }

    static String text(Map<String, Object> m, String key) {
        String s = assertInstanceOf(String.class, m.get(key), key + " in " + m.keySet());
        assertFalse(s.isBlank(), key);
        return s;
    }

    static int integer(Map<String, Object> m, String key) {
        double d = assertInstanceOf(Double.class, m.get(key), key);
        assertEquals(Math.rint(d), d, key + " is an integer");
        return (int) d;
    }

    @Test
    void dashboardIsGrafanaJson() throws Exception {
        Map<String, Object> d = dashboard();
        text(d, "title");
        text(d, "uid");
        assertTrue(integer(d, "schemaVersion") >= 36, "a current Grafana schema");
        map(d.get("time"));
        Set<String> variables = new HashSet<>();
        String datasourceVar = null;
        for (Map<String, Object> v : list(map(d.get("templating")).get("list"))) {
            String name = text(v, "name");
            assertTrue(variables.add(name), "variable " + name + " once");
            if (text(v, "type").equals("datasource")) {
                assertEquals("prometheus", v.get("query"));
                datasourceVar = name;
            }
        }
        assertTrue(datasourceVar != null, "a Prometheus data source variable");
        List<Map<String, Object>> panels = list(d.get("panels"));
        assertTrue(panels.size() >= 10, "panels: " + panels.size());
        Set<Integer> ids = new HashSet<>();
        boolean[][] grid = new boolean[24][200];
        Set<String> covered = new TreeSet<>();
        for (Map<String, Object> p : panels) {
            String title = text(p, "title");
            assertTrue(ids.add(integer(p, "id")), "panel ids are unique: " + title);
            String type = text(p, "type");
            assertTrue(PANEL_TYPES.contains(type), type + " in " + title);
            Map<String, Object> g = map(p.get("gridPos"));
            int x = integer(g, "x");
            int y = integer(g, "y");
            int w = integer(g, "w");
            int h = integer(g, "h");
            assertTrue(x >= 0 && w > 0 && x + w <= 24 && y >= 0 && h > 0 && y + h <= 200, title + " " + g);
            for (int i = x; i < x + w; i++) {
                for (int j = y; j < y + h; j++) {
                    assertFalse(grid[i][j], title + " overlaps another panel at " + i + "," + j);
                    grid[i][j] = true;
                }
            }
            if (type.equals("row")) continue;
            assertEquals("${" + datasourceVar + "}", map(p.get("datasource")).get("uid"), title);
            List<Map<String, Object>> targets = list(p.get("targets"));
            assertFalse(targets.isEmpty(), title + " has queries");
            Set<String> refIds = new HashSet<>();
            for (Map<String, Object> t : targets) {
                assertTrue(refIds.add(text(t, "refId")), "refIds unique in " + title);
                String expr = text(t, "expr");
                for (Matcher m = Pattern.compile("\\$(\\w+)").matcher(expr); m.find(); ) {
                    String var = m.group(1);
                    assertTrue(var.startsWith("__") || variables.contains(var), "$" + var + " in " + title);
                }
                covered.addAll(metricNames(expr));
            }
        }
        // what the issue asks the dashboard to show
        for (String m : List.of(
                "recorder_queue_usage",
                "recorder_pending_rows",
                "recorder_inserted_rows_total",
                "recorder_wal_size_bytes",
                "proxist_clickhouse_health",
                "recorder_watermark_lag_seconds",
                "proxist_query_latency_seconds",
                "recorder_flushed_rows_total")) {
            assertTrue(covered.contains(m), m + " on the dashboard: " + covered);
        }
    }

    /** Every query of the dashboard, Grafana's variables replaced as Grafana would, parses as PromQL. */
    @Test
    void dashboardQueriesParse(@TempDir Path dir) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (String expr : dashboardExpressions()) {
            String concrete = expr.replace("$__rate_interval", "5m")
                    .replace("$__range", "1h")
                    .replace("$__interval", "1m")
                    .replaceAll("\\$\\w+", ".*");
            rules.append("      - record: dashboard:query_")
                    .append(++n)
                    .append("\n        expr: '")
                    .append(concrete.replace("'", "''"))
                    .append("'\n");
        }
        Files.writeString(dir.resolve("dashboard.yml"), rules);
        MetricsPromtool.Run r = MetricsPromtool.run(dir, "check", "rules", "dashboard.yml");
        assertEquals(0, r.exit(), r.output() + "\n" + rules);
        assertTrue(r.output().contains("SUCCESS: " + n + " rules found"), r.output());
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsScraped(TestClickHouse ch) throws Exception {
        Set<String> wanted = new TreeSet<>();
        for (String e : dashboardExpressions()) wanted.addAll(metricNames(e));
        Set<String> fromAlerts = new TreeSet<>();
        for (String e : alertExpressions()) fromAlerts.addAll(metricNames(e));
        assertEquals(9, alertExpressions().size(), "one expression per alert rule");
        assertTrue(fromAlerts.contains("proxist_clickhouse_health"), fromAlerts.toString());
        wanted.addAll(fromAlerts);
        try (ProxistServer proxist =
                ProxistUnderTest.start(ch, Map.of("schemas.apply", "true", "clickhouse.database", ch.database()))) {
            // a few rows through HTTP and a query, so that every per-table and per-kind series has samples
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + proxist.httpPort() + "/?database=" + ch.database() + "&query=";
            long t0 = System.currentTimeMillis() * 1_000_000L;
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 10; i++) rows.append(OwnedTablesTest.row("DASH", t0 + i, i, 1 + i));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    base + URLEncoder.encode(OwnedTablesTest.INSERT, StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofString(rows.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            r = http.send(
                    HttpRequest.newBuilder(URI.create(base
                                    + URLEncoder.encode(
                                            "SELECT count() FROM trades WHERE symbol = 'DASH'",
                                            StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("10", r.body().strip());
            MetricsScrape scrape = MetricsScrape.parse(proxist.metrics().scrape());
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(scrape.names());
            assertTrue(missing.isEmpty(), "named by the dashboard or the alerts, not scraped: " + missing);
            // per-table series exist for every owned table, and the trades INSERT was counted
            for (String table : proxist.ingest().service().tableNames()) {
                scrape.value("recorder_queue_usage", "table", table);
                scrape.value("recorder_insert_latency_ms_bucket", "table", table, "le", "5000.0");
            }
            assertEquals(10, scrape.value("recorder_inserted_rows_total", "table", "trades"));
            http.close();
        }
    }

    @Test
    void metricNamesAreFoundInPromQl() {
        assertEquals(
                Set.of("recorder_insert_latency_ms_bucket"),
                metricNames("histogram_quantile(0.99, sum by (job, instance, table, le)"
                        + " (rate(recorder_insert_latency_ms_bucket{table=~\"$table\", le!=\"1e3\"}[5m]))) > 5000"));
        assertEquals(
                Set.of("recorder_wal_size_bytes", "recorder_wal_budget_bytes"),
                metricNames("recorder_wal_size_bytes / on (instance) recorder_wal_budget_bytes > 0.8e0"));
        assertEquals(
                Set.of("recorder_pending_rows"), metricNames("label_values(recorder_pending_rows{a=\"b\"}, table)"));
    }

    /** The PromQL of the dashboard's panels and of its query variables. */
    static List<String> dashboardExpressions() throws Exception {
        Map<String, Object> d = dashboard();
        List<String> out = new ArrayList<>();
        for (Map<String, Object> p : list(d.get("panels"))) {
            if (p.get("targets") == null) continue;
            for (Map<String, Object> t : list(p.get("targets"))) out.add(text(t, "expr"));
        }
        for (Map<String, Object> v : list(map(d.get("templating")).get("list"))) {
            if (!"query".equals(v.get("type"))) continue;
            String q = text(map(v.get("query")), "query");
            Matcher m = LABEL_VALUES.matcher(q);
            out.add(m.matches() ? m.group(1) : q);
        }
        return out;
    }

    /** The {@code expr} of each rule in the alert rules file (inline, or a folded {@code >-} block). */
    static List<String> alertExpressions() throws Exception {
        List<String> lines = Files.readAllLines(MetricsPromtool.ALERTS);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (!t.startsWith("expr:")) continue;
            String rest = t.substring(5).strip();
            if (rest.equals(">-") || rest.equals(">") || rest.equals("|")) {
                int indent = line.indexOf('e');
                StringBuilder sb = new StringBuilder();
                while (i + 1 < lines.size()
                        && (lines.get(i + 1).isBlank()
                                || lines.get(i + 1).length()
                                                - lines.get(i + 1)
                                                        .stripLeading()
                                                        .length()
                                        > indent)) {
                    sb.append(' ').append(lines.get(++i).strip());
                }
                rest = sb.toString().strip();
            }
            out.add(rest);
        }
        return out;
    }

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan");

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String promql) {
        Matcher lv = LABEL_VALUES.matcher(promql.strip());
        String e = lv.matches() ? lv.group(1) : promql;
        e = e.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(e);
        while (m.find()) {
            int before = m.start() - 1;
            if (before >= 0 && (Character.isDigit(e.charAt(before)) || e.charAt(before) == '.')) continue; // 1e3
            int after = m.end();
            while (after < e.length() && e.charAt(after) == ' ') after++;
            if (after < e.length() && e.charAt(after) == '(') continue; // a function
            if (KEYWORDS.contains(m.group().toLowerCase(java.util.Locale.ROOT))) continue;
            names.add(m.group());
        }
        return names;
    }
}
