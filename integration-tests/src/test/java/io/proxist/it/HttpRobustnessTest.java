package io.proxist.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.proxist.server.ProxistServer;
import io.proxist.testkit.TestClickHouse;
import io.proxist.testkit.WithClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** TLS, users, limits, cancellation and a request fuzzer against a running Proxist. */
@WithClickHouse
class HttpRobustnessTest {

    static HttpResponse<String> post(HttpClient c, String base, String params, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/?" + params))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsOnItsOwnPortWithTheConfiguredCertificate(TestClickHouse ch, @TempDir Path dir) throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Path cert = tls.certificate();
        Path key = tls.privateKey();
        try (ProxistServer p = ProxistUnderTest.start(
                ch, Map.of("https.port", "0", "tls.certificate", cert.toString(), "tls.private-key", key.toString()))) {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            HttpClient c = HttpClient.newBuilder().sslContext(ssl).build();
            assertTrue(p.httpsPort() > 0);
            HttpResponse<String> r = post(c, "https://127.0.0.1:" + p.httpsPort(), "", "SELECT 1 + 1");
            assertEquals("2\n", r.body());
            assertEquals(
                    "2\n",
                    post(HttpClient.newHttpClient(), "http://127.0.0.1:" + p.httpPort(), "", "SELECT 1 + 1")
                            .body());
        }
    }

    @Test
    void usersFileWithSha256Passwords(TestClickHouse ch, @TempDir Path dir) throws Exception {
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8)));
        Path users = dir.resolve("users.xml");
        Files.writeString(
                users,
                "<clickhouse><users><alice><password_sha256_hex>" + hash
                        + "</password_sha256_hex></alice><bob><password>plain</password></bob></users></clickhouse>");
        try (ProxistServer p = ProxistUnderTest.start(ch, Map.of("users.file", users.toString()))) {
            String base = "http://127.0.0.1:" + p.httpPort();
            HttpClient c = HttpClient.newHttpClient();
            assertEquals(
                    "alice\n",
                    post(
                                    c,
                                    base,
                                    "",
                                    "SELECT currentUser()",
                                    "X-ClickHouse-User",
                                    "alice",
                                    "X-ClickHouse-Key",
                                    "s3cret")
                            .body());
            assertEquals(
                    "bob\n",
                    post(c, base, "user=bob&password=plain", "SELECT currentUser()")
                            .body());
            for (String params : new String[] {"user=alice&password=wrong", "user=nobody&password=x", ""}) {
                HttpResponse<String> r = post(c, base, params, "SELECT 1");
                assertEquals(401, r.statusCode(), params + ": " + r.body());
                assertEquals(
                        "516",
                        r.headers().firstValue("X-ClickHouse-Exception-Code").orElse(""));
                assertTrue(r.body().contains("Authentication failed"), r.body());
            }
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndTheServerGoesOn(TestClickHouse ch) throws Exception {
        try (ProxistServer p = ProxistUnderTest.start(ch, Map.of("http.max-request-bytes", "4096"))) {
            String base = "http://127.0.0.1:" + p.httpPort();
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<String> r = post(c, base, "", "SELECT '" + "x".repeat(10_000) + "'");
            assertEquals(413, r.statusCode());
            assertEquals("1\n", post(c, base, "", "SELECT 1").body());
        }
    }

    @Test
    void aClientThatGoesAwayCancelsTheUpstreamQuery(TestClickHouse ch) throws Exception {
        try (ProxistServer p = ProxistUnderTest.start(ch, Map.of())) {
            String queryId = "cancel-" + System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p.httpPort()));
                byte[] body = "SELECT number FROM system.numbers".getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("POST /?query_id=" + queryId + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1 << 20];
                assertTrue(in.readNBytes(buf, 0, buf.length) == buf.length, "the result streams");
                assertEquals(1, count(ch, queryId), "the query runs upstream while the client reads");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(ch, queryId) != 0) {
                assertTrue(System.nanoTime() < deadline, "the upstream query was not cancelled");
                Thread.onSpinWait();
            }
        }
    }

    private static int count(TestClickHouse ch, String queryId) {
        return Integer.parseInt(ch.client()
                .query("SELECT count() FROM system.processes WHERE query_id = '" + queryId + "'")
                .strip());
    }

    @Test
    void seededRequestMutationsNeverBreakTheServerOrLeak(TestClickHouse ch) throws Exception {
        Logger leakLogger = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        leakLogger.addAppender(leaks);
        long seed = Long.getLong("proxist.test.seed", System.nanoTime());
        Random rnd = new Random(seed);
        String[] corpus = {
            "POST /?query=SELECT%201 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\nSELECT 1",
            "POST /?query=INSERT%20INTO%20t%20FORMAT%20JSONEachRow HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"a\":1\r\n1\r\n}\r\n0\r\n\r\n",
            "GET /?query=SELECT+%7Bx%3AUInt8%7D&param_x=3&default_format=JSONCompact HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ZGVmYXVsdDo=\r\n\r\n",
            "POST /?decompress=1&session_id=a HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n\r\n0123456789abcdef\u0082\u0015\u0000\u0000\u0000\u0005\u0000\u0000\u0000hello",
        };
        try (ProxistServer p = ProxistUnderTest.start(ch, Map.of("http.max-request-bytes", "65536"))) {
            for (int i = 0; i < 300; i++) {
                byte[] req = mutate(corpus[rnd.nextInt(corpus.length)].getBytes(StandardCharsets.ISO_8859_1), rnd);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", p.httpPort()));
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(req);
                    s.shutdownOutput();
                    s.getInputStream().readAllBytes(); // an answer or a close, never a hang
                } catch (SocketTimeoutException e) {
                    throw new AssertionError(
                            "seed " + seed + ", request " + i + " hung: "
                                    + new String(req, StandardCharsets.ISO_8859_1),
                            e);
                } catch (IOException reset) {
                    // a connection reset is a clean refusal
                }
            }
            System.gc();
            HttpClient c = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + p.httpPort();
            for (int i = 0; i < 20; i++)
                assertEquals("1\n", post(c, base, "", "SELECT 1").body(), "seed " + seed);
        } finally {
            leakLogger.detachAppender(leaks);
        }
        assertEquals(
                List.of(),
                leaks.list.stream().map(ILoggingEvent::getFormattedMessage).toList(),
                "seed " + seed);
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (rnd.nextInt(4)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, Math.max(1, rnd.nextInt(b.length)));
                case 2 -> {
                    int at = rnd.nextInt(b.length);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) "0123456789:%{}\r\n\u0000\u00ff".charAt(rnd.nextInt(17));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    int at = rnd.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << rnd.nextInt(8)));
                }
            }
        }
        return b;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
