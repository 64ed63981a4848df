package io.proxist.pxctl;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code pxctl queues}: GET /admin/queues. */
@Command(
        name = "queues",
        mixinStandardHelpOptions = true,
        description = {
            "Rows waiting for ClickHouse per table, against their budgets; the flushers' queues.",
            "Per owned table: rows waiting for ClickHouse against the table's budget (max-pending-rows) "
                    + "and what happens past it, the flusher's queue and its INSERTs into ClickHouse; the WAL "
                    + "against its budget."
        })
final class QueuesCommand extends AdminCommand {
    @Override
    public Integer call() {
        AdminClient.Answer a = client().get("/admin/queues").orFail();
        if (printedJson(a)) return ExitCode.OK;
        Map<String, Object> m = a.json();
        Format.Table t = new Format.Table(
                "TABLE",
                "PENDING",
                "BUDGET",
                "USAGE",
                "PAST BUDGET",
                "FLUSH BATCHES",
                "FLUSH ROWS",
                "ROWS/INSERT",
                "INSERTS",
                "FAILED",
                "AMBIGUOUS",
                "REJECTED",
                "DROPPED",
                "REFUSED");
        for (Object o : Json.list(m.get("tables"))) {
            Map<String, Object> q = Json.obj(o);
            t.row(
                    Json.str(q.get("table")),
                    Format.count(q.get("pending_rows")),
                    Format.count(q.get("max_pending_rows")),
                    Format.percent(q.get("queue_usage")),
                    Json.str(q.get("past_budget")),
                    Format.count(q.get("flush_queue_batches")),
                    Format.count(q.get("flush_queue_rows")),
                    Format.count(q.get("target_rows_per_insert")),
                    Format.count(q.get("inserts")),
                    Format.count(q.get("failed_attempts")),
                    Format.count(q.get("ambiguous_attempts")),
                    Format.count(q.get("rejected_batches")),
                    Format.count(q.get("dropped_rows")),
                    Format.count(q.get("refused_inserts")));
        }
        out().print(t);
        Map<String, Object> wal = Json.obj(m.get("wal"));
        out().println("WAL " + Format.bytes(Json.num(wal.get("bytes"))) + " of "
                + Format.bytes(Json.num(wal.get("budget_bytes"))) + " (" + Format.percent(wal.get("usage")) + ")");
        out().flush();
        return ExitCode.OK;
    }
}
