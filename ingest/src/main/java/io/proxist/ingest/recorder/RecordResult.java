package io.proxist.ingest.recorder;

/** What {@link Recorder#record} did with an event; never an exception on the caller's thread. */
public enum RecordResult {
    /** Queued for its table. */
    ACCEPTED,
    /** A best-effort table's queue was full: the event was dropped and counted. */
    DROPPED,
    /**
     * A critical table's queue stayed full for the configured bound: the event was not taken. The caller must act
     * (retry, halt trading, alert): a critical row is never dropped silently.
     */
    TIMED_OUT,
    /** The recorder is closed. */
    CLOSED,
    /** The event's type has no table, or its table is not recorded here. */
    UNKNOWN_EVENT
}
