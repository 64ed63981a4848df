package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link PublicTrade} to rows of {@code trades}. */
public final class TradeMapper extends EventMapper<PublicTrade> {
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final BytesColumnBuilder tradeIdCol = stringColumn("trade_id");
    private final BytesColumnBuilder exchangeCol = stringColumn("exchange");
    private final DoubleColumnBuilder priceCol = float64Column("price");
    private final DoubleColumnBuilder sizeCol = float64Column("size");
    private final EnumColumn sideCol = enumColumn("side", Side.class);
    private final BytesColumnBuilder conditionsCol = stringColumn("conditions");

    private String symbol;
    private String tradeId;
    private String exchange;
    private double price;
    private double size;
    private int side;
    private String conditions;

    public TradeMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.TRADES, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(PublicTrade e) {
        symbol = key(e.symbol(), "symbol");
        times(e.ts(), e.recvTs());
        tradeId = optionalKey(e.tradeId(), "trade_id");
        exchange = key(e.exchange(), "exchange");
        price = nonNegative(e.price(), "price");
        size = nonNegative(e.size(), "size");
        side = code(sideCol, e.side(), "side");
        conditions = optionalKey(e.conditions(), "conditions");
    }

    @Override
    void write(PublicTrade e) {
        Utf8.append(symbolCol, symbol);
        Utf8.append(tradeIdCol, tradeId);
        Utf8.append(exchangeCol, exchange);
        priceCol.appendDouble(price);
        sizeCol.appendDouble(size);
        sideCol.builder().appendLong(side);
        Utf8.append(conditionsCol, conditions);
    }

    @Override
    long seq(PublicTrade e) {
        return e.seq();
    }
}
