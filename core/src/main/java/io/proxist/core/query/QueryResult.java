package io.proxist.core.query;

/** The outcome of a statement: rows to stream, or done (with what it wrote). */
public sealed interface QueryResult {

    /** A result set, streamed by the cursor; the caller closes it. */
    record Rows(BlockCursor cursor) implements QueryResult {}

    /** No rows back. */
    record Done(long writtenRows, long writtenBytes) implements QueryResult {}
}
