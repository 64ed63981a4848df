package io.proxist.ingest.recorder;

/** Why the recorder refused an event. Each refusal is counted per table and reason ({@link RejectCounters}). */
public enum RejectReason {
    /** The event itself is null, or a required field is null, or a required identifier is empty once trimmed. */
    MISSING_FIELD,
    /** An identifier (symbol, account, venue, ...) holds control characters or is longer than the maximum. */
    INVALID_IDENTIFIER,
    /** A price, size or amount is NaN or infinite. */
    NON_FINITE_VALUE,
    /** A price or size is negative where the column does not allow it. */
    NEGATIVE_VALUE,
    /** An L2 price array and its size array differ in length. */
    LEVELS_MISMATCH,
    /** An enum constant the table's Enum8 column does not define. */
    UNKNOWN_ENUM_VALUE,
    /** A timestamp outside the accepted range: not UTC nanoseconds (seconds, millis or micros), or absurd. */
    TIMESTAMP_OUT_OF_RANGE,
    /** The receive time is earlier than the exchange (event) time by more than the configured tolerance. */
    RECEIVED_BEFORE_EVENT
}
