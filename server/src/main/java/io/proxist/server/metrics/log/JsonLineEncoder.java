package io.proxist.server.metrics.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log event, one per line (deploy/logback-json.xml):
 *
 * <pre>
 * {"ts":"2026-01-02T03:04:05.678Z","level":"WARN","logger":"io.proxist...","thread":"...",
 *  "event":"clickhouse health changed","msg":"clickhouse health changed [backend=clickhouse, from=HEALTHY, to=DOWN]",
 *  "ctx":{"backend":"clickhouse","from":"HEALTHY","to":"DOWN"},"error":{"class":"...","message":"...","stack":"..."}}
 * </pre>
 *
 * Proxist's messages carry their context in brackets ({@code text [key=value, ...]}, CONVENTIONS.md); the first such
 * group of a message becomes {@code ctx} (integers as numbers) and the text before it {@code event}, so WAL actions,
 * snapshots, health changes and insert failures are queryable by field without each call site knowing about JSON.
 * SLF4J key-value pairs and the MDC join {@code ctx}. {@code ctx} and {@code error} are left out when empty.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent e) {
        StringBuilder out = new StringBuilder(256);
        String msg = e.getFormattedMessage();
        MessageContext mc = MessageContext.parse(msg == null ? "" : msg);
        Map<String, Object> ctx = new LinkedHashMap<>(mc.fields());
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) ctx.put(kv.key, kv.value);
        }
        if (e.getMDCPropertyMap() != null) ctx.putAll(e.getMDCPropertyMap());
        out.append('{');
        field(out, "ts", Instant.ofEpochMilli(e.getTimeStamp()).toString()).append(',');
        field(out, "level", e.getLevel().toString()).append(',');
        field(out, "logger", e.getLoggerName()).append(',');
        field(out, "thread", e.getThreadName()).append(',');
        field(out, "event", mc.event()).append(',');
        field(out, "msg", msg);
        if (!ctx.isEmpty()) {
            out.append(",\"ctx\":{");
            boolean first = true;
            for (Map.Entry<String, Object> f : ctx.entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(out, f.getKey()).append(':');
                value(out, f.getValue());
            }
            out.append('}');
        }
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            out.append(",\"error\":{");
            field(out, "class", t.getClassName()).append(',');
            field(out, "message", t.getMessage()).append(',');
            field(out, "stack", stack(t));
            out.append('}');
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stack(IThrowableProxy t) {
        StringBuilder s = new StringBuilder();
        for (IThrowableProxy c = t; c != null; c = c.getCause()) {
            if (c != t) s.append("Caused by: ");
            s.append(c.getClassName()).append(": ").append(c.getMessage()).append('\n');
            for (StackTraceElementProxy el : c.getStackTraceElementProxyArray()) {
                s.append("\tat ").append(el.getStackTraceElement()).append('\n');
            }
        }
        return s.toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        string(out, name).append(':');
        return value == null ? out.append("null") : string(out, value);
    }

    private static void value(StringBuilder out, Object v) {
        if (v == null) out.append("null");
        else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) out.append(v);
        else if (v instanceof Boolean) out.append(v);
        else string(out, v.toString());
    }

    static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }
}
