package io.proxist.ingest.recorder;

import io.proxist.core.block.build.BytesColumnBuilder;
import io.proxist.core.block.build.DoubleColumnBuilder;
import io.proxist.core.schema.TableSchema;

/** {@link RiskDecision} to rows of {@code risk_decisions}. */
public final class RiskDecisionMapper extends EventMapper<RiskDecision> {
    private final BytesColumnBuilder accountCol = stringColumn("account");
    private final BytesColumnBuilder decisionIdCol = stringColumn("decision_id");
    private final BytesColumnBuilder symbolCol = stringColumn("symbol");
    private final BytesColumnBuilder orderIdCol = stringColumn("order_id");
    private final BytesColumnBuilder ruleCol = stringColumn("rule");
    private final EnumColumn decisionCol = enumColumn("decision", RiskOutcome.class);
    private final BytesColumnBuilder reasonCol = stringColumn("reason");
    private final BytesColumnBuilder inputsCol = stringColumn("inputs");
    private final DoubleColumnBuilder limitValueCol = float64Column("limit_value");
    private final DoubleColumnBuilder observedValueCol = float64Column("observed_value");

    private String account;
    private String decisionId;
    private String symbol;
    private String orderId;
    private String rule;
    private int decision;
    private String reason;
    private String inputs;
    private double limitValue;
    private double observedValue;

    public RiskDecisionMapper(TableSchema schema, RecorderContext context, RejectCounters counters, RejectLog log) {
        super(RecorderTable.RISK_DECISIONS, schema, context, counters, log);
        bindingsComplete();
    }

    @Override
    void validate(RiskDecision e) {
        account = key(e.account(), "account");
        times(e.ts(), e.recvTs());
        decisionId = key(e.decisionId(), "decision_id");
        symbol = optionalKey(e.symbol(), "symbol");
        orderId = optionalKey(e.orderId(), "order_id");
        rule = key(e.rule(), "rule");
        decision = code(decisionCol, e.decision(), "decision");
        reason = text(e.reason(), "reason");
        inputs = text(e.inputs(), "inputs");
        limitValue = finite(e.limitValue(), "limit_value");
        observedValue = finite(e.observedValue(), "observed_value");
    }

    @Override
    void write(RiskDecision e) {
        Utf8.append(accountCol, account);
        Utf8.append(decisionIdCol, decisionId);
        Utf8.append(symbolCol, symbol);
        Utf8.append(orderIdCol, orderId);
        Utf8.append(ruleCol, rule);
        decisionCol.builder().appendLong(decision);
        Utf8.append(reasonCol, reason);
        Utf8.append(inputsCol, inputs);
        limitValueCol.appendDouble(limitValue);
        observedValueCol.appendDouble(observedValue);
    }

    @Override
    long seq(RiskDecision e) {
        return e.seq();
    }
}
