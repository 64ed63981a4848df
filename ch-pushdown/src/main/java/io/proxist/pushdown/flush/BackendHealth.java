package io.proxist.pushdown.flush;

/** How a ClickHouse backend looks from the flushers' inserts; the transitions are {@link HealthTracker}'s. */
public enum BackendHealth {
    /** Inserts succeed within the slow threshold. */
    HEALTHY,
    /** It answers, but something is wrong: a failed attempt, a slow insert, or too many active parts. */
    DEGRADED,
    /** Consecutive attempts failed without an answer (refused, reset, timed out) or with a transient error. */
    DOWN
}
