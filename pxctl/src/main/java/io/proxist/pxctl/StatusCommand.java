package io.proxist.pxctl;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code pxctl status}: GET /admin/status as a table, or its JSON. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Proxist at a glance: ClickHouse health, WAL, per table watermark, lag, queue, flush rate.",
            "Proxist at a glance: ClickHouse's health, the WAL, and per owned table its policy, "
                    + "T_persisted and lag, rows waiting for ClickHouse, the hot store and the flush rate."
        })
final class StatusCommand extends AdminCommand {
    @Override
    public Integer call() {
        AdminClient.Answer a = client().get("/admin/status").orFail();
        if (printedJson(a)) return ExitCode.OK;
        out().print(render(a.json()));
        out().flush();
        return ExitCode.OK;
    }

    static String render(Map<String, Object> s) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> server = Json.obj(s.get("server"));
        Map<String, Object> ch = Json.obj(s.get("clickhouse"));
        sb.append("Proxist ")
                .append(Json.str(server.get("display_name")))
                .append(", up ")
                .append(Format.seconds(server.get("uptime_seconds")))
                .append(", http ")
                .append(Json.str(server.get("http_port")))
                .append(", native ")
                .append(Json.str(server.get("native_port")))
                .append(", config version ")
                .append(Json.str(server.get("config_version")))
                .append('\n');
        sb.append("ClickHouse ")
                .append(Json.str(ch.get("version")))
                .append(" at ")
                .append(Json.str(ch.get("url")))
                .append(": ")
                .append(ch.get("health") == null ? "no flushes (no owned table)" : Json.str(ch.get("health")))
                .append(Boolean.TRUE.equals(ch.get("reachable")) ? ", answers" : ", NOT REACHABLE")
                .append(
                        ch.get("consecutive_failures") instanceof Number n && n.longValue() > 0
                                ? ", " + n + " failed attempts in a row"
                                : "")
                .append('\n');
        Map<String, Object> wal = Json.obj(s.get("wal"));
        if (!wal.isEmpty()) {
            Map<String, Object> oldest = Json.obj(wal.get("oldest_segment"));
            sb.append("WAL ")
                    .append(Format.bytes(Json.num(wal.get("bytes"))))
                    .append(" of ")
                    .append(Format.bytes(Json.num(wal.get("budget_bytes"))))
                    .append(" (")
                    .append(Format.percent(wal.get("usage")))
                    .append("), ")
                    .append(Json.str(wal.get("segments")))
                    .append(Json.num(wal.get("segments")) == 1 ? " segment, oldest " : " segments, oldest ")
                    .append(Json.str(oldest.get("file")))
                    .append(oldest.isEmpty() ? "" : " (" + Format.seconds(oldest.get("age_seconds")) + " old)")
                    .append(Boolean.TRUE.equals(wal.get("failed")) ? ", FAILED (restart Proxist)" : "")
                    .append('\n');
        }
        List<Object> tables = Json.list(s.get("tables"));
        if (tables.isEmpty()) return sb.append("no owned table\n").toString();
        Format.Table t = new Format.Table(
                "TABLE",
                "DURABILITY",
                "PAST BUDGET",
                "T_PERSISTED",
                "LAG",
                "PENDING",
                "QUEUE",
                "HOT ROWS",
                "HOT BYTES",
                "FLUSHED",
                "ROWS/S",
                "FAILED",
                "DROPPED");
        for (Object o : tables) {
            Map<String, Object> r = Json.obj(o);
            Map<String, Object> p = Json.obj(r.get("policy"));
            t.row(
                    Json.str(r.get("table")),
                    Json.str(p.get("durability")),
                    Boolean.TRUE.equals(p.get("critical")) ? "refuse" : "drop",
                    Json.str(r.get("t_persisted")),
                    Format.seconds(r.get("lag_seconds")),
                    Format.count(r.get("pending_rows")),
                    Format.percent(r.get("queue_usage")),
                    Format.count(r.get("hot_rows")),
                    Format.bytes(Json.num(r.get("hot_bytes"))),
                    Format.count(r.get("flushed_rows")),
                    Format.rate(r.get("flush_rows_per_second")),
                    Format.count(r.get("flush_failures")),
                    Format.count(r.get("dropped_rows")));
        }
        return sb.append('\n').append(t).toString();
    }
}
