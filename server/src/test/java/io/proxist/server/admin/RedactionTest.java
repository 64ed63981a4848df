package io.proxist.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void urlUserInfoAndPasswordParametersAreHidden() {
        assertEquals("http://<redacted>@ch:8123/", Redaction.url("http://alice:hunter2@ch:8123/"));
        assertEquals("http://<redacted>@ch:8123", Redaction.url("http://alice@ch:8123"));
        assertEquals(
                "http://ch:8123/?user=a&password=<redacted>&x=1",
                Redaction.url("http://ch:8123/?user=a&password=p&x=1"));
        assertEquals("http://ch:8123/", Redaction.url("http://ch:8123/"));
        assertEquals("trades.max-pending-rows=10", Redaction.value("ingest.policies", "trades.max-pending-rows=10"));
    }

    @Test
    void aKeyNamedLikeASecretIsHiddenWhole() {
        assertEquals(Redaction.REDACTED, Redaction.value("tls.key-password", "x"));
        assertEquals(Redaction.REDACTED, Redaction.value("some.api-token", "x"));
        assertEquals("", Redaction.value("clickhouse.password-file", ""));
    }

    @Test
    void jsonIsWrittenIndentedOrOnOneLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "q\"\\\n\u0001");
        m.put("b", List.of(1, 2.5, Double.NaN));
        m.put("c", null);
        m.put("d", Map.of());
        assertEquals("{\"a\":\"q\\\"\\\\\\n\\u0001\",\"b\":[1,2.5,null],\"c\":null,\"d\":{}}", Json.line(m));
        assertEquals(
                "{\n  \"a\": \"q\\\"\\\\\\n\\u0001\",\n  \"b\": [\n    1,\n    2.5,\n    null\n  ],\n  \"c\": null,\n"
                        + "  \"d\": {}\n}\n",
                Json.write(m));
    }
}
