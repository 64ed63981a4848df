package io.proxist.chclient;

import io.proxist.core.error.UpstreamException;
import java.util.HashSet;
import java.util.Set;

/**
 * Detects a server's {@link Capabilities} once: functions and SQL by probing (a probe that fails with an
 * unknown-function or syntax error means the feature is missing), DDL features by version, formats from
 * {@code system.formats}.
 */
public final class CapabilityDetector {
    private CapabilityDetector() {}

    public static Capabilities detect(ClickHouseHttp ch) {
        ServerVersion version = ServerVersion.parse(ch.query("SELECT version()"));
        boolean dt64 = probe(ch, "SELECT toDateTime64('2020-01-01 00:00:00', 9, 'UTC')");
        boolean asof = probe(
                ch,
                "SELECT a.k FROM (SELECT 1 AS k, 2 AS t) AS a ASOF JOIN (SELECT 1 AS k, 1 AS t) AS b"
                        + " ON a.k = b.k AND a.t >= b.t");
        boolean window = probe(ch, "SELECT count() OVER () FROM system.one");
        // LowCardinality became usable without allow_experimental_low_cardinality_type in 19.9; TTL came in 19.6.
        boolean lowCardinality = version.atLeast(19, 9);
        boolean ttl = version.atLeast(19, 6);
        // CREATE TABLE ... COMMENT 'text' came in 21.6.
        boolean tableComments = version.atLeast(21, 6);
        Set<String> in = new HashSet<>();
        Set<String> out = new HashSet<>();
        String formats = ch.query("SELECT name, is_input, is_output FROM system.formats");
        for (String line : formats.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                if (f[1].equals("1")) in.add(f[0]);
                if (f[2].equals("1")) out.add(f[0]);
            }
        }
        return new Capabilities(version, dt64, lowCardinality, ttl, asof, window, tableComments, in, out);
    }

    private static boolean probe(ClickHouseHttp ch, String sql) {
        try {
            ch.query(sql);
            return true;
        } catch (UpstreamException e) {
            return false;
        }
    }
}
