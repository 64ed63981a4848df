package io.proxist.pxctl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The admin API over HTTP, with Basic credentials; maps what can go wrong to {@link ExitCode}s. */
final class AdminClient {
    /** One answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        boolean isJson() {
            return contentType.startsWith("application/json");
        }

        Map<String, Object> json() {
            try {
                return Json.obj(Json.parse(body));
            } catch (IllegalArgumentException e) {
                throw new PxctlException(
                        ExitCode.UNREACHABLE, "not an answer of Proxist's admin API (" + e.getMessage() + ")");
            }
        }

        /** The server's error message, from a JSON error body or the text. */
        String error() {
            if (isJson()) {
                Object e = json().get("error");
                if (e != null) return e.toString();
            }
            return body.isBlank() ? "HTTP " + status : body.strip();
        }

        /** This answer when it is a success; otherwise the failure with the exit code its status maps to. */
        Answer orFail() {
            if (ok()) return this;
            throw new PxctlException(exitCode(status), error());
        }

        static int exitCode(int status) {
            return switch (status) {
                case 401, 403 -> ExitCode.AUTH;
                case 408, 504 -> ExitCode.TIMEOUT;
                case 409 -> ExitCode.NOT_APPLIED;
                default -> ExitCode.FAILED;
            };
        }
    }

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    AdminClient(String host, int port, String user, String password, Duration timeout) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.base = URI.create("http://" + h + ":" + port);
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    Answer post(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder b) {
        HttpRequest req =
                b.header("Authorization", authorization).timeout(timeout).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Answer a = new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
            if (a.status() == 401) throw new PxctlException(ExitCode.AUTH, "authentication failed: " + a.error());
            return a;
        } catch (HttpTimeoutException e) {
            throw new PxctlException(
                    ExitCode.UNREACHABLE,
                    "no answer from the admin API at " + base + " within " + timeout.toSeconds() + " s (--timeout)");
        } catch (IOException e) {
            throw new PxctlException(
                    ExitCode.UNREACHABLE,
                    "cannot reach the admin API at " + base + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + " (is Proxist running? --host/--port, PXCTL_HOST/PXCTL_PORT, admin.port)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PxctlException(ExitCode.FAILED, "interrupted");
        }
    }
}
