package io.proxist.core.query;

import java.util.Map;
import java.util.Objects;

/**
 * Who runs a statement and how: the authenticated user, the current database, the query id, the settings in
 * force (session settings overlaid by the request's) and query parameters ({@code param_x}).
 */
public record QueryContext(
        String user,
        String database,
        String queryId,
        Map<String, String> settings,
        Map<String, String> parameters,
        boolean readonly) {
    public QueryContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(queryId, "queryId");
        settings = Map.copyOf(settings);
        parameters = Map.copyOf(parameters);
    }
}
