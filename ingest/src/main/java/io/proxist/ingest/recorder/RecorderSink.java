package io.proxist.ingest.recorder;

import io.proxist.core.block.Block;

/** Where the recorder thread hands its batches: in the server, the ingest path (WAL, hot store, flusher). */
public interface RecorderSink {
    /**
     * One INSERT of one table; returns normally once the rows are acknowledged per the table's durability, throws
     * when they are refused (a critical table past its budget), in which case the recorder keeps them and retries.
     */
    void insert(String table, Block rows);

    /** How full the table's way to ClickHouse is, 0 to 1 (unpersisted rows against their budget, the WAL's). */
    default double backlog(String table) {
        return 0;
    }
}
