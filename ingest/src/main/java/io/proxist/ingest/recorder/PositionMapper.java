package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link PositionSnapshot} to rows of {@code positions_intraday}. */
public final class PositionMapper extends EventMapper<PositionSnapshot> {
    private final BytesColumnBuilder accountCol = stringColumn("account");
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final DoubleColumnBuilder quantityCol = float64Column("quantity");
    private final DoubleColumnBuilder avgPriceCol = float64Column("avg_price");
    private final DoubleColumnBuilder markPriceCol = float64Column("mark_price");
    private final DoubleColumnBuilder realizedPnlCol = float64Column("realized_pnl");
    private final DoubleColumnBuilder unrealizedPnlCol = float64Column("unrealized_pnl");
    private final BytesColumnBuilder currencyCol = stringColumn("currency");

    private String account;
    private String symbol;
    private double quantity;
    private double avgPrice;
    private double markPrice;
    private double realizedPnl;
    private double unrealizedPnl;
    private String currency;

    public PositionMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.POSITIONS_INTRADAY, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(PositionSnapshot e) {
        account = key(e.account(), "account");
        symbol = key(e.symbol(), "symbol");
        times(e.ts(), e.recvTs());
        quantity = finite(e.quantity(), "quantity");
        avgPrice = nonNegative(e.avgPrice(), "avg_price");
        markPrice = nonNegative(e.markPrice(), "mark_price");
        realizedPnl = finite(e.realizedPnl(), "realized_pnl");
        unrealizedPnl = finite(e.unrealizedPnl(), "unrealized_pnl");
        currency = key(e.currency(), "currency");
    }

    @Override
    void write(PositionSnapshot e) {
        Utf8.append(accountCol, account);
        Utf8.append(symbolCol, symbol);
        quantityCol.appendDouble(quantity);
        avgPriceCol.appendDouble(avgPrice);
        markPriceCol.appendDouble(markPrice);
        realizedPnlCol.appendDouble(realizedPnl);
        unrealizedPnlCol.appendDouble(unrealizedPnl);
        Utf8.append(currencyCol, currency);
    }

    @Override
    long seq(PositionSnapshot e) {
        return e.seq();
    }
}
