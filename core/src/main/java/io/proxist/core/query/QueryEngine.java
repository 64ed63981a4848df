package io.proxist.core.query;

import java.io.InputStream;

/**
 * What the protocol servers hand statements to: the server's router (local answers, pass-through, and later
 * the seam planner). Implementations may block; protocol servers call them off their event loops.
 */
public interface QueryEngine {

    /**
     * Runs one statement.
     *
     * @param insertData for INSERT with data: the data in {@code statement.format()}, else null
     */
    QueryResult execute(QueryContext ctx, Statement statement, InputStream insertData);

    /** Whether a setting name is one a current ClickHouse (or the backing server) knows. */
    boolean knowsSetting(String name);
}
