package io.proxist.planner.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlNode;

/**
 * One parsed ClickHouse query: the query itself (a {@code SqlSelect}, {@code ClickHouseSelect}, set operation or
 * {@code SqlWith}), and the trailing clauses ClickHouse reads outside the query.
 *
 * @param query the query, without FORMAT and SETTINGS
 * @param format the name after {@code FORMAT} as written (e.g. {@code JSONEachRow}), or {@code null} if absent
 * @param settings the {@code SETTINGS name = value} pairs in the order written, empty if none; string values
 *     unquoted, numbers as written, booleans as {@code true}/{@code false}
 */
public record ParsedQuery(SqlNode query, String format, Map<String, String> settings) {
    public ParsedQuery {
        Objects.requireNonNull(query, "query");
        settings = settings == null || settings.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
