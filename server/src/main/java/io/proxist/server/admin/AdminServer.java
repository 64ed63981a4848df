package io.proxist.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.proxist.core.config.ProxistConfigKeys;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API (server/README.md, "Admin API"): HTTP+JSON on its own port ({@code admin.port}, bound to
 * {@code listen.host}), on the JDK's built-in HTTP server, one virtual thread per request. Every route but the
 * {@link TextRoute}s registered without authentication needs the credentials of a user of the HTTP interface
 * ({@link AdminAuth}). Errors are JSON: {@code {"error": "...", "code": "..."}} with a fitting status.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** The port when admin.port is left at -1 and http.port is not 0: ClickHouse's own Prometheus port. */
    public static final int DEFAULT_PORT = 9363;

    /** Longest request body read (POST /admin/config): 1 MiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** One admin request, authenticated. */
    record Request(String method, String path, Map<String, String> params, String body, String user) {
        String param(String name, String otherwise) {
            return params.getOrDefault(name, otherwise);
        }

        boolean flag(String name) {
            String v = params.get(name);
            if (v == null) return false;
            return switch (v) {
                case "", "1", "true" -> true;
                case "0", "false" -> false;
                default -> throw AdminException.badRequest(name + " is true or false, not " + v);
            };
        }

        long number(String name, long otherwise) {
            String v = params.get(name);
            if (v == null) return otherwise;
            try {
                long n = Long.parseLong(v.strip());
                if (n < 0) throw AdminException.badRequest(name + " is negative: " + v);
                return n;
            } catch (NumberFormatException e) {
                throw AdminException.badRequest(name + " is not a number: " + v);
            }
        }
    }

    /** An answer. */
    record Response(int status, String contentType, String body) {
        static Response json(int status, Object value) {
            return new Response(status, "application/json; charset=utf-8", Json.write(value));
        }

        static Response ok(Object value) {
            return json(200, value);
        }

        static Response text(String body) {
            return new Response(200, "text/plain; charset=utf-8", body);
        }
    }

    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    private record Route(Handler handler, boolean authenticated) {}

    private final AdminContext context;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final LogTail logs;
    private final FlushRates rates;

    private AdminServer(AdminContext context, Map<String, TextRoute> extra) throws IOException {
        this.context = context;
        this.logs = LogTail.attach(LogTail.DEFAULT_LINES);
        this.rates = new FlushRates(context.ingest());
        ConfigAdmin config = new ConfigAdmin(context);
        StatusReport status = new StatusReport(context, rates, config);
        WalAdmin wal = new WalAdmin(context);
        get("/admin", r -> Response.ok(Map.of("routes", List.copyOf(new TreeSet<>(routes.keySet())))));
        get("/admin/status", r -> Response.ok(status.status()));
        get("/admin/queues", r -> Response.ok(status.queues()));
        post("/admin/flush", r -> new FlushAction(context, config).flush(r));
        get("/admin/wal", r -> Response.ok(wal.status()));
        post("/admin/wal/replay", r -> Response.ok(wal.replay()));
        post("/admin/wal/purge", r -> Response.ok(wal.purge(r.flag("force"))));
        get("/admin/config", r -> Response.ok(config.show()));
        post("/admin/config", config::apply);
        get("/admin/config/history", r -> config.history((int) r.number("limit", 1_000)));
        get("/admin/metadata", r -> Response.ok(MetadataReport.of(context)));
        get(
                "/admin/logs",
                r -> Response.text(logs.tail((int) Math.min(r.number("lines", 500), LogTail.DEFAULT_LINES))));
        get("/admin/threads", r -> Response.text(ThreadDump.now()));
        get("/admin/retention", r -> Response.ok(RetentionAdmin.report(context, true, r.user())));
        post("/admin/retention/run", r -> Response.ok(RetentionAdmin.report(context, r.flag("dry_run"), r.user())));
        for (Map.Entry<String, TextRoute> e : extra.entrySet()) {
            TextRoute t = e.getValue();
            String key = "GET " + e.getKey();
            if (routes.containsKey(key)) throw new IllegalArgumentException("admin route taken: " + key);
            routes.put(
                    key,
                    new Route(r -> new Response(200, t.contentType(), t.body().get()), t.authenticated()));
        }
        String host = context.config().get(ProxistConfigKeys.LISTEN_HOST);
        this.server = HttpServer.create(new InetSocketAddress(host, port(context)), 64);
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("proxist-admin-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        rates.start();
        LOG.info(
                "admin API listening [host={}, port={}]",
                host,
                server.getAddress().getPort());
    }

    /**
     * Starts the admin server.
     *
     * @param extra GET routes others register, keyed by path ({@code /metrics}); a path the admin API has is refused
     */
    public static AdminServer start(AdminContext context, Map<String, TextRoute> extra) {
        try {
            return new AdminServer(context, extra);
        } catch (IOException e) {
            throw new ProxistException(
                    ErrorCode.NETWORK_ERROR,
                    "cannot start the admin API [host=" + context.config().get(ProxistConfigKeys.LISTEN_HOST)
                            + ", port=" + port(context) + "]: " + e.getMessage()
                            + " (admin.port: 0 picks a free port)",
                    e);
        }
    }

    static int port(AdminContext context) {
        int p = context.config().get(ProxistConfigKeys.ADMIN_PORT);
        if (p >= 0) return p;
        return context.config().get(ProxistConfigKeys.HTTP_PORT) == 0 ? 0 : DEFAULT_PORT;
    }

    private void get(String path, Handler h) {
        routes.put("GET " + path, new Route(h, true));
    }

    private void post(String path, Handler h) {
        routes.put("POST " + path, new Route(h, true));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange ex) {
        Response response;
        try {
            response = answer(ex);
        } catch (AdminException e) {
            response = error(e.status(), e.code(), e.getMessage());
        } catch (ProxistException e) {
            int status = e.code() == ErrorCode.TIMEOUT_EXCEEDED ? 504 : e.code().httpStatus();
            response = error(status, e.codeName(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("admin request failed [method={}, path={}]", ex.getRequestMethod(), ex.getRequestURI(), e);
            response = error(500, "INTERNAL_ERROR", e.toString());
        }
        try (ex) {
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", response.contentType());
            if (response.status() == 401) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"proxist-admin\", charset=\"UTF-8\"");
            }
            ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("admin response not sent [path={}]: {}", ex.getRequestURI(), e.toString());
        }
    }

    private Response answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        Route route = routes.get(method + " " + path);
        if (route == null) {
            List<String> allowed = allowed(path);
            if (allowed.isEmpty()) throw AdminException.notFound("no admin route " + path + " (GET /admin lists them)");
            ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
            throw new AdminException(
                    405, "METHOD_NOT_ALLOWED", method + " " + path + " is not supported; use " + allowed);
        }
        String user = route.authenticated() ? AdminAuth.authenticate(ex.getRequestHeaders(), context.users()) : null;
        Map<String, String> params = params(ex.getRequestURI().getRawQuery());
        String body = body(ex.getRequestBody());
        return route.handler().handle(new Request(method, path, params, body, user));
    }

    private List<String> allowed(String path) {
        List<String> out = new java.util.ArrayList<>();
        for (String k : routes.keySet()) {
            int sp = k.indexOf(' ');
            if (k.substring(sp + 1).equals(path)) out.add(k.substring(0, sp));
        }
        return out;
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String part : raw.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest("bad query parameter encoding: " + part);
            }
        }
        return out;
    }

    private static String body(InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) {
                throw new AdminException(
                        413,
                        "REQUEST_TOO_LARGE",
                        "request body over " + MAX_BODY_BYTES + " bytes (expected: <= " + MAX_BODY_BYTES + ")");
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response error(int status, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("code", code);
        return Response.json(status, m);
    }

    @Override
    public void close() {
        rates.close();
        server.stop(0);
        executor.shutdownNow();
        logs.close();
    }
}
