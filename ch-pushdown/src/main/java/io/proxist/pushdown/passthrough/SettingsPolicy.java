package io.proxist.pushdown.passthrough;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides what happens to each setting a client sends on a pass-through: settings the backing server knows go
 * on; settings a current ClickHouse knows but the backing server does not are dropped (the client expects a
 * modern server; the old one would refuse the query); names no ClickHouse knows are UNKNOWN_SETTING, as a
 * current server answers.
 */
public final class SettingsPolicy {
    /** Proxist's own settings: known to clients, never sent to the backend. */
    public static final Set<String> PROXIST = Set.of("proxist_persisted_only", "proxist_seam_pushdown");

    private final Set<String> upstream;
    private final Set<String> modern;

    public SettingsPolicy(Set<String> upstream, Set<String> modern) {
        this.upstream = Set.copyOf(upstream);
        this.modern = Set.copyOf(modern);
    }

    /** The settings a current ClickHouse accepts, from the packaged list. */
    public static Set<String> modernSettings() {
        try (InputStream in =
                SettingsPolicy.class.getResourceAsStream("/io/proxist/pushdown/clickhouse-settings.txt")) {
            if (in == null) {
                throw new IllegalStateException("clickhouse-settings.txt is missing from the classpath");
            }
            Set<String> names = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) names.add(s);
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings to send upstream, in order. */
    public Map<String, String> forUpstream(Map<String, String> requested) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String name = e.getKey();
            if (PROXIST.contains(name)) continue;
            if (upstream.contains(name)) {
                out.put(name, e.getValue());
            } else if (!modern.contains(name) && !name.startsWith("custom_")) {
                throw new ProxistException(ErrorCode.UNKNOWN_SETTING, "Unknown setting '" + name + "'");
            }
        }
        return out;
    }

    /** Whether a current ClickHouse or the backing server knows the name. */
    public boolean known(String name) {
        return PROXIST.contains(name) || upstream.contains(name) || modern.contains(name) || name.startsWith("custom_");
    }
}
