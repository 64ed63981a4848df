package io.proxist.core.config;

import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Proxist's validated configuration: every key of {@link ProxistConfigKeys} with its value. Built in one place
 * ({@link #of}): unknown keys and bad values are rejected together, each problem naming its key.
 */
public final class ProxistConfig {
    private final Map<ConfigKey<?>, Object> values;
    private final Map<String, String> explicit;
    private final Secret clickhousePassword;

    private ProxistConfig(Map<ConfigKey<?>, Object> values, Map<String, String> explicit, Secret password) {
        this.values = values;
        this.explicit = explicit;
        this.clickhousePassword = password;
    }

    /** The defaults, with the password from the environment. */
    public static ProxistConfig defaults(Map<String, String> env) {
        return of(Map.of(), env);
    }

    /** Reads a properties file, then applies {@code overrides} (which win) and validates everything. */
    public static ProxistConfig fromFile(Path file, Map<String, String> overrides, Map<String, String> env) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ProxistException(
                    ErrorCode.CANNOT_OPEN_FILE, "cannot read configuration [file=" + file + "]: " + e.getMessage(), e);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            raw.put(k, p.getProperty(k));
        }
        raw.putAll(overrides);
        return of(raw, env);
    }

    /** Validates {@code raw} (key to text) over the defaults; the password comes from {@code env} or its file. */
    public static ProxistConfig of(Map<String, String> raw, Map<String, String> env) {
        Map<String, ConfigKey<?>> byName = new HashMap<>();
        for (ConfigKey<?> k : ProxistConfigKeys.all()) {
            byName.put(k.name(), k);
        }
        List<String> problems = new ArrayList<>();
        for (String name : new TreeMap<>(raw).keySet()) {
            if (!byName.containsKey(name)) {
                problems.add("unknown configuration key [key=" + name + "]"
                        + (name.contains("password")
                                ? ": passwords come from " + ProxistConfigKeys.CLICKHOUSE_PASSWORD_ENV
                                        + " or clickhouse.password-file"
                                : ""));
            }
        }
        Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> k : ProxistConfigKeys.all()) {
            String text = raw.getOrDefault(k.name(), k.defaultText());
            try {
                values.put(k, k.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add("invalid value for configuration key [key=" + k.name() + ", value=" + text + "]: "
                        + e.getMessage() + " (expected " + k.typeName() + ")");
            }
        }
        Secret password = Secret.of("");
        if (problems.isEmpty()) {
            try {
                password = readPassword((String) values.get(ProxistConfigKeys.CLICKHOUSE_PASSWORD_FILE), env);
            } catch (IOException e) {
                problems.add("cannot read the ClickHouse password file [key="
                        + ProxistConfigKeys.CLICKHOUSE_PASSWORD_FILE + ", file="
                        + values.get(ProxistConfigKeys.CLICKHOUSE_PASSWORD_FILE) + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProxistException(ErrorCode.INVALID_CONFIG_PARAMETER, String.join("; ", problems));
        }
        Map<String, String> explicit = new TreeMap<>(raw);
        return new ProxistConfig(values, explicit, password);
    }

    private static Secret readPassword(String file, Map<String, String> env) throws IOException {
        String fromEnv = env.get(ProxistConfigKeys.CLICKHOUSE_PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        if (file.isEmpty()) {
            return Secret.of("");
        }
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        return Secret.of(lines.isEmpty() ? "" : lines.get(0).strip());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("not a Proxist configuration key: " + key);
        }
        return (T) v;
    }

    public Secret clickhousePassword() {
        return clickhousePassword;
    }

    /** This configuration with some keys changed, validated again. */
    public ProxistConfig with(Map<String, String> changes, Map<String, String> env) {
        Map<String, String> raw = new TreeMap<>(explicit);
        raw.putAll(changes);
        return of(raw, env);
    }

    /** The keys set explicitly, as key=value lines; safe to log (no secret is a key). */
    @Override
    public String toString() {
        return explicit.toString();
    }
}
