package io.proxist.protocol.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.proxist.core.error.ErrorCode;
import io.proxist.core.error.ProxistException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's URL parameters and headers as ClickHouse reads them (src/Server/HTTPHandler.cpp): reserved
 * parameters, {@code param_<name>} query parameters, and every other parameter a setting; credentials from Basic
 * auth, the X-ClickHouse-User/Key headers or the user/password parameters (mixing them is an error).
 */
final class HttpParams {
    static final Set<String> RESERVED = Set.of(
            "compress",
            "decompress",
            "user",
            "password",
            "quota_key",
            "query_id",
            "stacktrace",
            "buffer_size",
            "wait_end_of_query",
            "session_id",
            "session_timeout",
            "session_check",
            "client_protocol_version",
            "close_session",
            "database",
            "default_format",
            "query",
            "role",
            "max_result_bytes",
            "max_result_rows");

    final Map<String, String> reserved = new LinkedHashMap<>();
    final Map<String, String> settings = new LinkedHashMap<>();
    final Map<String, String> queryParameters = new LinkedHashMap<>();
    final String user;
    final String password;

    HttpParams(FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8);
        for (Map.Entry<String, List<String>> e : uri.parameters().entrySet()) {
            String name = e.getKey();
            String value = e.getValue().getLast();
            if (name.isEmpty()) continue;
            if (name.startsWith("param_")) queryParameters.put(name.substring(6), value);
            else if (RESERVED.contains(name)) reserved.put(name, value);
            else settings.put(name, value);
        }
        var h = req.headers();
        String authorization = h.get(HttpHeaderNames.AUTHORIZATION);
        String headerUser = h.get("X-ClickHouse-User");
        String headerKey = h.get("X-ClickHouse-Key");
        String paramUser = reserved.get("user");
        String paramPassword = reserved.get("password");
        int methods = (authorization != null ? 1 : 0)
                + (headerUser != null || headerKey != null ? 1 : 0)
                + (paramUser != null || paramPassword != null ? 1 : 0);
        if (methods > 1) {
            throw new ProxistException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "Invalid authentication: it is not allowed to use more than one authentication method at once"
                            + " (Authorization header, X-ClickHouse-User/Key headers, user/password parameters)");
        }
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw new ProxistException(
                        ErrorCode.AUTHENTICATION_FAILED, "Invalid authentication: only Basic is supported");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ProxistException(
                        ErrorCode.AUTHENTICATION_FAILED, "Invalid authentication: bad Basic credentials");
            }
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        } else if (headerUser != null || headerKey != null) {
            user = headerUser == null ? "default" : headerUser;
            password = headerKey == null ? "" : headerKey;
        } else {
            user = paramUser == null ? "default" : paramUser;
            password = paramPassword == null ? "" : paramPassword;
        }
        copyHeader(h.get("X-ClickHouse-Database"), "database");
        copyHeader(h.get("X-ClickHouse-Format"), "default_format");
        copyHeader(h.get("X-ClickHouse-Query-Id"), "query_id");
    }

    private void copyHeader(String value, String param) {
        if (value != null && !reserved.containsKey(param)) reserved.put(param, value);
    }

    String reserved(String name) {
        return reserved.get(name);
    }

    boolean flag(String name) {
        String v = reserved.get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    int intParam(String name, int dflt) {
        String v = reserved.get(name);
        if (v == null || v.isEmpty()) return dflt;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ProxistException(ErrorCode.BAD_ARGUMENTS, "Cannot parse " + name + " [value=" + v + "]");
        }
    }
}
