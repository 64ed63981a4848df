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

    /**
     * The columns an INSERT with client data fills, as a block with no rows: the statement's column list, or the
     * table's insertable columns (not MATERIALIZED or ALIAS), with their types. The native protocol sends it to the
     * client before the client's data blocks.
     */
    default io.proxist.core.block.Block insertHeader(QueryContext ctx, Statement statement) {
        throw new io.proxist.core.error.ProxistException(
                io.proxist.core.error.ErrorCode.NOT_IMPLEMENTED, "INSERT headers are not available from this engine");
    }

    /**
     * An INSERT whose data arrived as blocks of {@link #insertHeader}'s columns (the native protocol), all at once:
     * the same all-or-nothing statement as {@link #execute} with that data. Returns null when the engine takes data
     * as a stream only (the default): the caller then encodes the blocks as Native and calls {@link #execute}.
     */
    default QueryResult insertBlocks(
            QueryContext ctx, Statement statement, java.util.List<io.proxist.core.block.Block> blocks) {
        return null;
    }

    /** Whether a setting name is one a current ClickHouse (or the backing server) knows. */
    boolean knowsSetting(String name);
}
