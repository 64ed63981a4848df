package io.proxist.chclient.managed;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the command that starts a ClickHouse server: {@code clickhouse-server}, or {@code clickhouse server}. */
public final class ServerBinary {
    private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/opt/clickhouse/bin");

    private ServerBinary() {}

    /**
     * The command prefix to run a server. {@code configured} wins when not empty; otherwise PATH and the usual
     * directories are searched for {@code clickhouse-server}, then for the single {@code clickhouse} binary.
     */
    public static List<String> find(String configured, String pathEnv) {
        if (configured != null && !configured.isEmpty()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new ProxistException(
                        ErrorCode.BAD_ARGUMENTS,
                        "ClickHouse server binary is not executable [path=" + configured + "]");
            }
            return p.getFileName().toString().equals("clickhouse")
                    ? List.of(configured, "server")
                    : List.of(configured);
        }
        List<String> dirs = new ArrayList<>();
        if (pathEnv != null) {
            for (String d : pathEnv.split(File.pathSeparator)) {
                if (!d.isEmpty()) dirs.add(d);
            }
        }
        dirs.addAll(DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, "clickhouse-server");
            if (Files.isExecutable(p)) return List.of(p.toString());
        }
        for (String d : dirs) {
            Path p = Path.of(d, "clickhouse");
            if (Files.isExecutable(p)) return List.of(p.toString(), "server");
        }
        throw new ProxistException(
                ErrorCode.BAD_ARGUMENTS,
                "no ClickHouse server binary found (looked for clickhouse-server and clickhouse in PATH and " + DIRS
                        + "): install one (on Debian: apt-get install clickhouse-server), or set"
                        + " clickhouse.server-binary, or use clickhouse.mode=external with clickhouse.url");
    }
}
