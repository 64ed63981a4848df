package io.proxist.ingest.demo;

import io.proxist.ingest.recorder.Fill;
import io.proxist.ingest.recorder.FillMapper;
import io.proxist.ingest.recorder.Liquidity;
import io.proxist.ingest.recorder.OrderEvent;
import io.proxist.ingest.recorder.OrderEventType;
import io.proxist.ingest.recorder.OrderMapper;
import io.proxist.ingest.recorder.OrderType;
import io.proxist.ingest.recorder.PositionMapper;
import io.proxist.ingest.recorder.Side;
import io.proxist.ingest.recorder.TimeInForce;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Our own trading: new orders at a fixed rate, each {@code NEW} then {@code ACK} (or, rarely, {@code REJECT}); market
 * and IOC orders fill at once as taker (the IOC remainder cancelled); resting limit orders later fill as maker
 * (partially or fully, likelier at the touch), are amended to the touch, cancelled, or expire after a minute. Fills
 * carry the order id of an acknowledged order and follow its events in time; every fill moves the {@link
 * PositionBook}.
 *
 * <p>Within a tick, the actions (one per open order at a random time, one per new order) run in time order, so each
 * order's events are in time order and per symbol every timestamp of orders and fills increases.
 */
final class OrderSim {
    private static final String[] ACCOUNTS = {"DEMO-01", "DEMO-02"};
    private static final String[] STRATEGIES = {"mm", "momentum", "pairs"};
    private static final String[] REJECT_REASONS = {
        "price band exceeded", "max order quantity exceeded", "insufficient buying power", "instrument halted"
    };
    private static final double REJECT_PROBABILITY = 0.02;
    private static final double FILL_PER_SECOND = 1.0; // for an order at the touch; 1 / (1 + ticks away) further out
    private static final double CANCEL_PER_SECOND = 0.1;
    private static final double AMEND_PER_SECOND = 0.1;
    private static final long MAX_AGE_NANOS = 60_000_000_000L;
    private static final long MARK_INTERVAL_NANOS = 1_000_000_000L;
    private static final Comparator<Step> BY_TIME = Comparator.comparingLong(Step::at);

    /** One of our open orders. */
    private static final class Order {
        int symbol;
        int account;
        String orderId;
        String clientOrderId;
        String strategy;
        Side side;
        OrderType type;
        TimeInForce timeInForce;
        long priceTicks;
        double quantity;
        double filled;
        long createdTs;
        long lastTs;
    }

    /** An action due at {@code at}: on an open order, or (order null) a new order. */
    private record Step(long at, Order order) {}

    private final MarketSim market;
    private final SplittableRandom random;
    private final OrderMapper orders;
    private final FillMapper fills;
    private final PositionBook positions; // null: positions off
    private final Stamper orderTimes;
    private final Stamper fillTimes;
    private final RateBudget budget;
    private final List<Order> open = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private String runId;
    private long nextOrder = 1;
    private long nextFill = 1;
    private long nextMark;

    OrderSim(
            MarketSim market,
            DemoOptions options,
            SplittableRandom random,
            OrderMapper orders,
            FillMapper fills,
            PositionMapper positions) {
        this.market = market;
        this.random = random;
        this.orders = orders;
        this.fills = fills;
        this.orderTimes = new Stamper(market.size(), 0, 1, random);
        this.fillTimes = new Stamper(market.size(), 0, 1, random);
        this.positions = options.positions()
                ? new PositionBook(market, ACCOUNTS, positions, new Stamper(market.size(), 0, 1, random))
                : null;
        this.budget = new RateBudget(options.ordersPerSecond());
    }

    /** The order activity of {@code (from, from + span]}. */
    void tick(long from, long span) {
        // ids unique per run: the run's start second, base 36
        if (runId == null) runId = Long.toString(from / 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
        steps.clear();
        for (Order o : open) steps.add(new Step(Math.max(o.lastTs + 1, from + (long) (random.nextDouble() * span)), o));
        int n = budget.take(span);
        for (int j = 0; j < n; j++) steps.add(new Step(from + span * (j + 1) / n, null));
        steps.sort(BY_TIME);
        for (Step s : steps) {
            if (s.order() == null) {
                submit(s.at());
            } else {
                work(s.order(), s.at(), span);
            }
        }
        long now = from + span;
        if (positions != null && now >= nextMark) {
            positions.markAll(now);
            nextMark = now + MARK_INTERVAL_NANOS;
        }
    }

    private void submit(long at) {
        Order o = new Order();
        o.symbol = market.pick();
        Instrument inst = market.instrument(o.symbol);
        o.account = random.nextInt(ACCOUNTS.length);
        o.strategy = STRATEGIES[random.nextInt(STRATEGIES.length)];
        long n = nextOrder++;
        o.orderId = "O-" + runId + "-" + n;
        o.clientOrderId = "C-" + runId + "-" + n;
        o.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        boolean buy = o.side == Side.BUY;
        double r = random.nextDouble();
        if (r < 0.15) {
            o.type = OrderType.MARKET;
            o.timeInForce = TimeInForce.DAY;
        } else if (r < 0.25) {
            o.type = OrderType.LIMIT;
            o.timeInForce = TimeInForce.IOC;
            o.priceTicks = buy ? market.askTicks(o.symbol) : market.bidTicks(o.symbol); // marketable
        } else {
            o.type = OrderType.LIMIT;
            o.timeInForce = random.nextDouble() < 0.15 ? TimeInForce.GTC : TimeInForce.DAY;
            int away = random.nextInt(3);
            o.priceTicks = buy ? market.bidTicks(o.symbol) - away : market.askTicks(o.symbol) + away; // passive
        }
        o.quantity = inst.lot() * (1 + random.nextInt(10));
        event(o, OrderEventType.NEW, at, "");
        o.createdTs = o.lastTs;
        long ackAt = o.lastTs + 50_000 + random.nextLong(250_000);
        if (random.nextDouble() < REJECT_PROBABILITY) {
            event(o, OrderEventType.REJECT, ackAt, REJECT_REASONS[random.nextInt(REJECT_REASONS.length)]);
            return;
        }
        event(o, OrderEventType.ACK, ackAt, "");
        if (o.type == OrderType.MARKET) {
            long touch = buy ? market.askTicks(o.symbol) : market.bidTicks(o.symbol);
            double first = o.quantity > inst.lot() && random.nextBoolean() ? lots(inst, o.quantity / 2) : o.quantity;
            fill(o, o.lastTs + 5_000, first, touch, Liquidity.TAKER);
            if (first < o.quantity) {
                fill(o, o.lastTs + 5_000, o.quantity - first, buy ? touch + 1 : touch - 1, Liquidity.TAKER);
            }
        } else if (o.timeInForce == TimeInForce.IOC) {
            double q = random.nextDouble() < 0.7 ? o.quantity : lots(inst, o.quantity * random.nextDouble());
            if (q > 0) fill(o, o.lastTs + 5_000, q, o.priceTicks, Liquidity.TAKER);
            if (o.filled < o.quantity) event(o, OrderEventType.CANCEL, o.lastTs + 1_000, "");
        } else {
            open.add(o);
        }
    }

    private void work(Order o, long at, long span) {
        if (at - o.createdTs > MAX_AGE_NANOS) {
            event(o, o.timeInForce == TimeInForce.GTC ? OrderEventType.CANCEL : OrderEventType.EXPIRE, at, "");
            open.remove(o);
            return;
        }
        Instrument inst = market.instrument(o.symbol);
        boolean buy = o.side == Side.BUY;
        long away =
                Math.max(0, buy ? market.bidTicks(o.symbol) - o.priceTicks : o.priceTicks - market.askTicks(o.symbol));
        double seconds = span / 1e9;
        double pFill = FILL_PER_SECOND * seconds / (1 + away);
        double pCancel = pFill + CANCEL_PER_SECOND * seconds;
        double pAmend = pCancel + AMEND_PER_SECOND * seconds;
        double r = random.nextDouble();
        if (r < pFill) {
            double leaves = o.quantity - o.filled;
            double q = leaves <= inst.lot() || random.nextBoolean() ? leaves : lots(inst, leaves * random.nextDouble());
            fill(o, at, q == 0 ? inst.lot() : q, o.priceTicks, Liquidity.MAKER);
            if (o.filled >= o.quantity) open.remove(o);
        } else if (r < pCancel) {
            event(o, OrderEventType.CANCEL, at, "");
            open.remove(o);
        } else if (r < pAmend) {
            long touch = buy ? market.bidTicks(o.symbol) : market.askTicks(o.symbol);
            if (touch != o.priceTicks) {
                o.priceTicks = touch;
            } else {
                o.quantity += inst.lot();
            }
            event(o, OrderEventType.AMEND, at, "");
        }
    }

    /** Whole lots of {@code inst} in {@code quantity}, rounded down. */
    private static double lots(Instrument inst, double quantity) {
        return Math.floor(quantity / inst.lot()) * inst.lot();
    }

    private void event(Order o, OrderEventType type, long at, String reason) {
        Instrument inst = market.instrument(o.symbol);
        orderTimes.stampOnTime(o.symbol, Math.max(at, o.lastTs + 1));
        o.lastTs = orderTimes.ts;
        boolean done = type == OrderEventType.CANCEL || type == OrderEventType.REJECT || type == OrderEventType.EXPIRE;
        orders.append(new OrderEvent(
                inst.symbol(),
                orderTimes.ts,
                orderTimes.seq,
                o.orderId,
                o.clientOrderId,
                ACCOUNTS[o.account],
                o.strategy,
                type,
                o.side,
                o.type,
                o.timeInForce,
                o.type == OrderType.MARKET ? 0 : inst.price(o.priceTicks),
                0,
                o.quantity,
                o.filled,
                done ? 0 : o.quantity - o.filled,
                reason,
                inst.exchange(),
                orderTimes.recvTs));
    }

    private void fill(Order o, long at, double quantity, long priceTicks, Liquidity liquidity) {
        Instrument inst = market.instrument(o.symbol);
        fillTimes.stampOnTime(o.symbol, Math.max(at, o.lastTs + 1));
        o.lastTs = fillTimes.ts;
        o.filled += quantity;
        double price = inst.price(priceTicks);
        boolean taker = liquidity == Liquidity.TAKER;
        double perUnit = inst.future() ? (taker ? 1.25 : 0.85) : (taker ? 0.003 : -0.002); // a rebate for making
        fills.append(new Fill(
                inst.symbol(),
                fillTimes.ts,
                fillTimes.seq,
                "F-" + runId + "-" + nextFill++,
                o.orderId,
                ACCOUNTS[o.account],
                o.strategy,
                o.side,
                price,
                quantity,
                Math.round(quantity * perUnit * 100) / 100.0,
                "USD",
                liquidity,
                inst.exchange(),
                fillTimes.recvTs));
        if (positions != null)
            positions.fill(o.account, o.symbol, o.side == Side.BUY ? quantity : -quantity, price, o.lastTs);
    }

    /** Our orders still open. */
    int openOrders() {
        return open.size();
    }
}
