package io.proxist.pxctl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxctl apply -f FILE [--dry-run]}: POST /admin/config with what a declarative file asks for. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a declarative file of tables, policies and retention (--dry-run: the diff).",
            "Bring tables, policies and retention to what FILE declares (pxctl/README.md shows the "
                    + "format). --dry-run prints the difference with the running configuration and changes "
                    + "nothing. A change Proxist cannot apply while running is refused whole (exit 6): nothing is "
                    + "changed, and the message says what to set in the configuration file before a restart. "
                    + "Every change and refusal is in the audit log (pxctl config history)."
        })
final class ApplyCommand extends AdminCommand {
    @Option(
            names = {"-f", "--file"},
            required = true,
            paramLabel = "FILE",
            description = "The declarative file (Java properties).")
    Path file;

    @Option(names = "--dry-run", description = "Print the difference only.")
    boolean dryRun;

    @Override
    public Integer call() {
        String body = ApplyFile.body(ApplyFile.read(file));
        AdminClient.Answer a = client().post("/admin/config" + (dryRun ? "?dry_run=true" : ""), body);
        if (a.status() == 400) throw new PxctlException(ExitCode.USAGE, file + ": " + a.error());
        boolean refused = a.status() == 409 && a.isJson();
        if (!refused) a.orFail();
        if (!printedJson(a)) print(a.json(), refused);
        if (refused) throw new PxctlException(ExitCode.NOT_APPLIED, a.error());
        return ExitCode.OK;
    }

    private void print(Map<String, Object> r, boolean refused) {
        List<Object> changes = Json.list(r.get("changes"));
        if (changes.isEmpty()) {
            out().println("no change: the running configuration already matches " + file);
            out().flush();
            return;
        }
        String what = dryRun ? " (dry run, nothing applied)" : refused ? " (NOT applied)" : " (applied)";
        out().println(changes.size() + (changes.size() == 1 ? " change" : " changes") + what + ":");
        for (Object o : changes) {
            Map<String, Object> c = Json.obj(o);
            String live = Boolean.TRUE.equals(c.get("live")) ? "" : "   [needs a restart]";
            List<Object> fields = Json.list(c.get("fields"));
            if (fields.isEmpty()) {
                out().println("  " + Json.str(c.get("key")) + ": " + shown(c.get("old")) + " -> " + shown(c.get("new"))
                        + live);
            } else {
                out().println("  " + Json.str(c.get("key")) + live);
                for (Object f : fields) {
                    Map<String, Object> x = Json.obj(f);
                    out().println("    " + Json.str(x.get("table")) + "." + Json.str(x.get("field")) + ": "
                            + Json.str(x.get("old")) + " -> " + Json.str(x.get("new")));
                }
            }
        }
        if (r.get("version") != null && !dryRun && !refused) {
            out().println("configuration version " + Json.str(r.get("version")));
        }
        out().flush();
    }

    private static String shown(Object v) {
        String s = Json.str(v);
        return s.isEmpty() ? "(empty)" : s;
    }
}
