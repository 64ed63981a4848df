package io.proxist.ingest.recorder;

/**
 * An intraday position of one account in one instrument (table {@code positions_intraday}).
 *
 * @param ts time of the snapshot, UTC nanoseconds
 * @param quantity signed position, negative when short
 * @param realizedPnl realized PnL since start of day, signed
 * @param unrealizedPnl unrealized PnL at {@code markPrice}, signed
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record PositionSnapshot(
        String account,
        String symbol,
        long ts,
        long seq,
        double quantity,
        double avgPrice,
        double markPrice,
        double realizedPnl,
        double unrealizedPnl,
        String currency,
        long recvTs) {}
