package io.proxist.pxctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pxctl flush [TABLE]}: POST /admin/flush, waiting until ClickHouse holds every acknowledged row. */
@Command(
        name = "flush",
        mixinStandardHelpOptions = true,
        description = {
            "Wait until ClickHouse holds every row acknowledged so far.",
            "Wait until every row acknowledged so far (of TABLE, or of every owned table) is confirmed "
                    + "in ClickHouse. Exits 5 when the wait times out (ClickHouse down or slow); nothing is lost "
                    + "then, the rows stay queued."
        })
final class FlushCommand extends AdminCommand {
    @Parameters(arity = "0..1", paramLabel = "TABLE", description = "An owned table (default: all).")
    String table;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            description = "Longest wait for ClickHouse (default: the server's admin.flush-timeout-ms).")
    Integer waitSeconds;

    @Override
    public Integer call() {
        StringBuilder q = new StringBuilder("/admin/flush");
        String sep = "?";
        if (table != null) {
            q.append(sep).append("table=").append(URLEncoder.encode(table, StandardCharsets.UTF_8));
            sep = "&";
        }
        if (waitSeconds != null) q.append(sep).append("timeout_ms=").append(waitSeconds * 1000L);
        AdminClient.Answer a = client().post(q.toString(), "");
        boolean timedOut = a.status() == 504 && a.isJson();
        if (!timedOut) a.orFail();
        if (!printedJson(a)) {
            Map<String, Object> m = a.json();
            for (Object o : Json.list(m.get("tables"))) {
                Map<String, Object> t = Json.obj(o);
                boolean done = Boolean.TRUE.equals(t.get("done"));
                out().println(Json.str(t.get("table")) + ": "
                        + (done ? "in ClickHouse" : "NOT YET: " + Format.count(t.get("pending_rows")) + " rows waiting")
                        + ", T_persisted " + Json.str(t.get("t_persisted")) + ", waited "
                        + Json.str(t.get("waited_ms")) + " ms");
            }
            out().flush();
        }
        if (timedOut) throw new PxctlException(ExitCode.TIMEOUT, a.error());
        return ExitCode.OK;
    }
}
