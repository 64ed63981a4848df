package io.proxist.ingest.recorder;

/**
 * A lifecycle event of one of our orders (table {@code orders}): new, amend, cancel, reject (with its reason), ack or
 * expire. Every event carries the order's state after it.
 *
 * @param ts time of the event, UTC nanoseconds
 * @param orderId venue or OMS order id; may be empty before the venue assigned one (a new order, a reject)
 * @param clientOrderId our id for the order; required
 * @param price limit price, 0 for market orders
 * @param stopPrice stop trigger price, 0 when not a stop order
 * @param quantity total order quantity after this event
 * @param filledQty cumulative filled quantity
 * @param leavesQty remaining open quantity
 * @param rejectReason why the order was rejected; required for {@link OrderEventType#REJECT}, empty otherwise
 * @param recvTs receive time, UTC nanoseconds; 0 = stamp on record
 */
public record OrderEvent(
        String symbol,
        long ts,
        long seq,
        String orderId,
        String clientOrderId,
        String account,
        String strategy,
        OrderEventType event,
        Side side,
        OrderType orderType,
        TimeInForce timeInForce,
        double price,
        double stopPrice,
        double quantity,
        double filledQty,
        double leavesQty,
        String rejectReason,
        String venue,
        long recvTs) {}
