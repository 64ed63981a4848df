package io.proxist.pxctl;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxctl config show|history}. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "The effective configuration (secrets redacted) and the audit log of its changes.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.History.class})
final class ConfigCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("pxctl config: show or history?");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every key with its effective value.")
    static final class Show extends AdminCommand {
        @Override
        public Integer call() {
            AdminClient.Answer a = client().get("/admin/config").orFail();
            if (printedJson(a)) return ExitCode.OK;
            Map<String, Object> c = a.json();
            out().println("# configuration version " + Json.str(c.get("version")) + ", live keys "
                    + Json.str(c.get("live_keys")));
            for (Map.Entry<String, Object> e : Json.obj(c.get("values")).entrySet()) {
                out().println(e.getKey() + "=" + Json.str(e.getValue()));
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Configuration changes through the admin API: who, when, old and new value, applied or"
                    + " refused.")
    static final class History extends AdminCommand {
        @Option(names = "--limit", paramLabel = "N", description = "The last N entries (default: ${DEFAULT-VALUE}).")
        int limit = 100;

        @Override
        public Integer call() {
            AdminClient.Answer a = client().get("/admin/config/history?limit=" + Math.max(1, limit))
                    .orFail();
            if (printedJson(a)) return ExitCode.OK;
            Format.Table t = new Format.Table("VERSION", "TIME", "USER", "KEY", "OUTCOME", "OLD", "NEW");
            for (Object o : Json.list(a.json().get("entries"))) {
                Map<String, Object> e = Json.obj(o);
                t.row(
                        Json.str(e.get("version")),
                        Json.str(e.get("time")),
                        Json.str(e.get("user")),
                        Json.str(e.get("key")),
                        Json.str(e.get("outcome")),
                        Json.str(e.get("old")),
                        Json.str(e.get("new")));
            }
            out().print(t);
            out().flush();
            return ExitCode.OK;
        }
    }
}
