package io.proxist.pxctl;

import io.proxist.core.config.ConfigKey;
import io.proxist.core.config.ProxistConfigKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A declarative apply file (pxctl/README.md, "apply"): Java properties naming the desired tables, policies and
 * retention, turned into configuration keys.
 *
 * <pre>
 * tables = trades, orders, market_data          # ingest.tables
 * policy.trades.max-pending-rows = 1000000      # ingest.policies, one line per table and field
 * policy.market_data.durability = async
 * retention.market-data-days = 60               # any key of docs/configuration.md, as it is
 * </pre>
 *
 * A part the file leaves out stays as it is; a part it names is replaced whole: with any {@code policy.*} line,
 * ingest.policies becomes exactly those lines (a field or table not named gets its default).
 */
final class ApplyFile {
    private ApplyFile() {}

    /** The configuration keys and values the file asks for, in key order. */
    static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PxctlException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> raw = new TreeMap<>();
        for (String k : p.stringPropertyNames())
            raw.put(k.strip(), p.getProperty(k).strip());
        return keys(file.toString(), raw);
    }

    static Map<String, String> keys(String source, Map<String, String> raw) {
        Map<String, ConfigKey<?>> known = new LinkedHashMap<>();
        for (ConfigKey<?> k : ProxistConfigKeys.all()) known.put(k.name(), k);
        Map<String, String> out = new TreeMap<>();
        StringBuilder policies = null;
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k.equals("tables")) {
                put(out, source, ProxistConfigKeys.INGEST_TABLES.name(), v, k);
            } else if (k.startsWith("policy.")) {
                String tf = k.substring("policy.".length());
                int dot = tf.indexOf('.');
                if (dot <= 0 || dot == tf.length() - 1) {
                    throw new PxctlException(
                            ExitCode.USAGE,
                            source + ": " + k + " is not policy.<table>.<field> (fields: durability,"
                                    + " critical, flush-rows, flush-interval-ms, hot-window-ms, hot-memory-mb,"
                                    + " max-pending-rows)");
                }
                if (v.contains(";")) throw new PxctlException(ExitCode.USAGE, source + ": ';' in the value of " + k);
                policies = policies == null ? new StringBuilder() : policies.append(';');
                policies.append(tf).append('=').append(v);
            } else if (known.containsKey(k)) {
                put(out, source, k, v, k);
            } else {
                throw new PxctlException(
                        ExitCode.USAGE,
                        source + ": unknown key " + k + " (tables, policy.<table>.<field>, or a key of"
                                + " docs/configuration.md)");
            }
        }
        if (policies != null)
            put(out, source, ProxistConfigKeys.INGEST_POLICIES.name(), policies.toString(), "policy.*");
        if (out.isEmpty()) throw new PxctlException(ExitCode.USAGE, source + ": nothing to apply");
        return out;
    }

    private static void put(Map<String, String> out, String source, String key, String value, String from) {
        if (out.containsKey(key)) {
            throw new PxctlException(ExitCode.USAGE, source + ": " + key + " is given twice (as " + from + " too)");
        }
        out.put(key, value);
    }

    /** The keys as a properties body (the admin API's POST /admin/config). */
    static String body(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            sb.append(escape(e.getKey(), true))
                    .append('=')
                    .append(escape(e.getValue(), false))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
