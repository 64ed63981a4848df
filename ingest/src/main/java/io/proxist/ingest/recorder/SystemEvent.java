package io.proxist.ingest.recorder;

/**
 * An operational event or log record of a trading system component (table {@code system_events}).
 *
 * @param ts time the event was emitted, UTC nanoseconds
 * @param event event type code
 * @param details JSON document with structured details; recorded as given, may be empty
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record SystemEvent(
        String component,
        long ts,
        long seq,
        String host,
        Severity level,
        String event,
        String message,
        String details,
        long recvTs) {}
