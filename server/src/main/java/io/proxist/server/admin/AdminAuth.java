package io.proxist.server.admin;

import com.sun.net.httpserver.Headers;
import io.proxist.core.error.ProxistException;
import io.proxist.protocol.auth.Users;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who sends an admin request: HTTP Basic credentials or the {@code X-ClickHouse-User}/{@code X-ClickHouse-Key}
 * headers, as the ClickHouse HTTP interface takes them (not both at once), checked against the same users. A request
 * with neither is not taken as the passwordless {@code default} user, unlike the HTTP interface: an operator's
 * endpoint asks for credentials explicitly.
 */
final class AdminAuth {
    private AdminAuth() {}

    /** The authenticated user's name; throws a 401 {@link AdminException} otherwise. */
    static String authenticate(Headers h, Users users) {
        String authorization = h.getFirst("Authorization");
        String headerUser = h.getFirst("X-ClickHouse-User");
        String headerKey = h.getFirst("X-ClickHouse-Key");
        boolean viaHeaders = headerUser != null || headerKey != null;
        if (authorization != null && viaHeaders) {
            throw unauthorized("use either the Authorization header or the X-ClickHouse-User/Key headers, not both");
        }
        String user;
        String password;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw unauthorized("only Basic authorization is supported");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw unauthorized("bad Basic credentials (not base64)");
            }
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? "" : decoded.substring(colon + 1);
        } else if (viaHeaders) {
            user = headerUser == null ? "default" : headerUser;
            password = headerKey == null ? "" : headerKey;
        } else {
            throw unauthorized("credentials required: HTTP Basic or the X-ClickHouse-User/X-ClickHouse-Key headers"
                    + " (the users of the ClickHouse HTTP interface)");
        }
        try {
            users.authenticate(user, password);
        } catch (ProxistException e) {
            throw unauthorized(e.getMessage());
        }
        return user;
    }

    private static AdminException unauthorized(String message) {
        return new AdminException(401, "AUTHENTICATION_FAILED", message);
    }
}
