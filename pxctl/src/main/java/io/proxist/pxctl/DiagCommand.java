package io.proxist.pxctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pxctl diag}: a diagnostics bundle for a support ticket, everything read through the admin API: status,
 * queues, WAL, metadata, the configuration (redacted by the server) and its history, a /metrics scrape when the
 * admin port serves one, the log tail and a thread dump, plus a manifest of what was collected.
 */
@Command(
        name = "diag",
        mixinStandardHelpOptions = true,
        description = {
            "Collect a diagnostics bundle (.tar.gz or a directory).",
            "Collect a diagnostics bundle: status, queues, WAL, metadata, configuration (secrets "
                    + "redacted) and its history, a metrics snapshot, the recent log and a thread dump. Writes "
                    + "proxist-diag-<time>.tar.gz (or -o FILE.tar.gz), or a directory with --dir."
        })
final class DiagCommand extends AdminCommand {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** URL user-info, in case any text carries one: the server redacts the configuration already. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s\"]+@");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "PATH",
            description = "The .tar.gz to write (default: proxist-diag-<UTC time>.tar.gz here), or with --dir the"
                    + " directory.")
    Path output;

    @Option(names = "--dir", description = "Write a directory instead of a .tar.gz.")
    boolean dir;

    @Option(
            names = "--log-lines",
            paramLabel = "N",
            description = "Recent log events to include (default: ${DEFAULT-VALUE}).")
    int logLines = 2000;

    private record Item(String file, String path, boolean optional) {}

    @Override
    public Integer call() {
        AdminClient client = client();
        String name = "proxist-diag-" + STAMP.format(Instant.now());
        List<Item> items = List.of(
                new Item("status.json", "/admin/status", false),
                new Item("queues.json", "/admin/queues", true),
                new Item("wal.json", "/admin/wal", true),
                new Item("metadata.json", "/admin/metadata", true),
                new Item("config.json", "/admin/config", false),
                new Item("config-history.json", "/admin/config/history", false),
                new Item("metrics.txt", "/metrics", true),
                new Item("logs.txt", "/admin/logs?lines=" + Math.max(1, logLines), false),
                new Item("threads.txt", "/admin/threads", false));
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Object> manifest = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Item it : items) {
            AdminClient.Answer a = client.get(it.path()); // unreachable (3) or refused credentials (4) end it here
            StringBuilder m = new StringBuilder("{\"file\": " + Json.quote(it.file()) + ", \"from\": "
                    + Json.quote(it.path()) + ", \"status\": " + a.status());
            if (a.ok()) {
                files.put(it.file(), scrub(a.body()).getBytes(StandardCharsets.UTF_8));
            } else {
                m.append(", \"error\": ").append(Json.quote(a.error()));
                if (!(it.optional() && a.status() == 404)) failed.add(it.path() + ": " + a.error());
            }
            manifest.add(m.append('}').toString());
        }
        StringBuilder mf = new StringBuilder("{\n  \"pxctl\": ")
                .append(Json.quote(new Pxctl.Version().getVersion()[0]))
                .append(",\n  \"admin_api\": ")
                .append(Json.quote(client.base().toString()))
                .append(",\n  \"collected\": ")
                .append(Json.quote(Instant.now().toString()))
                .append(",\n  \"items\": [\n    ");
        for (int i = 0; i < manifest.size(); i++)
            mf.append(i == 0 ? "" : ",\n    ").append(manifest.get(i));
        mf.append("\n  ]\n}\n");
        files.put("manifest.json", mf.toString().getBytes(StandardCharsets.UTF_8));
        Path written = write(name, files);
        out().println("diagnostics written to " + written + " (" + files.size() + " files)");
        out().flush();
        if (!failed.isEmpty()) {
            throw new PxctlException(ExitCode.FAILED, "some items could not be collected: " + failed);
        }
        return ExitCode.OK;
    }

    static String scrub(String text) {
        return USER_INFO.matcher(text).replaceAll("<redacted>@");
    }

    private Path write(String name, Map<String, byte[]> files) {
        try {
            if (dir) {
                Path d = output != null ? output : Path.of(name);
                Files.createDirectories(d);
                for (Map.Entry<String, byte[]> f : files.entrySet()) Files.write(d.resolve(f.getKey()), f.getValue());
                return d.toAbsolutePath();
            }
            Path file = output != null ? output : Path.of(name + ".tar.gz");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (TarGz tar = new TarGz(file)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) tar.add(name + "/" + f.getKey(), f.getValue());
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new PxctlException(ExitCode.FAILED, "cannot write the bundle: " + e);
        }
    }
}
