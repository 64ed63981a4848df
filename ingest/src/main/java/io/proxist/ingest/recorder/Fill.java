package io.proxist.ingest.recorder;

/**
 * An execution of one of our orders (table {@code fills}).
 *
 * @param ts execution time, UTC nanoseconds
 * @param fee fee charged, negative for a rebate
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record Fill(
        String symbol,
        long ts,
        long seq,
        String fillId,
        String orderId,
        String account,
        String strategy,
        Side side,
        double price,
        double quantity,
        double fee,
        String feeCurrency,
        Liquidity liquidity,
        String venue,
        long recvTs) {}
