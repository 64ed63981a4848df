package io.proxist.ingest.demo;

import io.proxist.core.block.Block;

/**
 * Where the {@link DemoFeed} hands its blocks: in the server, {@code IngestService.insert(table, rows)}. One call is one
 * INSERT of one table. An exception (a backpressure refusal, a WAL error) refuses that block only: the feed counts it,
 * logs it at a rate-limited WARN and goes on with the next block.
 */
@FunctionalInterface
public interface DemoSink {
    /**
     * @param table the table name, as in its DDL ({@code market_data}, {@code trades}, ...)
     * @param rows rows of the table's logical columns; the sink owns the block from now on
     */
    void insert(String table, Block rows);
}
