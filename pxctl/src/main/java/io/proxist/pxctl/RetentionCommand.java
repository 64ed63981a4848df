package io.proxist.pxctl;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxctl retention [--dry-run]}: POST /admin/retention/run. */
@Command(
        name = "retention",
        mixinStandardHelpOptions = true,
        description = {
            "Drops the owned tables' day partitions that are past their retention.",
            "Each owned table is partitioned by day; a partition whose every row is older than the table's "
                    + "retention (retention.market-data-days for market_data and trades, retention.audit-days for the "
                    + "others) is dropped in ClickHouse. With --dry-run nothing is dropped: the partitions that would "
                    + "be are listed."
        })
final class RetentionCommand extends AdminCommand {
    @Option(names = "--dry-run", description = "list what would be dropped, drop nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        AdminClient.Answer a = client().post("/admin/retention/run" + (dryRun ? "?dry_run=1" : ""), "")
                .orFail();
        if (printedJson(a)) return ExitCode.OK;
        Map<String, Object> m = a.json();
        Format.Table tables = new Format.Table("TABLE", "RETENTION DAYS", "CUTOFF");
        for (Object o : Json.list(m.get("tables"))) {
            Map<String, Object> t = Json.obj(o);
            tables.row(Json.str(t.get("table")), Format.count(t.get("retention_days")), Json.str(t.get("cutoff")));
        }
        out().print(tables);
        String key = dryRun ? "would_drop" : "dropped";
        Format.Table parts = new Format.Table("TABLE", "PARTITION", "ROWS", "BYTES");
        int n = 0;
        for (Object o : Json.list(m.get(key))) {
            Map<String, Object> p = Json.obj(o);
            parts.row(
                    Json.str(p.get("table")),
                    Json.str(p.get("partition")),
                    Format.count(p.get("rows")),
                    Format.bytes(Json.num(p.get("bytes"))));
            n++;
        }
        out().println();
        out().println((dryRun ? "Would drop " : "Dropped ") + n + " partition" + (n == 1 ? "" : "s")
                + (n == 0 ? "." : ":"));
        if (n > 0) out().print(parts);
        out().flush();
        return ExitCode.OK;
    }
}
