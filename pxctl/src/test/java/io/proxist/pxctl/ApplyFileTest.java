package io.proxist.pxctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApplyFileTest {
    private static Map<String, String> keys(String... kv) {
        Map<String, String> raw = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) raw.put(kv[i], kv[i + 1]);
        return ApplyFile.keys("f", raw);
    }

    @Test
    void tablesPoliciesAndKeysBecomeConfigurationKeys() {
        Map<String, String> k = keys(
                "tables", "trades, orders",
                "policy.trades.max-pending-rows", "1000",
                "policy.orders.durability", "sync",
                "retention.audit-days", "2555");
        assertEquals(
                Map.of(
                        "ingest.tables", "trades, orders",
                        "ingest.policies", "orders.durability=sync;trades.max-pending-rows=1000",
                        "retention.audit-days", "2555"),
                k);
    }

    @Test
    void unknownKeysMalformedPolicyLinesAndDuplicatesAreUsageErrors() {
        PxctlException e = assertThrows(PxctlException.class, () -> keys("tabels", "x"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("unknown key tabels"));
        assertThrows(PxctlException.class, () -> keys("policy.trades", "1"));
        assertThrows(PxctlException.class, () -> keys("policy.trades.flush-rows", "1;x"));
        assertThrows(PxctlException.class, () -> keys("tables", "a", "ingest.tables", "b"));
        assertThrows(PxctlException.class, () -> keys("policy.a.b", "1", "ingest.policies", ""));
        assertThrows(PxctlException.class, () -> keys());
    }

    @Test
    void theBodyReadsBackAsTheSameProperties() throws IOException {
        Map<String, String> k = Map.of("ingest.policies", " a.b=1;c.d=x:y#z ", "wal.dir", "/tmp/w a\\b", "k", "é\t");
        Properties p = new Properties();
        p.load(new StringReader(ApplyFile.body(new TreeMap<>(k))));
        for (Map.Entry<String, String> e : k.entrySet()) assertEquals(e.getValue(), p.getProperty(e.getKey()));
    }

    @Test
    void jsonReadsWhatTheAdminApiWrites() {
        Object v = Json.parse("{\"a\": [1, -2.5e3, true, null, \"x\\\"\\u00e9\\n\"], \"b\": {}}");
        Map<String, Object> m = Json.obj(v);
        List<Object> a = Json.list(m.get("a"));
        assertEquals(1L, a.get(0));
        assertEquals(-2500.0, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(null, Json.list(m.get("a")).get(3));
        assertEquals("x\"é\n", Json.list(m.get("a")).get(4));
        assertEquals(Map.of(), m.get("b"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertEquals("\"a\\\"\\\\\\n\\u0001\"", Json.quote("a\"\\\n\u0001"));
        assertEquals("a\"\\\n\u0001", Json.parse(Json.quote("a\"\\\n\u0001")));
    }
}
