package io.proxist.ingest.recorder;

/**
 * Balance and margin of one account in one currency (table {@code account_state}). Cash, equity, available margin
 * and buying power may be negative (a margin call is a state worth recording); margin used may not.
 *
 * @param ts time of the snapshot, UTC nanoseconds
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record AccountSnapshot(
        String account,
        long ts,
        long seq,
        String currency,
        double cash,
        double equity,
        double marginUsed,
        double marginAvailable,
        double buyingPower,
        long recvTs) {}
