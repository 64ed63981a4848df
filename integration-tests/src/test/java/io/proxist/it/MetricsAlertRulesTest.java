package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/proxist-alerts.yml is valid for Prometheus and behaves as its unit tests say
 * (proxist-alerts.test.yml: an outage where ProxistClickHouseDown fires and clears after recovery, slow INSERTs, WAL
 * growth, dropped rows), through promtool.
 */
class MetricsAlertRulesTest {
    @Test
    void alertRulesAreValid() throws Exception {
        MetricsPromtool.Run r = MetricsPromtool.run(
                MetricsPromtool.ALERTS.getParent(),
                "check",
                "rules",
                MetricsPromtool.ALERTS.getFileName().toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: 9 rules found"), r.output());
    }

    @Test
    void alertRuleUnitTestsPass() throws Exception {
        MetricsPromtool.Run r = MetricsPromtool.run(
                MetricsPromtool.ALERT_TESTS.getParent(),
                "test",
                "rules",
                MetricsPromtool.ALERT_TESTS.getFileName().toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    /** The unit tests can fail: with the outage alert's threshold changed they no longer pass. */
    @Test
    void alertRuleUnitTestsCatchABrokenRule(@TempDir Path dir) throws Exception {
        String rules = Files.readString(MetricsPromtool.ALERTS);
        String broken = rules.replace("expr: proxist_clickhouse_health == 2", "expr: proxist_clickhouse_health > 2");
        assertNotEquals(rules, broken);
        Files.writeString(dir.resolve("proxist-alerts.yml"), broken);
        Files.copy(MetricsPromtool.ALERT_TESTS, dir.resolve("proxist-alerts.test.yml"));
        MetricsPromtool.Run r = MetricsPromtool.run(dir, "test", "rules", "proxist-alerts.test.yml");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("alertname: ProxistClickHouseDown, time: 6m"), r.output());
    }
}
