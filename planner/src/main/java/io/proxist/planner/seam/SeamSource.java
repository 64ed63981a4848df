package io.proxist.planner.seam;

import io.proxist.core.block.Block;
import io.proxist.core.schema.TableSchema;
import io.proxist.hot.store.TableSnapshot;
import io.proxist.planner.expr.Backend;
import java.util.List;

/** What the seam reads: the owned tables' schemas and hot snapshots, persistence progress, and the backend. */
public interface SeamSource {
    /** The logical schema of an owned table, or null when the table is not one. */
    TableSchema schema(String table);

    /** The table's current hot snapshot. */
    TableSnapshot snapshot(String table);

    /**
     * A time below which the backend may hold rows memory lacks (rows persisted before this process started,
     * or written to ClickHouse by someone else); Long.MIN_VALUE when memory holds every row. The seam never
     * reads memory below it.
     */
    long floor(String table);

    /**
     * A time at or below the oldest row the backend can hold for the table (Long.MAX_VALUE: it holds none); the seam
     * does not ask the backend for rows below a seam that lies at or below it. Long.MIN_VALUE: unknown.
     */
    default long coldMin(String table) {
        return Long.MIN_VALUE;
    }

    /** Waits until every row of the table committed at or below WAL position {@code lsn} is in the backend. */
    void awaitPersisted(String table, long lsn);

    /** Runs a query on the backend and returns its blocks. */
    List<Block> cold(String sql);

    /** The database the owned tables live in. */
    String database();

    /** What the backend's SQL can express. */
    Backend backend();

    /**
     * Whether more than the WHERE goes down with the backend part: aggregates as partial states, ORDER BY and LIMIT,
     * LIMIT BY. False (setting {@code proxist_seam_pushdown = 0}): the backend is asked only for the rows before the
     * seam that pass the WHERE, and Proxist does the rest: a slower way to the same answer, which the differential
     * test compares with.
     */
    default boolean pushdown() {
        return true;
    }
}
