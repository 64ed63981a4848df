package io.proxist.ingest.recorder;

import static io.proxist.ingest.recorder.Rows.RECV;
import static io.proxist.ingest.recorder.Rows.T0;

/** Valid events of every family, with values distinct enough that a value in the wrong column shows. */
final class Events {
    private Events() {}

    static MarketSnapshot snapshot() {
        return new MarketSnapshot(
                "AAPL",
                T0,
                101,
                "XNAS",
                189.5,
                300,
                189.52,
                400,
                189.51,
                25,
                new double[] {189.5, 189.49, 189.48},
                new double[] {300, 500, 700},
                new double[] {189.52, 189.53},
                new double[] {400, 600},
                RECV);
    }

    static PublicTrade trade() {
        return new PublicTrade("MSFT", T0, 102, "T-9001", "XNYS", 411.25, 150, Side.SELL, "@ F", RECV);
    }

    static OrderEvent order() {
        return new OrderEvent(
                "ESZ5",
                T0,
                103,
                "V-77",
                "C-1",
                "ACC1",
                "mm-es",
                OrderEventType.AMEND,
                Side.BUY,
                OrderType.STOP_LIMIT,
                TimeInForce.IOC,
                5012.25,
                5010.5,
                12,
                2,
                10,
                "",
                "CME",
                RECV);
    }

    static OrderEvent reject() {
        return new OrderEvent(
                "ESZ5",
                T0,
                104,
                "",
                "C-2",
                "ACC1",
                "mm-es",
                OrderEventType.REJECT,
                Side.SELL,
                OrderType.MARKET,
                TimeInForce.FOK,
                0,
                0,
                5,
                0,
                0,
                "price band exceeded",
                "CME",
                RECV);
    }

    static Fill fill() {
        return new Fill(
                "ESZ5",
                T0,
                105,
                "F-1",
                "V-77",
                "ACC1",
                "mm-es",
                Side.BUY,
                5012.0,
                2,
                -0.35,
                "USD",
                Liquidity.MAKER,
                "CME",
                RECV);
    }

    static PositionSnapshot position() {
        return new PositionSnapshot("ACC1", "ESZ5", T0, 106, -3, 5011.75, 5012.5, 120.5, -112.5, "USD", RECV);
    }

    static AccountSnapshot account() {
        return new AccountSnapshot("ACC1", T0, 107, "USD", 1_000_000, 1_000_250.5, 35_000, 965_250.5, 3_861_002, RECV);
    }

    static RiskDecision risk() {
        return new RiskDecision(
                "ACC1",
                T0,
                108,
                "D-42",
                "ESZ5",
                "C-3",
                "max_order_qty",
                RiskOutcome.REJECT,
                "order quantity 500 above limit 100",
                "{\"qty\":500,\"limit\":100}",
                100,
                500,
                RECV);
    }

    static GuardrailTransition guardrail() {
        return new GuardrailTransition(
                "kill-switch",
                T0,
                109,
                "account:ACC1",
                GuardrailState.WARNING,
                GuardrailState.HALTED,
                "loss limit breached: -50k",
                "pnl-monitor",
                RECV);
    }

    static SystemEvent system() {
        return new SystemEvent(
                "md-handler",
                T0,
                110,
                "trade-01",
                Severity.ERROR,
                "gap_detected",
                "sequence gap 1000..1004 on XNAS",
                "{\"from\":1000,\"to\":1004}",
                RECV);
    }
}
