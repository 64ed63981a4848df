package io.proxist.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log of configuration changes through the admin API: {@code <proxist.home>/admin/config-audit.jsonl}, one
 * JSON object per line and per key, appended and fsynced before the change takes effect; kept across restarts, so
 * the version goes on from the largest one in the file.
 */
final class ConfigAudit {
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    private final Path file;
    private long version;

    ConfigAudit(Path file) {
        this.file = file;
        long v = 0;
        for (String line : lines()) {
            Matcher m = VERSION.matcher(line);
            if (m.find()) v = Math.max(v, Long.parseLong(m.group(1)));
        }
        version = v;
    }

    Path file() {
        return file;
    }

    /** The configuration's version: the number of change sets applied through the admin API since the file began. */
    synchronized long version() {
        return version;
    }

    /** The next version, once the entries of the change set that makes it are recorded. */
    synchronized long nextVersion() {
        return version + 1;
    }

    /** Appends and fsyncs entries (one JSON line each); {@code applied}: they make version {@link #nextVersion}. */
    synchronized void record(List<Map<String, Object>> entries, boolean applied) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : entries) sb.append(Json.line(e)).append('\n');
        try {
            Files.createDirectories(file.getParent());
            try (var ch = java.nio.channels.FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                var buf = java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration audit log [file=" + file + "]", e);
        }
        if (applied) version++;
    }

    /** The last {@code limit} entries, oldest first, as JSON text lines. */
    synchronized List<String> last(int limit) {
        List<String> all = lines();
        return new ArrayList<>(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    private List<String> lines() {
        if (!Files.exists(file)) return List.of();
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!l.isBlank()) out.add(l);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration audit log [file=" + file + "]", e);
        }
    }
}
