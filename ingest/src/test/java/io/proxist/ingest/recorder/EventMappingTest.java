package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.Rows.RECV;
import static io.proxist.ingest.recorder.Rows.T0;
import static io.proxist.ingest.recorder.Rows.assertRow;
import static io.proxist.ingest.recorder.Rows.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.proxist.core.block.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every mapping, column by column, against the built-in schema: each test names every column of its table, so a
 * column added to or renamed in schemas/ddl breaks it (and the mapper refuses the schema before that).
 */
class EventMappingTest {
    private final RecorderMappers m = Rows.mappers();

    private static Map<String, Object> common(long seq) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ts", T0);
        row.put("seq", seq);
        row.put("recv_ts", RECV);
        row.put("version", RECV);
        row.put("source", "oms-gw");
        row.put("environment", "sim");
        return row;
    }

    private static <E> Block one(EventMapper<E> mapper, E event) {
        assertNull(mapper.append(event));
        assertEquals(1, mapper.rows());
        Block b = mapper.build();
        assertEquals(1, b.rows());
        assertEquals(0, mapper.rows());
        return b;
    }

    @Test
    void marketData() {
        Map<String, Object> row = common(101);
        row.put("symbol", "AAPL");
        row.put("exchange", "XNAS");
        row.put("bid_px", 189.5);
        row.put("bid_sz", 300.0);
        row.put("ask_px", 189.52);
        row.put("ask_sz", 400.0);
        row.put("last_px", 189.51);
        row.put("last_sz", 25.0);
        row.put("bid_px_levels", new double[] {189.5, 189.49, 189.48});
        row.put("bid_sz_levels", new double[] {300, 500, 700});
        row.put("ask_px_levels", new double[] {189.52, 189.53});
        row.put("ask_sz_levels", new double[] {400, 600});
        assertRow(one(m.marketData(), Events.snapshot()), schema(RecorderTable.MARKET_DATA), 0, row);
    }

    @Test
    void marketDataTopOfBookHasEmptyLevelsAndNoLastTrade() {
        Block b = one(m.marketData(), MarketSnapshot.topOfBook("AAPL", T0, 1, "XNAS", 1, 2, 3, 4, RECV));
        Map<String, Object> row = common(1);
        row.put("symbol", "AAPL");
        row.put("exchange", "XNAS");
        row.put("bid_px", 1.0);
        row.put("bid_sz", 2.0);
        row.put("ask_px", 3.0);
        row.put("ask_sz", 4.0);
        row.put("last_px", 0.0);
        row.put("last_sz", 0.0);
        row.put("bid_px_levels", new double[0]);
        row.put("bid_sz_levels", new double[0]);
        row.put("ask_px_levels", new double[0]);
        row.put("ask_sz_levels", new double[0]);
        assertRow(b, schema(RecorderTable.MARKET_DATA), 0, row);
    }

    @Test
    void trades() {
        Map<String, Object> row = common(102);
        row.put("symbol", "MSFT");
        row.put("trade_id", "T-9001");
        row.put("exchange", "XNYS");
        row.put("price", 411.25);
        row.put("size", 150.0);
        row.put("side", 2); // 'sell' = 2
        row.put("conditions", "@ F");
        assertRow(one(m.trades(), Events.trade()), schema(RecorderTable.TRADES), 0, row);
    }

    @Test
    void orders() {
        Map<String, Object> row = common(103);
        row.put("symbol", "ESZ5");
        row.put("order_id", "V-77");
        row.put("client_order_id", "C-1");
        row.put("account", "ACC1");
        row.put("strategy", "mm-es");
        row.put("event", 2); // 'amend' = 2
        row.put("side", 1); // 'buy' = 1
        row.put("order_type", 4); // 'stop_limit' = 4
        row.put("time_in_force", 3); // 'ioc' = 3
        row.put("price", 5012.25);
        row.put("stop_price", 5010.5);
        row.put("quantity", 12.0);
        row.put("filled_qty", 2.0);
        row.put("leaves_qty", 10.0);
        row.put("reject_reason", "");
        row.put("venue", "CME");
        assertRow(one(m.orders(), Events.order()), schema(RecorderTable.ORDERS), 0, row);
    }

    @Test
    void orderRejectCarriesItsReason() {
        Map<String, Object> row = common(104);
        row.put("symbol", "ESZ5");
        row.put("order_id", "");
        row.put("client_order_id", "C-2");
        row.put("account", "ACC1");
        row.put("strategy", "mm-es");
        row.put("event", 4); // 'reject' = 4
        row.put("side", 2);
        row.put("order_type", 2); // 'market' = 2
        row.put("time_in_force", 4); // 'fok' = 4
        row.put("price", 0.0);
        row.put("stop_price", 0.0);
        row.put("quantity", 5.0);
        row.put("filled_qty", 0.0);
        row.put("leaves_qty", 0.0);
        row.put("reject_reason", "price band exceeded");
        row.put("venue", "CME");
        assertRow(one(m.orders(), Events.reject()), schema(RecorderTable.ORDERS), 0, row);
    }

    @Test
    void fills() {
        Map<String, Object> row = common(105);
        row.put("symbol", "ESZ5");
        row.put("fill_id", "F-1");
        row.put("order_id", "V-77");
        row.put("account", "ACC1");
        row.put("strategy", "mm-es");
        row.put("side", 1);
        row.put("price", 5012.0);
        row.put("quantity", 2.0);
        row.put("fee", -0.35); // a rebate: negative fees are allowed
        row.put("fee_currency", "USD");
        row.put("liquidity", 1); // 'maker' = 1
        row.put("venue", "CME");
        assertRow(one(m.fills(), Events.fill()), schema(RecorderTable.FILLS), 0, row);
    }

    @Test
    void positions() {
        Map<String, Object> row = common(106);
        row.put("account", "ACC1");
        row.put("symbol", "ESZ5");
        row.put("quantity", -3.0); // short
        row.put("avg_price", 5011.75);
        row.put("mark_price", 5012.5);
        row.put("realized_pnl", 120.5);
        row.put("unrealized_pnl", -112.5);
        row.put("currency", "USD");
        assertRow(one(m.positions(), Events.position()), schema(RecorderTable.POSITIONS_INTRADAY), 0, row);
    }

    @Test
    void accountState() {
        Map<String, Object> row = common(107);
        row.put("account", "ACC1");
        row.put("currency", "USD");
        row.put("cash", 1_000_000.0);
        row.put("equity", 1_000_250.5);
        row.put("margin_used", 35_000.0);
        row.put("margin_available", 965_250.5);
        row.put("buying_power", 3_861_002.0);
        assertRow(one(m.accountState(), Events.account()), schema(RecorderTable.ACCOUNT_STATE), 0, row);
    }

    @Test
    void riskDecisions() {
        Map<String, Object> row = common(108);
        row.put("account", "ACC1");
        row.put("decision_id", "D-42");
        row.put("symbol", "ESZ5");
        row.put("order_id", "C-3");
        row.put("rule", "max_order_qty");
        row.put("decision", 2); // 'reject' = 2
        row.put("reason", "order quantity 500 above limit 100");
        row.put("inputs", "{\"qty\":500,\"limit\":100}");
        row.put("limit_value", 100.0);
        row.put("observed_value", 500.0);
        assertRow(one(m.riskDecisions(), Events.risk()), schema(RecorderTable.RISK_DECISIONS), 0, row);
    }

    @Test
    void guardrailTransitions() {
        Map<String, Object> row = common(109);
        row.put("guardrail", "kill-switch");
        row.put("scope", "account:ACC1");
        row.put("from_state", 2); // 'warning' = 2
        row.put("to_state", 4); // 'halted' = 4
        row.put("reason", "loss limit breached: -50k");
        row.put("triggered_by", "pnl-monitor");
        assertRow(
                one(m.guardrailTransitions(), Events.guardrail()), schema(RecorderTable.GUARDRAIL_TRANSITIONS), 0, row);
    }

    @Test
    void systemEvents() {
        Map<String, Object> row = common(110);
        row.put("component", "md-handler");
        row.put("host", "trade-01");
        row.put("level", 4); // 'error' = 4
        row.put("event", "gap_detected");
        row.put("message", "sequence gap 1000..1004 on XNAS");
        row.put("details", "{\"from\":1000,\"to\":1004}");
        assertRow(one(m.systemEvents(), Events.system()), schema(RecorderTable.SYSTEM_EVENTS), 0, row);
    }

    @Test
    void everyEnumConstantHasTheCodeOfItsNameInTheSchema() {
        // All constants of every Java enum are defined by the deployed DDL: none would be rejected as unknown.
        for (Side s : Side.values()) assertNull(m.trades().append(withSide(s)), s.name());
        for (OrderEventType t : OrderEventType.values()) {
            assertNull(m.orders().append(withEvent(t)), t.name());
        }
        for (GuardrailState from : GuardrailState.values()) {
            GuardrailTransition g = Events.guardrail();
            assertNull(m.guardrailTransitions()
                    .append(new GuardrailTransition(
                            g.guardrail(), T0, 1, g.scope(), from, from, g.reason(), g.triggeredBy(), RECV)));
        }
        for (Severity s : Severity.values()) {
            SystemEvent e = Events.system();
            assertNull(m.systemEvents()
                    .append(new SystemEvent(
                            e.component(), T0, 1, e.host(), s, e.event(), e.message(), e.details(), RECV)));
        }
        Block trades = m.trades().build();
        for (int i = 0; i < Side.values().length; i++) {
            assertEquals((long) i, Rows.value(trades, "side", i)); // unknown=0, buy=1, sell=2
        }
        Block orders = m.orders().build();
        for (int i = 0; i < OrderEventType.values().length; i++) {
            assertEquals((long) i + 1, Rows.value(orders, "event", i)); // new=1 .. expire=6
        }
    }

    static PublicTrade withSide(Side s) {
        PublicTrade t = Events.trade();
        return new PublicTrade(
                t.symbol(), t.ts(), t.seq(), t.tradeId(), t.exchange(), t.price(), t.size(), s, t.conditions(), RECV);
    }

    static OrderEvent withEvent(OrderEventType type) {
        OrderEvent o = Events.reject();
        return new OrderEvent(
                o.symbol(),
                o.ts(),
                o.seq(),
                o.orderId(),
                o.clientOrderId(),
                o.account(),
                o.strategy(),
                type,
                o.side(),
                o.orderType(),
                o.timeInForce(),
                o.price(),
                o.stopPrice(),
                o.quantity(),
                o.filledQty(),
                o.leavesQty(),
                o.rejectReason(),
                o.venue(),
                o.recvTs());
    }
}
