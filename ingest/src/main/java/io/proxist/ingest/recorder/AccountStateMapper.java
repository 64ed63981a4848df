package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link AccountSnapshot} to rows of {@code account_state}. */
public final class AccountStateMapper extends EventMapper<AccountSnapshot> {
    private final BytesColumnBuilder accountCol = stringColumn("account");
    private final BytesColumnBuilder currencyCol = stringColumn("currency");
    private final DoubleColumnBuilder cashCol = float64Column("cash");
    private final DoubleColumnBuilder equityCol = float64Column("equity");
    private final DoubleColumnBuilder marginUsedCol = float64Column("margin_used");
    private final DoubleColumnBuilder marginAvailableCol = float64Column("margin_available");
    private final DoubleColumnBuilder buyingPowerCol = float64Column("buying_power");

    private String account;
    private String currency;
    private double cash;
    private double equity;
    private double marginUsed;
    private double marginAvailable;
    private double buyingPower;

    public AccountStateMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.ACCOUNT_STATE, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(AccountSnapshot e) {
        account = key(e.account(), "account");
        times(e.ts(), e.recvTs());
        currency = key(e.currency(), "currency");
        cash = finite(e.cash(), "cash");
        equity = finite(e.equity(), "equity");
        marginUsed = nonNegative(e.marginUsed(), "margin_used");
        marginAvailable = finite(e.marginAvailable(), "margin_available");
        buyingPower = finite(e.buyingPower(), "buying_power");
    }

    @Override
    void write(AccountSnapshot e) {
        Utf8.append(accountCol, account);
        Utf8.append(currencyCol, currency);
        cashCol.appendDouble(cash);
        equityCol.appendDouble(equity);
        marginUsedCol.appendDouble(marginUsed);
        marginAvailableCol.appendDouble(marginAvailable);
        buyingPowerCol.appendDouble(buyingPower);
    }

    @Override
    long seq(AccountSnapshot e) {
        return e.seq();
    }
}
