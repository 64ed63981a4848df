package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link Fill} to rows of {@code fills}. */
public final class FillMapper extends EventMapper<Fill> {
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final BytesColumnBuilder fillIdCol = stringColumn("fill_id");
    private final BytesColumnBuilder orderIdCol = stringColumn("order_id");
    private final BytesColumnBuilder accountCol = stringColumn("account");
    private final BytesColumnBuilder strategyCol = stringColumn("strategy");
    private final EnumColumn sideCol = enumColumn("side", Side.class);
    private final DoubleColumnBuilder priceCol = float64Column("price");
    private final DoubleColumnBuilder quantityCol = float64Column("quantity");
    private final DoubleColumnBuilder feeCol = float64Column("fee");
    private final BytesColumnBuilder feeCurrencyCol = stringColumn("fee_currency");
    private final EnumColumn liquidityCol = enumColumn("liquidity", Liquidity.class);
    private final BytesColumnBuilder venueCol = stringColumn("venue");

    private String symbol;
    private String fillId;
    private String orderId;
    private String account;
    private String strategy;
    private int side;
    private double price;
    private double quantity;
    private double fee;
    private String feeCurrency;
    private int liquidity;
    private String venue;

    public FillMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.FILLS, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(Fill e) {
        symbol = key(e.symbol(), "symbol");
        times(e.ts(), e.recvTs());
        fillId = key(e.fillId(), "fill_id");
        orderId = key(e.orderId(), "order_id");
        account = key(e.account(), "account");
        strategy = optionalKey(e.strategy(), "strategy");
        side = code(sideCol, e.side(), "side");
        price = nonNegative(e.price(), "price");
        quantity = nonNegative(e.quantity(), "quantity");
        fee = finite(e.fee(), "fee");
        feeCurrency = optionalKey(e.feeCurrency(), "fee_currency");
        liquidity = code(liquidityCol, e.liquidity(), "liquidity");
        venue = key(e.venue(), "venue");
    }

    @Override
    void write(Fill e) {
        Utf8.append(symbolCol, symbol);
        Utf8.append(fillIdCol, fillId);
        Utf8.append(orderIdCol, orderId);
        Utf8.append(accountCol, account);
        Utf8.append(strategyCol, strategy);
        sideCol.builder().appendLong(side);
        priceCol.appendDouble(price);
        quantityCol.appendDouble(quantity);
        feeCol.appendDouble(fee);
        Utf8.append(feeCurrencyCol, feeCurrency);
        liquidityCol.builder().appendLong(liquidity);
        Utf8.append(venueCol, venue);
    }

    @Override
    long seq(Fill e) {
        return e.seq();
    }
}
