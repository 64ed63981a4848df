package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.RecorderTable.ACCOUNT_STATE;
import static io.proxist.ingest.recorder.RecorderTable.FILLS;
import static io.proxist.ingest.recorder.RecorderTable.GUARDRAIL_TRANSITIONS;
import static io.proxist.ingest.recorder.RecorderTable.MARKET_DATA;
import static io.proxist.ingest.recorder.RecorderTable.ORDERS;
import static io.proxist.ingest.recorder.RecorderTable.POSITIONS_INTRADAY;
import static io.proxist.ingest.recorder.RecorderTable.RISK_DECISIONS;
import static io.proxist.ingest.recorder.RecorderTable.SYSTEM_EVENTS;
import static io.proxist.ingest.recorder.RecorderTable.TRADES;
import static io.proxist.ingest.recorder.RejectReason.INVALID_IDENTIFIER;
import static io.proxist.ingest.recorder.RejectReason.LEVELS_MISMATCH;
import static io.proxist.ingest.recorder.RejectReason.MISSING_FIELD;
import static io.proxist.ingest.recorder.RejectReason.NEGATIVE_VALUE;
import static io.proxist.ingest.recorder.RejectReason.NON_FINITE_VALUE;
import static io.proxist.ingest.recorder.RejectReason.RECEIVED_BEFORE_EVENT;
import static io.proxist.ingest.recorder.RejectReason.TIMESTAMP_OUT_OF_RANGE;
import static io.proxist.ingest.recorder.Rows.T0;
import static io.proxist.ingest.recorder.With.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad events of every kind, for every table: rejected with the expected reason, counted under the table and reason,
 * and never half-recorded: the block built afterwards equals the block of the good events alone, and a good event
 * appended after the bad one lands intact.
 */
class RejectionTest {
    record Case(
            String name,
            RecorderTable table,
            RejectReason reason,
            BiFunction<RecorderMappers, Boolean, RejectReason> append) {
        @Override
        public String toString() {
            return table.tableName() + ": " + name + " -> " + reason;
        }
    }

    private static final String LONG_ID = "X".repeat(Identifiers.MAX_LENGTH + 1);

    /** Appends the table's good event (bad = false) or the case's bad one (bad = true). */
    private static <E> Case c(
            RecorderTable t,
            RejectReason r,
            String name,
            Function<RecorderMappers, EventMapper<E>> mapper,
            E good,
            E bad) {
        return new Case(name, t, r, (m, isBad) -> mapper.apply(m).append(isBad ? bad : good));
    }

    private static Case mdEvent(RejectReason r, String name, MarketSnapshot bad) {
        return c(MARKET_DATA, r, name, RecorderMappers::marketData, Events.snapshot(), bad);
    }

    private static Case md(RejectReason r, String field, Object value) {
        return mdEvent(r, field + "=" + value, with(Events.snapshot(), field, value));
    }

    private static Case tr(RejectReason r, String field, Object value) {
        PublicTrade bad = field == null ? null : with(Events.trade(), field, value);
        return c(TRADES, r, field + "=" + value, RecorderMappers::trades, Events.trade(), bad);
    }

    private static Case ord(RejectReason r, String field, Object value) {
        OrderEvent bad = field == null ? null : with(Events.reject(), field, value);
        return c(ORDERS, r, field + "=" + value, RecorderMappers::orders, Events.order(), bad);
    }

    private static Case fl(RejectReason r, String field, Object value) {
        Fill bad = field == null ? null : with(Events.fill(), field, value);
        return c(FILLS, r, field + "=" + value, RecorderMappers::fills, Events.fill(), bad);
    }

    private static Case pos(RejectReason r, String field, Object value) {
        PositionSnapshot bad = field == null ? null : with(Events.position(), field, value);
        return c(POSITIONS_INTRADAY, r, field + "=" + value, RecorderMappers::positions, Events.position(), bad);
    }

    private static Case acc(RejectReason r, String field, Object value) {
        AccountSnapshot bad = field == null ? null : with(Events.account(), field, value);
        return c(ACCOUNT_STATE, r, field + "=" + value, RecorderMappers::accountState, Events.account(), bad);
    }

    private static Case risk(RejectReason r, String field, Object value) {
        RiskDecision bad = field == null ? null : with(Events.risk(), field, value);
        return c(RISK_DECISIONS, r, field + "=" + value, RecorderMappers::riskDecisions, Events.risk(), bad);
    }

    private static Case gr(RejectReason r, String field, Object value) {
        GuardrailTransition bad = field == null ? null : with(Events.guardrail(), field, value);
        return c(
                GUARDRAIL_TRANSITIONS,
                r,
                field + "=" + value,
                RecorderMappers::guardrailTransitions,
                Events.guardrail(),
                bad);
    }

    private static Case sys(RejectReason r, String field, Object value) {
        SystemEvent bad = field == null ? null : with(Events.system(), field, value);
        return c(SYSTEM_EVENTS, r, field + "=" + value, RecorderMappers::systemEvents, Events.system(), bad);
    }

    static Stream<Case> cases() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                // market_data
                mdEvent(MISSING_FIELD, "null event", null),
                md(MISSING_FIELD, "symbol", null),
                md(MISSING_FIELD, "symbol", "   "),
                md(INVALID_IDENTIFIER, "symbol", "AA\nPL"),
                md(INVALID_IDENTIFIER, "symbol", LONG_ID),
                md(MISSING_FIELD, "exchange", null),
                md(NON_FINITE_VALUE, "bidPx", nan),
                md(NON_FINITE_VALUE, "askSz", inf),
                md(NON_FINITE_VALUE, "lastPx", Double.NEGATIVE_INFINITY),
                md(NEGATIVE_VALUE, "askPx", -1.0),
                md(NEGATIVE_VALUE, "bidSz", -0.001),
                md(NEGATIVE_VALUE, "lastSz", -25.0),
                md(NEGATIVE_VALUE, "bidSzLevels", new double[] {300, -1, 700}),
                md(NON_FINITE_VALUE, "askPxLevels", new double[] {nan, 189.53}),
                md(LEVELS_MISMATCH, "bidPxLevels", new double[] {189.5, 189.49}),
                md(LEVELS_MISMATCH, "askSzLevels", new double[] {400, 600, 800}),
                md(MISSING_FIELD, "askSzLevels", null),
                md(MISSING_FIELD, "bidPxLevels", null),
                md(MISSING_FIELD, "ts", 0L),
                md(TIMESTAMP_OUT_OF_RANGE, "ts", T0 / 1_000_000), // milliseconds
                md(TIMESTAMP_OUT_OF_RANGE, "ts", T0 / 1_000), // microseconds
                md(TIMESTAMP_OUT_OF_RANGE, "ts", -T0),
                md(TIMESTAMP_OUT_OF_RANGE, "ts", Long.MAX_VALUE),
                md(TIMESTAMP_OUT_OF_RANGE, "recvTs", T0 / 1_000_000),
                md(RECEIVED_BEFORE_EVENT, "recvTs", T0 - 1_000_001), // tolerance is 1 ms
                md(RECEIVED_BEFORE_EVENT, "recvTs", T0 - 3_600_000_000_000L),
                // trades
                tr(MISSING_FIELD, null, null),
                tr(MISSING_FIELD, "side", null),
                tr(MISSING_FIELD, "tradeId", null),
                tr(MISSING_FIELD, "symbol", ""),
                tr(NON_FINITE_VALUE, "price", nan),
                tr(NEGATIVE_VALUE, "price", -411.25),
                tr(NEGATIVE_VALUE, "size", -5.0),
                tr(INVALID_IDENTIFIER, "conditions", "@\tF"),
                tr(RECEIVED_BEFORE_EVENT, "recvTs", T0 - 2_000_000),
                // orders (the bad ones derived from a reject)
                ord(MISSING_FIELD, null, null),
                ord(MISSING_FIELD, "rejectReason", ""),
                ord(MISSING_FIELD, "rejectReason", " \t "),
                ord(MISSING_FIELD, "rejectReason", null),
                ord(MISSING_FIELD, "event", null),
                ord(MISSING_FIELD, "side", null),
                ord(MISSING_FIELD, "orderType", null),
                ord(MISSING_FIELD, "timeInForce", null),
                ord(MISSING_FIELD, "clientOrderId", " "),
                ord(MISSING_FIELD, "account", null),
                ord(MISSING_FIELD, "orderId", null),
                ord(NON_FINITE_VALUE, "price", nan),
                ord(NON_FINITE_VALUE, "leavesQty", inf),
                ord(NEGATIVE_VALUE, "quantity", -1.0),
                ord(NEGATIVE_VALUE, "stopPrice", -0.5),
                ord(NEGATIVE_VALUE, "filledQty", -2.0),
                ord(TIMESTAMP_OUT_OF_RANGE, "ts", 1_767_225_600L), // seconds
                // fills
                fl(MISSING_FIELD, null, null),
                fl(MISSING_FIELD, "fillId", ""),
                fl(MISSING_FIELD, "orderId", null),
                fl(MISSING_FIELD, "venue", ""),
                fl(MISSING_FIELD, "liquidity", null),
                fl(MISSING_FIELD, "side", null),
                fl(NON_FINITE_VALUE, "fee", nan),
                fl(NON_FINITE_VALUE, "quantity", nan),
                fl(NEGATIVE_VALUE, "price", -1.0),
                fl(NEGATIVE_VALUE, "quantity", -2.0),
                // positions_intraday
                pos(MISSING_FIELD, null, null),
                pos(MISSING_FIELD, "account", ""),
                pos(MISSING_FIELD, "currency", null),
                pos(NON_FINITE_VALUE, "unrealizedPnl", inf),
                pos(NON_FINITE_VALUE, "quantity", nan),
                pos(NON_FINITE_VALUE, "avgPrice", nan),
                pos(NEGATIVE_VALUE, "markPrice", -1.0),
                // account_state
                acc(MISSING_FIELD, null, null),
                acc(MISSING_FIELD, "currency", ""),
                acc(NON_FINITE_VALUE, "cash", nan),
                acc(NON_FINITE_VALUE, "buyingPower", Double.NEGATIVE_INFINITY),
                acc(NEGATIVE_VALUE, "marginUsed", -1.0),
                // risk_decisions
                risk(MISSING_FIELD, null, null),
                risk(MISSING_FIELD, "inputs", null),
                risk(MISSING_FIELD, "reason", null),
                risk(MISSING_FIELD, "decision", null),
                risk(MISSING_FIELD, "rule", " "),
                risk(MISSING_FIELD, "decisionId", ""),
                risk(MISSING_FIELD, "symbol", null),
                risk(NON_FINITE_VALUE, "observedValue", nan),
                risk(NON_FINITE_VALUE, "limitValue", inf),
                // guardrail_transitions
                gr(MISSING_FIELD, null, null),
                gr(MISSING_FIELD, "reason", ""),
                gr(MISSING_FIELD, "reason", null),
                gr(MISSING_FIELD, "from", null),
                gr(MISSING_FIELD, "to", null),
                gr(MISSING_FIELD, "scope", ""),
                gr(MISSING_FIELD, "triggeredBy", null),
                gr(INVALID_IDENTIFIER, "guardrail", "kill\u0007switch"),
                // system_events
                sys(MISSING_FIELD, null, null),
                sys(MISSING_FIELD, "level", null),
                sys(MISSING_FIELD, "message", null),
                sys(MISSING_FIELD, "details", null),
                sys(MISSING_FIELD, "event", ""),
                sys(MISSING_FIELD, "host", null),
                sys(INVALID_IDENTIFIER, "component", "md\u0000handler"),
                sys(INVALID_IDENTIFIER, "host", "trade\u008501"),
                sys(TIMESTAMP_OUT_OF_RANGE, "ts", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedCountedAndNeverHalfRecorded(Case c) {
        RejectCounters counters = new RejectCounters();
        RecorderMappers m = Rows.mappers(counters, new RejectLog(RejectLog.DEFAULT_INTERVAL_NANOS, () -> 0L));
        EventMapper<?> mapper = m.mapper(c.table());
        assertNull(c.append().apply(m, false));
        long bytes = mapper.byteSize();

        assertEquals(c.reason(), c.append().apply(m, true));
        assertEquals(1, mapper.rows(), "rows after the rejection");
        assertEquals(bytes, mapper.byteSize(), "bytes after the rejection");
        assertEquals(1, counters.count(c.table(), c.reason()));
        assertEquals(1, counters.total(c.table()));
        assertEquals(1, counters.total());

        assertNull(c.append().apply(m, false));
        RecorderMappers clean = Rows.mappers();
        c.append().apply(clean, false);
        c.append().apply(clean, false);
        assertEquals(Rows.contents(clean.mapper(c.table()).build()), Rows.contents(mapper.build()));
    }

    @Test
    void everyTableAndEveryReasonIsCovered() {
        Set<RecorderTable> tables = EnumSet.noneOf(RecorderTable.class);
        Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
        List<Case> all = new ArrayList<>(cases().toList());
        for (Case c : all) {
            tables.add(c.table());
            reasons.add(c.reason());
        }
        reasons.add(RejectReason.UNKNOWN_ENUM_VALUE); // UnknownEnumTest: needs a schema behind the Java enum
        assertEquals(EnumSet.allOf(RecorderTable.class), tables);
        assertEquals(EnumSet.allOf(RejectReason.class), reasons);
    }
}
