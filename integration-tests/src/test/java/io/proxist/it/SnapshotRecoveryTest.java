package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart from a snapshot: WAL segments below the snapshot are deleted once their rows are in ClickHouse, and the
 * restarted Proxist still holds every row in its hot store (snapshot + the WAL after it), so a client retrying a batch
 * whose WAL segment is gone is still deduplicated.
 */
@WithClickHouse
class SnapshotRecoveryTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRestartRecoversFromTheSnapshotAndTheWalAfterIt(TestClickHouse ch, @TempDir Path home) throws Exception {
        Map<String, String> cfg = Map.of(
                "proxist.home", home.toString(),
                "schemas.apply", "true",
                "clickhouse.database", ch.database(),
                "ingest.tables", "trades",
                "wal.segment-mb", "1",
                "snapshot.interval-seconds", "86400");
        List<String> batches = new ArrayList<>();
        long clock = 1_790_300_000_000_000_000L;
        for (int b = 0; b < 50; b++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 500; i++) sb.append(OwnedTablesTest.row("SNP" + (i % 5), clock += 1_000, b, i));
            batches.add(sb.toString());
        }
        ProxistServer proxist = ProxistUnderTest.start(ch, cfg);
        try {
            // 40 batches take the WAL past its first 1 MiB segment; the snapshot covers them; 10 more come after it
            for (int b = 0; b < 40; b++) insert(proxist, ch, batches.get(b), 500);
            assertEquals("20000", select(proxist, ch, "SELECT count() FROM trades"));
            proxist.ingest().snapshotNow();
            for (int b = 40; b < 50; b++) insert(proxist, ch, batches.get(b), 500);
            assertEquals("25000", select(proxist, ch, "SELECT count() FROM trades"));
            // the seam answers without waiting for the flush: wait for it before asking for the clean-up
            proxist.ingest().service().awaitPersisted("trades", java.time.Duration.ofSeconds(60));
            proxist.ingest().maintainNow();
            assertTrue(
                    proxist.ingest().wal().firstPosition() > 0,
                    "segments below the snapshot and persisted are deleted: "
                            + proxist.ingest().wal());
        } finally {
            proxist.close();
        }
        proxist = ProxistUnderTest.start(ch, cfg);
        try {
            assertEquals(
                    25_000,
                    proxist.ingest().service().table("trades").hot().memory().rows(),
                    "hot rows");
            // the first batch's WAL record is gone; the snapshot still knows its keys
            insert(proxist, ch, batches.get(0), 0);
            insert(proxist, ch, batches.get(49), 0);
            assertEquals("25000", select(proxist, ch, "SELECT count() FROM trades"));
            assertEquals("25000", ch.query("SELECT count() FROM trades").strip());
        } finally {
            proxist.close();
        }
    }

    private void insert(ProxistServer p, TestClickHouse ch, String body, int expectWritten)
            throws IOException, InterruptedException {
        HttpResponse<String> r = post(p, ch, "INSERT INTO trades (symbol, ts, seq, price) FORMAT TabSeparated", body);
        assertEquals(200, r.statusCode(), r.body());
        String summary = r.headers().firstValue("X-ClickHouse-Summary").orElse("");
        assertTrue(summary.contains("\"written_rows\":\"" + expectWritten + "\""), summary);
    }

    private String select(ProxistServer p, TestClickHouse ch, String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = post(p, ch, sql, "");
        assertEquals(200, r.statusCode(), r.body());
        return r.body().strip();
    }

    private HttpResponse<String> post(ProxistServer p, TestClickHouse ch, String query, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.httpPort() + "/?database=" + ch.database()
                                + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
