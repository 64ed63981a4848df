package io.proxist.ingest.recorder;

/**
 * A public trade print reported by an exchange (table {@code trades}).
 *
 * @param ts exchange timestamp of the print, UTC nanoseconds
 * @param tradeId exchange trade identifier; may be empty for venues that assign none
 * @param side aggressor side, {@link Side#UNKNOWN} when the venue does not say
 * @param conditions sale condition codes as the exchange sends them; may be empty
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record PublicTrade(
        String symbol,
        long ts,
        long seq,
        String tradeId,
        String exchange,
        double price,
        double size,
        Side side,
        String conditions,
        long recvTs) {}
