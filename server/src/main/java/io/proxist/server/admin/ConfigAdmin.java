package io.proxist.server.admin;

import io.proxist.core.config.ConfigKey;
import io.proxist.core.config.ProxistConfig;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.core.error.ProxistException;
import io.proxist.ingest.IngestService;
import io.proxist.ingest.TablePolicy;
import io.proxist.server.ingest.IngestRuntime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /admin/config}: the effective configuration (secrets redacted), changes to it, and their history.
 *
 * <p>A change is a body in the configuration file's format (Java properties, the keys of docs/configuration.md). It
 * is validated as a whole; each key is compared with its effective value (ingest.policies field by field, per owned
 * table: a respelled but equal policy is no change). A key Proxist reads on every use ({@link #LIVE}) is applied at
 * once; any other key is read when Proxist starts, so a change set holding one is refused whole with 409
 * NOT_APPLIED_LIVE, saying which keys and what to do, and nothing is applied: the admin API never pretends. Every
 * applied or refused change is recorded in the {@link ConfigAudit} log with the user, the time and both values;
 * applied change sets number the configuration's versions. Live changes last until Proxist stops: to keep one, set it
 * in the configuration file too.
 */
final class ConfigAdmin {
    /** Keys changeable live: their readers ask this class for the effective value each time. */
    static final Set<String> LIVE = Set.of(
            ProxistConfigKeys.ADMIN_FLUSH_TIMEOUT_MS.name(),
            ProxistConfigKeys.RETENTION_MARKET_DATA_DAYS.name(),
            ProxistConfigKeys.RETENTION_AUDIT_DAYS.name());

    private final AdminContext context;
    private final ConfigAudit audit;
    private final Map<String, String> live = new LinkedHashMap<>();

    ConfigAdmin(AdminContext context) {
        this.context = context;
        Path home = Path.of(context.config().get(ProxistConfigKeys.HOME)).toAbsolutePath();
        this.audit = new ConfigAudit(home.resolve("admin").resolve("config-audit.jsonl"));
    }

    long version() {
        return audit.version();
    }

    /** The effective value of a key as text (as a configuration file would write it). */
    synchronized String effective(ConfigKey<?> key) {
        String v = live.get(key.name());
        return v != null ? v : text(context.config().get(key));
    }

    int flushTimeoutMillis() {
        return Integer.parseInt(
                effective(ProxistConfigKeys.ADMIN_FLUSH_TIMEOUT_MS).strip());
    }

    private static String text(Object value) {
        if (value instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        return String.valueOf(value);
    }

    Map<String, Object> show() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", audit.version());
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> k : ProxistConfigKeys.all()) values.put(k.name(), Redaction.value(k.name(), effective(k)));
        m.put("values", values);
        m.put("clickhouse_password", context.config().clickhousePassword().toString());
        m.put("live_keys", List.copyOf(new java.util.TreeSet<>(LIVE)));
        Map<String, Object> policies = new LinkedHashMap<>();
        IngestRuntime ingest = context.ingest();
        if (ingest != null) {
            for (String t : ingest.service().tableNames()) {
                policies.put(t, StatusReport.policy(ingest.service().policy(t)));
            }
        }
        m.put("policies", policies);
        m.put("audit_log", audit.file().toString());
        return m;
    }

    /** The last {@code limit} audit entries, oldest first. */
    AdminServer.Response history(int limit) {
        List<String> lines = audit.last(Math.max(1, limit));
        StringBuilder sb =
                new StringBuilder("{\n  \"version\": ").append(audit.version()).append(",\n  \"entries\": [");
        for (int i = 0; i < lines.size(); i++)
            sb.append(i == 0 ? "\n    " : ",\n    ").append(lines.get(i));
        sb.append(lines.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return new AdminServer.Response(200, "application/json; charset=utf-8", sb.toString());
    }

    /** {@code POST /admin/config[?dry_run=true]}. */
    synchronized AdminServer.Response apply(AdminServer.Request r) {
        Map<String, String> asked = parse(r.body());
        if (asked.isEmpty()) {
            throw AdminException.badRequest("no change: the body holds no key=value line (the configuration file's"
                    + " format, keys of docs/configuration.md)");
        }
        ProxistConfig proposed;
        try {
            proposed = context.config().with(asked, System.getenv());
        } catch (ProxistException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, String> afterText = new LinkedHashMap<>();
        for (ConfigKey<?> k : ProxistConfigKeys.all()) {
            if (!asked.containsKey(k.name())) continue;
            String before = effective(k);
            String after = text(proposed.get(k));
            afterText.put(k.name(), after);
            Map<String, Object> c;
            if (k == ProxistConfigKeys.INGEST_POLICIES) c = policyChange(before, after);
            else if (k == ProxistConfigKeys.INGEST_TABLES) {
                c = tableSet(before).equals(tableSet(after)) ? null : change(k.name(), before, after, null);
            } else c = before.equals(after) ? null : change(k.name(), before, after, null);
            if (c == null) unchanged.add(k.name());
            else changes.add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean dryRun = r.flag("dry_run");
        Set<String> notLive = new LinkedHashSet<>();
        for (Map<String, Object> c : changes) if (!(Boolean) c.get("live")) notLive.add((String) c.get("key"));
        if (dryRun || changes.isEmpty()) {
            out.put("dry_run", dryRun);
            out.put("applied", false);
            out.put("version", audit.version());
            out.put("changes", changes);
            out.put("unchanged", unchanged);
            out.put("needs_restart", List.copyOf(notLive));
            if (changes.isEmpty()) out.put("reason", "no change: every key already has this value");
            return AdminServer.Response.ok(out);
        }
        String time = Instant.now().toString();
        if (!notLive.isEmpty()) {
            audit.record(entries(changes, r.user(), time, null, "refused"), false);
            out.put(
                    "error",
                    "not applied: " + String.join(", ", notLive) + " cannot be applied live (read when"
                            + " Proxist starts); set " + (notLive.size() == 1 ? "it" : "them")
                            + " in the configuration file and restart Proxist. Nothing of this change set was applied"
                            + "; keys applied live: " + LIVE + ", and ingest.policies fields "
                            + IngestService.LIVE_POLICY_FIELDS);
            out.put("code", "NOT_APPLIED_LIVE");
            out.put("version", audit.version());
            out.put("changes", changes);
            return AdminServer.Response.json(409, out);
        }
        long version = audit.nextVersion();
        audit.record(entries(changes, r.user(), time, version, "applied"), true);
        for (Map<String, Object> c : changes) {
            String key = (String) c.get("key");
            if (key.equals(ProxistConfigKeys.INGEST_POLICIES.name())) applyPolicies(afterText.get(key));
            live.put(key, afterText.get(key));
        }
        if (context.retention() != null)
            context.retention()
                    .setDays(
                            Integer.parseInt(effective(ProxistConfigKeys.RETENTION_MARKET_DATA_DAYS)
                                    .strip()),
                            Integer.parseInt(effective(ProxistConfigKeys.RETENTION_AUDIT_DAYS)
                                    .strip()));
        out.put("dry_run", false);
        out.put("applied", true);
        out.put("version", version);
        out.put("changes", changes);
        out.put("unchanged", unchanged);
        out.put("note", "applied live until Proxist stops: set the same in the configuration file to keep it");
        return AdminServer.Response.ok(out);
    }

    private static Map<String, String> parse(String body) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(body));
        } catch (IOException | IllegalArgumentException e) {
            throw AdminException.badRequest("the body is not in the properties format: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames())
            m.put(k.strip(), p.getProperty(k).strip());
        return m;
    }

    private static Map<String, Object> change(String key, String before, String after, List<Object> detail) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", key);
        c.put("old", Redaction.value(key, before));
        c.put("new", Redaction.value(key, after));
        c.put("live", LIVE.contains(key));
        if (detail != null) c.put("fields", detail);
        return c;
    }

    /** The tables an ingest.tables value names (all: every table of schemas/), as a set. */
    private static Set<String> tableSet(String spec) {
        String v = spec.strip();
        Set<String> out = new java.util.TreeSet<>();
        if (v.equalsIgnoreCase("all")) {
            for (var t : io.proxist.schemas.SchemaCatalog.builtin().tables()) out.add(t.name());
        } else if (!v.equalsIgnoreCase("none")) {
            for (String part : v.split(",")) if (!part.isBlank()) out.add(part.strip());
        }
        return out;
    }

    /** Gives each owned table its policy from a new ingest.policies (validated live beforehand). */
    private void applyPolicies(String spec) {
        IngestService service = context.requireIngest().service();
        Map<String, TablePolicy> next = TablePolicy.parse(spec, service.tableNames());
        for (Map.Entry<String, TablePolicy> e : next.entrySet()) service.updatePolicy(e.getKey(), e.getValue());
    }

    /** ingest.policies compared field by field with the running tables' policies; null when no field changes. */
    private Map<String, Object> policyChange(String before, String after) {
        IngestRuntime ingest = context.ingest();
        if (ingest == null) return before.equals(after) ? null : change("ingest.policies", before, after, null);
        Map<String, TablePolicy> proposed;
        try {
            proposed = TablePolicy.parse(after, ingest.service().tableNames());
        } catch (ProxistException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        List<Object> fields = new ArrayList<>();
        for (String t : ingest.service().tableNames()) {
            Map<String, Object> now = StatusReport.policy(ingest.service().policy(t));
            Map<String, Object> next = StatusReport.policy(proposed.get(t));
            for (Map.Entry<String, Object> e : now.entrySet()) {
                Object n = next.get(e.getKey());
                if (!e.getValue().equals(n)) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("table", t);
                    f.put("field", e.getKey());
                    f.put("old", e.getValue());
                    f.put("new", n);
                    fields.add(f);
                }
            }
        }
        if (fields.isEmpty()) return null;
        Map<String, Object> c = change("ingest.policies", before, after, fields);
        // live when every changed field is one a running table takes at once
        boolean live = true;
        for (Object f : fields)
            live &= IngestService.LIVE_POLICY_FIELDS.contains((String) ((Map<?, ?>) f).get("field"));
        c.put("live", live);
        return c;
    }

    private static List<Map<String, Object>> entries(
            List<Map<String, Object>> changes, String user, String time, Long version, String outcome) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : changes) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("version", version);
            e.put("time", time);
            e.put("user", user);
            e.put("key", c.get("key"));
            e.put("old", c.get("old"));
            e.put("new", c.get("new"));
            if (c.containsKey("fields")) e.put("fields", c.get("fields"));
            e.put("outcome", outcome);
            out.add(e);
        }
        return out;
    }
}
