package io.proxist.it;

import static io.proxist.it.PxctlSupport.pxctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real server (ClickHouse 18.16 has no TTL): trades are written on days 200, 120, 101, 99 and 1 days
 * ago and today with a 100-day retention; the dry run lists exactly the partitions wholly older than the cutoff and
 * drops nothing; the run drops exactly those, and every other partition keeps every row.
 */
@WithClickHouse
class RetentionTest {
    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);

    @Test
    void expiredDayPartitionsGoAndCurrentOnesStayWhole(TestClickHouse clickhouse) throws Exception {
        Path home = Files.createTempDirectory("proxist-retention");
        try (ProxistServer proxist = ProxistUnderTest.start(
                clickhouse,
                Map.of(
                        "proxist.home", home.toString(),
                        "schemas.apply", "true",
                        "clickhouse.database", clickhouse.database(),
                        "ingest.tables", "trades",
                        "retention.market-data-days", "100",
                        "retention.check-interval-seconds", "0",
                        "users.file", PxctlSupport.usersFile(home).toString()))) {
            Instant now = Instant.now();
            LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
            int[] agesInDays = {200, 120, 101, 99, 1, 0};
            StringBuilder body = new StringBuilder();
            TreeMap<String, Integer> perDay = new TreeMap<>();
            for (int age : agesInDays) {
                LocalDate day = today.minusDays(age);
                for (int i = 0; i < 3; i++) {
                    // spread over the day, never after now
                    Instant ts = age == 0
                            ? now.minusSeconds(10L * (i + 1))
                            : day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600L * (1 + i * 7));
                    body.append("R\t")
                            .append(TS.format(ts))
                            .append('\t')
                            .append(i)
                            .append("\t1\t1\n");
                }
                perDay.put(day.toString(), 3);
            }
            assertEquals(
                    200,
                    PxctlSupport.post(
                                    proxist.httpPort(),
                                    clickhouse.database(),
                                    "INSERT INTO trades (symbol, ts, seq, price, size) FORMAT TabSeparated",
                                    body.toString())
                            .statusCode());
            proxist.ingest().service().awaitPersisted("trades", Duration.ofSeconds(60));
            assertEquals(perDay, rowsPerDay(clickhouse));

            // a partition is expired when its whole day lies before now - 100 days
            Instant cutoff = now.minusSeconds(100L * 86_400);
            TreeSet<String> expired = new TreeSet<>();
            for (String d : perDay.keySet())
                if (!LocalDate.parse(d)
                        .plusDays(1)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .isAfter(cutoff)) expired.add(d);
            assertTrue(expired.contains(today.minusDays(200).toString())
                    && expired.contains(today.minusDays(120).toString()));
            assertTrue(!expired.contains(today.minusDays(99).toString()));

            Map<String, Object> dry = PxctlTest.json(pxctl(proxist.adminPort(), "retention", "--dry-run", "--json")
                    .expect(0)
                    .out());
            assertEquals(true, dry.get("dry_run"));
            assertEquals(expired, days(dry.get("would_drop")));
            assertEquals(perDay, rowsPerDay(clickhouse), "a dry run drops nothing");

            PxctlSupport.Run human = pxctl(proxist.adminPort(), "retention").expect(0);
            assertTrue(human.out().contains("Dropped " + expired.size() + " partition"), human.out());
            TreeMap<String, Integer> left = new TreeMap<>(perDay);
            for (String d : expired) left.remove(d);
            assertEquals(left, rowsPerDay(clickhouse), "expired partitions gone, the others whole");
            assertTrue(
                    proxist.metrics()
                            .scrape()
                            .contains("proxist_retention_partitions_dropped_total " + expired.size() + ".0"),
                    "counted");

            // nothing left to drop
            Map<String, Object> again = PxctlTest.json(
                    pxctl(proxist.adminPort(), "retention", "--json").expect(0).out());
            assertEquals(new TreeSet<String>(), days(again.get("dropped")));

            // a shorter retention applied live (pxctl apply) is in force for the next run
            Path file = home.resolve("retention.properties");
            Files.writeString(file, "retention.market-data-days = 50\n");
            pxctl(proxist.adminPort(), "apply", "-f", file.toString()).expect(0);
            Map<String, Object> shorter = PxctlTest.json(pxctl(proxist.adminPort(), "retention", "--dry-run", "--json")
                    .expect(0)
                    .out());
            assertEquals(
                    new TreeSet<>(java.util.List.of(today.minusDays(99).toString())), days(shorter.get("would_drop")));
        }
    }

    private static TreeSet<String> days(Object list) {
        TreeSet<String> out = new TreeSet<>();
        for (Object o : PxctlTest.list(list)) out.add((String) PxctlTest.obj(o).get("partition"));
        return out;
    }

    private static TreeMap<String, Integer> rowsPerDay(TestClickHouse ch) {
        TreeMap<String, Integer> out = new TreeMap<>();
        String q = "SELECT toString(toDate(toDateTime(intDiv(ts, 1000000000), 'UTC'))) AS d, count() FROM "
                + ch.database() + ".trades GROUP BY d ORDER BY d FORMAT TabSeparated";
        for (String line : ch.query(q).split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            out.put(f[0], Integer.parseInt(f[1]));
        }
        return out;
    }
}
