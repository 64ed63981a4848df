package io.proxist.ingest.recorder;

import io.proxist.core.block.build.ArrayColumnBuilder;
import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link MarketSnapshot} to rows of {@code market_data}. */
public final class MarketDataMapper extends EventMapper<MarketSnapshot> {
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final BytesColumnBuilder exchangeCol = stringColumn("exchange");
    private final DoubleColumnBuilder bidPxCol = float64Column("bid_px");
    private final DoubleColumnBuilder bidSzCol = float64Column("bid_sz");
    private final DoubleColumnBuilder askPxCol = float64Column("ask_px");
    private final DoubleColumnBuilder askSzCol = float64Column("ask_sz");
    private final DoubleColumnBuilder lastPxCol = float64Column("last_px");
    private final DoubleColumnBuilder lastSzCol = float64Column("last_sz");
    private final ArrayColumnBuilder bidPxLevelsCol = float64ArrayColumn("bid_px_levels");
    private final ArrayColumnBuilder bidSzLevelsCol = float64ArrayColumn("bid_sz_levels");
    private final ArrayColumnBuilder askPxLevelsCol = float64ArrayColumn("ask_px_levels");
    private final ArrayColumnBuilder askSzLevelsCol = float64ArrayColumn("ask_sz_levels");

    private String symbol;
    private String exchange;
    private double bidPx;
    private double bidSz;
    private double askPx;
    private double askSz;
    private double lastPx;
    private double lastSz;

    public MarketDataMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.MARKET_DATA, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(MarketSnapshot e) {
        symbol = key(e.symbol(), "symbol");
        times(e.ts(), e.recvTs());
        exchange = key(e.exchange(), "exchange");
        bidPx = nonNegative(e.bidPx(), "bid_px");
        bidSz = nonNegative(e.bidSz(), "bid_sz");
        askPx = nonNegative(e.askPx(), "ask_px");
        askSz = nonNegative(e.askSz(), "ask_sz");
        lastPx = nonNegative(e.lastPx(), "last_px");
        lastSz = nonNegative(e.lastSz(), "last_sz");
        levels(e.bidPxView(), e.bidSzView(), "bid_px_levels", "bid_sz_levels");
        levels(e.askPxView(), e.askSzView(), "ask_px_levels", "ask_sz_levels");
    }

    @Override
    void write(MarketSnapshot e) {
        Utf8.append(symbolCol, symbol);
        Utf8.append(exchangeCol, exchange);
        bidPxCol.appendDouble(bidPx);
        bidSzCol.appendDouble(bidSz);
        askPxCol.appendDouble(askPx);
        askSzCol.appendDouble(askSz);
        lastPxCol.appendDouble(lastPx);
        lastSzCol.appendDouble(lastSz);
        appendLevels(bidPxLevelsCol, e.bidPxView());
        appendLevels(bidSzLevelsCol, e.bidSzView());
        appendLevels(askPxLevelsCol, e.askPxView());
        appendLevels(askSzLevelsCol, e.askSzView());
    }

    private static void appendLevels(ArrayColumnBuilder column, double[] values) {
        DoubleColumnBuilder elements = (DoubleColumnBuilder) column.elements();
        for (double v : values) elements.appendDouble(v + 0.0);
        column.endArray();
    }

    @Override
    long seq(MarketSnapshot e) {
        return e.seq();
    }
}
