package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link OrderEvent} to rows of {@code orders}. A reject must say why; other events record the reason as given. */
public final class OrderMapper extends EventMapper<OrderEvent> {
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final BytesColumnBuilder orderIdCol = stringColumn("order_id");
    private final BytesColumnBuilder clientOrderIdCol = stringColumn("client_order_id");
    private final BytesColumnBuilder accountCol = stringColumn("account");
    private final BytesColumnBuilder strategyCol = stringColumn("strategy");
    private final EnumColumn eventCol = enumColumn("event", OrderEventType.class);
    private final EnumColumn sideCol = enumColumn("side", Side.class);
    private final EnumColumn orderTypeCol = enumColumn("order_type", OrderType.class);
    private final EnumColumn timeInForceCol = enumColumn("time_in_force", TimeInForce.class);
    private final DoubleColumnBuilder priceCol = float64Column("price");
    private final DoubleColumnBuilder stopPriceCol = float64Column("stop_price");
    private final DoubleColumnBuilder quantityCol = float64Column("quantity");
    private final DoubleColumnBuilder filledQtyCol = float64Column("filled_qty");
    private final DoubleColumnBuilder leavesQtyCol = float64Column("leaves_qty");
    private final BytesColumnBuilder rejectReasonCol = stringColumn("reject_reason");
    private final BytesColumnBuilder venueCol = stringColumn("venue");

    private String symbol;
    private String orderId;
    private String clientOrderId;
    private String account;
    private String strategy;
    private int event;
    private int side;
    private int orderType;
    private int timeInForce;
    private double price;
    private double stopPrice;
    private double quantity;
    private double filledQty;
    private double leavesQty;
    private String rejectReason;
    private String venue;

    public OrderMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.ORDERS, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(OrderEvent e) {
        symbol = key(e.symbol(), "symbol");
        times(e.ts(), e.recvTs());
        orderId = optionalKey(e.orderId(), "order_id");
        clientOrderId = key(e.clientOrderId(), "client_order_id");
        account = key(e.account(), "account");
        strategy = optionalKey(e.strategy(), "strategy");
        event = code(eventCol, e.event(), "event");
        side = code(sideCol, e.side(), "side");
        orderType = code(orderTypeCol, e.orderType(), "order_type");
        timeInForce = code(timeInForceCol, e.timeInForce(), "time_in_force");
        price = nonNegative(e.price(), "price");
        stopPrice = nonNegative(e.stopPrice(), "stop_price");
        quantity = nonNegative(e.quantity(), "quantity");
        filledQty = nonNegative(e.filledQty(), "filled_qty");
        leavesQty = nonNegative(e.leavesQty(), "leaves_qty");
        rejectReason = text(e.rejectReason(), "reject_reason");
        if (e.event() == OrderEventType.REJECT && rejectReason.isBlank()) {
            fail(RejectReason.MISSING_FIELD, "reject_reason");
        }
        venue = optionalKey(e.venue(), "venue");
    }

    @Override
    void write(OrderEvent e) {
        Utf8.append(symbolCol, symbol);
        Utf8.append(orderIdCol, orderId);
        Utf8.append(clientOrderIdCol, clientOrderId);
        Utf8.append(accountCol, account);
        Utf8.append(strategyCol, strategy);
        eventCol.builder().appendLong(event);
        sideCol.builder().appendLong(side);
        orderTypeCol.builder().appendLong(orderType);
        timeInForceCol.builder().appendLong(timeInForce);
        priceCol.appendDouble(price);
        stopPriceCol.appendDouble(stopPrice);
        quantityCol.appendDouble(quantity);
        filledQtyCol.appendDouble(filledQty);
        leavesQtyCol.appendDouble(leavesQty);
        Utf8.append(rejectReasonCol, rejectReason);
        Utf8.append(venueCol, venue);
    }

    @Override
    long seq(OrderEvent e) {
        return e.seq();
    }
}
