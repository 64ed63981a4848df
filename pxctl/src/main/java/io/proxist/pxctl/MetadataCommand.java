package io.proxist.pxctl;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code pxctl metadata}: GET /admin/metadata. */
@Command(
        name = "metadata",
        mixinStandardHelpOptions = true,
        description = "The metadata store (tables and stored watermarks, symbols) and the snapshots on disk.")
final class MetadataCommand extends AdminCommand {
    @Override
    public Integer call() {
        AdminClient.Answer a = client().get("/admin/metadata").orFail();
        if (printedJson(a)) return ExitCode.OK;
        Map<String, Object> m = a.json();
        out().println("metadata " + Json.str(m.get("dir")) + ": " + Format.count(m.get("symbols")) + " symbols, "
                + Format.count(m.get("frontier_entries")) + " frontier entries");
        Format.Table t = new Format.Table("TABLE", "OWNED", "DURABILITY", "STORED T_PERSISTED", "WAL POSITION");
        for (Object o : Json.list(m.get("tables"))) {
            Map<String, Object> x = Json.obj(o);
            Map<String, Object> w = Json.obj(x.get("stored_watermark"));
            t.row(
                    Json.str(x.get("table")),
                    Json.str(x.get("owned")),
                    Json.str(x.get("durability")),
                    Json.str(w.get("t_persisted")),
                    Json.str(w.get("wal_position")));
        }
        out().print(t);
        Map<String, Object> s = Json.obj(m.get("snapshots"));
        out().println("snapshots in " + Json.str(s.get("dir")) + " every " + Json.str(s.get("interval_seconds"))
                + " s:");
        for (Object o : Json.list(s.get("files"))) {
            Map<String, Object> f = Json.obj(o);
            out().println("  " + Json.str(f.get("file")) + "  " + Format.bytes(Json.num(f.get("bytes"))) + "  "
                    + Json.str(f.get("modified")));
        }
        out().flush();
        return ExitCode.OK;
    }
}
