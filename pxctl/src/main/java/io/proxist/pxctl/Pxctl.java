package io.proxist.pxctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * pxctl, the operator CLI of Proxist over its admin API (pxctl/README.md). Connection options are global: they go
 * before or after the subcommand, and default to the PXCTL_* environment variables.
 */
@Command(
        name = "pxctl",
        mixinStandardHelpOptions = true,
        versionProvider = Pxctl.Version.class,
        description = "Operate a running Proxist through its admin API (admin.port, default 9363).",
        subcommands = {
            StatusCommand.class,
            FlushCommand.class,
            WalCommand.class,
            QueuesCommand.class,
            RetentionCommand.class,
            ApplyCommand.class,
            DiagCommand.class,
            ConfigCommand.class,
            MetadataCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Environment: PXCTL_HOST, PXCTL_PORT, PXCTL_USER, PXCTL_PASSWORD (the options win)."})
public final class Pxctl implements Callable<Integer> {
    static final int DEFAULT_PORT = 9363;

    @Option(
            names = "--host",
            scope = ScopeType.INHERIT,
            paramLabel = "HOST",
            description = "Proxist's admin API host (default: PXCTL_HOST, else 127.0.0.1).")
    String host;

    @Option(
            names = "--port",
            scope = ScopeType.INHERIT,
            paramLabel = "PORT",
            description = "Admin API port (default: PXCTL_PORT, else " + DEFAULT_PORT + ").")
    Integer port;

    @Option(
            names = {"-u", "--user"},
            scope = ScopeType.INHERIT,
            paramLabel = "USER",
            description = "A user of Proxist's users.file (default: PXCTL_USER, else default).")
    String user;

    @Option(
            names = "--password",
            scope = ScopeType.INHERIT,
            paramLabel = "PASSWORD",
            description = "Its password (default: PXCTL_PASSWORD, else empty). Prefer the variable: a command line"
                    + " shows in ps.")
    String password;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "SECONDS",
            description = "Longest wait for one answer of the admin API (default: ${DEFAULT-VALUE}).",
            defaultValue = "300")
    int timeoutSeconds;

    private final Map<String, String> env;

    Pxctl(Map<String, String> env) {
        this.env = env;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("pxctl: a command is needed");
        spec.commandLine().usage(err);
        return ExitCode.USAGE;
    }

    /** The admin API, as the options and the environment say. */
    AdminClient client() {
        String h = host != null ? host : env.getOrDefault("PXCTL_HOST", "127.0.0.1");
        int p;
        if (port != null) {
            p = port;
        } else {
            String e = env.get("PXCTL_PORT");
            try {
                p = e == null || e.isBlank() ? DEFAULT_PORT : Integer.parseInt(e.strip());
            } catch (NumberFormatException x) {
                throw new PxctlException(ExitCode.USAGE, "PXCTL_PORT is not a port: " + e);
            }
        }
        if (p < 1 || p > 65_535) throw new PxctlException(ExitCode.USAGE, "not a port: " + p);
        String u = user != null ? user : env.getOrDefault("PXCTL_USER", "default");
        String pw = password != null ? password : env.getOrDefault("PXCTL_PASSWORD", "");
        return new AdminClient(h, p, u, pw, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    /** pxctl wired for a run: output and errors to the given writers, environment from {@code env}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new Pxctl(env));
        cl.setOut(out);
        cl.setErr(err);
        withExitCodes(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PxctlException p) {
                cmd.getErr().println("pxctl: " + p.getMessage());
                cmd.getErr().flush();
                return p.exitCode();
            }
            cmd.getErr().println("pxctl: " + e);
            cmd.getErr().flush();
            return ExitCode.FAILED;
        });
        return cl;
    }

    private static void withExitCodes(CommandLine cl) {
        var usage = cl.getCommandSpec().usageMessage();
        String[] footer = usage.footer();
        String[] all = java.util.Arrays.copyOf(footer, footer.length + ExitCode.HELP.length);
        System.arraycopy(ExitCode.HELP, 0, all, footer.length, ExitCode.HELP.length);
        usage.footer(all);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) withExitCodes(sub);
        }
    }

    /** Runs pxctl with {@code args}; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        try {
            return commandLine(out, err, env).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** The version of this pxctl (its jar's). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Pxctl.class.getPackage().getImplementationVersion();
            return new String[] {"pxctl " + (v == null ? "(development build)" : v)};
        }
    }
}
