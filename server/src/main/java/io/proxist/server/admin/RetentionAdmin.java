package io.proxist.server.admin;

import io.proxist.server.retention.PartitionRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GET /admin/retention (a dry run) and POST /admin/retention/run ({@code dry_run=1} to only look). */
final class RetentionAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionAdmin.class);

    private RetentionAdmin() {}

    static Map<String, Object> report(AdminContext context, boolean dryRun, String user) {
        context.requireIngest();
        PartitionRetention job = context.retention();
        PartitionRetention.Report r = job.run(Instant.now(), dryRun);
        if (!dryRun)
            LOG.info(
                    "retention run by {}: {} partitions dropped ({} rows)",
                    user,
                    r.expired().size(),
                    r.expired().stream()
                            .mapToLong(PartitionRetention.Partition::rows)
                            .sum());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", r.now().toString());
        m.put("dry_run", dryRun);
        List<Object> tables = new ArrayList<>();
        for (Map.Entry<String, Instant> e : r.cutoffs().entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", e.getKey());
            t.put("retention_days", job.days(e.getKey()));
            t.put("cutoff", e.getValue().toString());
            tables.add(t);
        }
        m.put("tables", tables);
        m.put(dryRun ? "would_drop" : "dropped", partitions(r.expired()));
        m.put("not_a_day", partitions(r.unreadable()));
        return m;
    }

    private static List<Object> partitions(List<PartitionRetention.Partition> ps) {
        List<Object> out = new ArrayList<>();
        for (PartitionRetention.Partition p : ps) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("table", p.table());
            x.put("partition", p.day() == null ? p.partitionId() : p.day().toString());
            x.put("rows", p.rows());
            x.put("bytes", p.bytes());
            out.add(x);
        }
        return out;
    }
}
