package io.proxist.server.admin;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A route another part of Proxist registers on the admin port (GET, answered with text): {@code /metrics} is one.
 * Pass them to {@link AdminServer#start} keyed by path.
 *
 * @param contentType the Content-Type of the answer
 * @param body computes the answer for each request (on the admin server's thread: must not block for long)
 * @param authenticated whether the request must carry credentials of a user of users.file as the admin API's own
 *     routes do; {@code false} for what a scraper reads without them
 */
public record TextRoute(String contentType, Supplier<String> body, boolean authenticated) {
    public TextRoute {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
