package io.proxist.ingest.recorder;

import io.proxist.core.schema.TableSchema;
import java.util.function.Function;

/**
 * The nine mappers of one recorder, built against the logical schemas (e.g. {@code
 * SchemaCatalog.builtin().table(name).orElseThrow()}), sharing one set of reject counters and one rate-limited log.
 */
public record RecorderMappers(
        MarketDataMapper marketData,
        TradeMapper trades,
        OrderMapper orders,
        FillMapper fills,
        PositionMapper positions,
        AccountStateMapper accountState,
        RiskDecisionMapper riskDecisions,
        GuardrailTransitionMapper guardrailTransitions,
        SystemEventMapper systemEvents,
        RejectCounters counters,
        RejectLog log) {

    /** Builds every mapper; {@code schemas} gives the logical schema of a table by name. */
    public static RecorderMappers create(
            Function<String, TableSchema> schemas, RecorderContext context, RejectCounters counters, RejectLog log) {
        return new RecorderMappers(
                new MarketDataMapper(schema(schemas, RecorderTable.MARKET_DATA), context, counters, log),
                new TradeMapper(schema(schemas, RecorderTable.TRADES), context, counters, log),
                new OrderMapper(schema(schemas, RecorderTable.ORDERS), context, counters, log),
                new FillMapper(schema(schemas, RecorderTable.FILLS), context, counters, log),
                new PositionMapper(schema(schemas, RecorderTable.POSITIONS_INTRADAY), context, counters, log),
                new AccountStateMapper(schema(schemas, RecorderTable.ACCOUNT_STATE), context, counters, log),
                new RiskDecisionMapper(schema(schemas, RecorderTable.RISK_DECISIONS), context, counters, log),
                new GuardrailTransitionMapper(
                        schema(schemas, RecorderTable.GUARDRAIL_TRANSITIONS), context, counters, log),
                new SystemEventMapper(schema(schemas, RecorderTable.SYSTEM_EVENTS), context, counters, log),
                counters,
                log);
    }

    private static TableSchema schema(Function<String, TableSchema> schemas, RecorderTable table) {
        TableSchema s = schemas.apply(table.tableName());
        if (s == null) throw new IllegalArgumentException("no schema for table [table=" + table.tableName() + "]");
        return s;
    }

    /** The mapper of {@code table}. */
    public EventMapper<?> mapper(RecorderTable table) {
        return switch (table) {
            case MARKET_DATA -> marketData;
            case TRADES -> trades;
            case ORDERS -> orders;
            case FILLS -> fills;
            case POSITIONS_INTRADAY -> positions;
            case ACCOUNT_STATE -> accountState;
            case RISK_DECISIONS -> riskDecisions;
            case GUARDRAIL_TRANSITIONS -> guardrailTransitions;
            case SYSTEM_EVENTS -> systemEvents;
        };
    }
}
