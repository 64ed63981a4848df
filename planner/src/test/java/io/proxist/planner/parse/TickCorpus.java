package io.proxist.planner.parse;

import java.util.List;

/** Tick-data queries in the ClickHouse dialect, the kind Proxist's clients send. */
final class TickCorpus {
    static final List<String> QUERIES = List.of(
            // last price per symbol
            "SELECT symbol, argMax(price, ts) AS last_price, max(ts) AS last_ts FROM trades GROUP BY symbol",
            "SELECT symbol, price, ts FROM trades ORDER BY ts DESC LIMIT 1 BY symbol",
            "SELECT symbol, side, price FROM trades WHERE ts >= now64() - INTERVAL 1 MINUTE"
                    + " ORDER BY symbol, ts DESC LIMIT 1 BY symbol, side LIMIT 100",
            "SELECT * FROM trades FINAL WHERE symbol = 'AAPL' ORDER BY ts DESC LIMIT 10",
            "SELECT t.symbol, t.price FROM trades AS t FINAL WHERE t.symbol IN ('AAPL', 'MSFT')",
            // asof joins
            "SELECT t.symbol, t.ts, t.price, q.bid, q.ask FROM trades AS t"
                    + " ASOF JOIN quotes AS q ON t.symbol = q.symbol AND t.ts >= q.ts",
            "SELECT t.symbol, t.price, q.bid FROM trades t ASOF LEFT JOIN quotes q USING (symbol, ts)",
            "SELECT t.symbol, q.bid FROM trades t LEFT ASOF JOIN quotes q ON t.symbol = q.symbol AND q.ts <= t.ts",
            // tumbling windows
            "SELECT symbol, toStartOfInterval(ts, INTERVAL 1 MINUTE) AS bucket, argMin(price, ts) AS open,"
                    + " max(price) AS high, min(price) AS low, argMax(price, ts) AS close, sum(qty) AS volume"
                    + " FROM trades WHERE symbol = 'AAPL' AND ts >= toDateTime64('2024-01-01 00:00:00', 9)"
                    + " GROUP BY symbol, bucket ORDER BY bucket",
            "SELECT toStartOfInterval(ts, INTERVAL 5 SECOND) AS b, count() FROM trades GROUP BY b ORDER BY b",
            "SELECT toStartOfInterval(ts, toIntervalMinute(5)) AS b, count(*) AS n FROM trades GROUP BY b",
            // rolling windows
            "SELECT symbol, ts, avg(price) OVER (PARTITION BY symbol ORDER BY ts"
                    + " ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS ma10 FROM trades",
            "SELECT symbol, ts, sum(qty) OVER (PARTITION BY symbol ORDER BY ts"
                    + " RANGE BETWEEN 60000000000 PRECEDING AND CURRENT ROW) AS vol_1m FROM trades",
            "SELECT symbol, first_value(price) OVER w AS o, last_value(price) OVER w AS c FROM trades"
                    + " WINDOW w AS (PARTITION BY symbol ORDER BY ts)",
            // VWAP
            "SELECT symbol, sum(price * qty) / sum(qty) AS vwap FROM trades"
                    + " WHERE ts BETWEEN '2024-01-01 09:30:00' AND '2024-01-01 16:00:00' GROUP BY symbol",
            // parametric aggregates
            "SELECT symbol, quantile(0.5)(price) AS median, quantiles(0.5, 0.9, 0.99)(price) AS qs"
                    + " FROM trades GROUP BY symbol",
            // functions
            "SELECT if(side = 'B', qty, -qty) AS signed_qty, multiIf(price > 100, 'high', price > 10, 'mid', 'low')"
                    + " AS band, intDiv(qty, 100) AS lots, uniq(symbol), any(price), anyLast(price) FROM trades",
            "SELECT toDate(ts) AS date, count() AS value, min(ts) AS timestamp FROM trades GROUP BY date",
            "SELECT `symbol`, \"price\" FROM `trades` WHERE `side` = 'S'",
            "SELECT 'it\\'s', 'a\\nb', 'tab\\there', 'back\\\\slash', 'O''Brien' FROM trades",
            "SELECT now64(), now64(9), toDateTime64('2024-01-01 00:00:00', 9), count(DISTINCT symbol) FROM trades",
            "SELECT symbol FROM trades WHERE price > 10 AND (qty < 5 OR side != 'B') AND symbol NOT IN ('X')",
            "SELECT symbol, sum(qty) AS q FROM trades GROUP BY symbol HAVING q > 1000 ORDER BY q DESC LIMIT 5, 10",
            "SELECT symbol FROM trades LIMIT 10 OFFSET 20",
            "SELECT ts + INTERVAL 3 NANOSECOND, ts - INTERVAL 2 HOUR, ts + INTERVAL 1 DAY, ts - INTERVAL 1 WEEK,"
                    + " ts + INTERVAL 1 MONTH, ts + INTERVAL 1 QUARTER, ts + INTERVAL 1 YEAR,"
                    + " ts + INTERVAL 7 MICROSECOND, ts + INTERVAL 8 MILLISECOND FROM trades",
            // trailing clauses
            "SELECT symbol, price FROM trades WHERE symbol = 'AAPL' FORMAT JSONEachRow",
            "SELECT count() FROM trades SETTINGS max_threads = 4, max_execution_time = 10 FORMAT TabSeparated",
            "SELECT count() FROM trades FORMAT Null SETTINGS use_index = 1",
            "SELECT 1 SETTINGS timezone = 'UTC', allow_experimental = true;",
            // set operations, subqueries, CTEs
            "SELECT symbol FROM trades UNION ALL SELECT symbol FROM quotes",
            "WITH last AS (SELECT symbol, argMax(price, ts) AS p FROM trades GROUP BY symbol)"
                    + " SELECT * FROM last WHERE p > 100",
            "SELECT symbol, p FROM (SELECT symbol, price AS p FROM trades FINAL ORDER BY ts DESC LIMIT 1 BY symbol)"
                    + " AS x WHERE p > 0",
            "SELECT a.symbol, b.n FROM trades AS a INNER JOIN (SELECT symbol, count() AS n FROM quotes"
                    + " GROUP BY symbol) AS b ON a.symbol = b.symbol",
            "SELECT symbol FROM db.trades WHERE symbol IN (SELECT symbol FROM db.universe)",
            "WITH toDateTime64('2024-01-01 09:30:00', 9) AS open_ts, (SELECT max(ts) FROM trades) AS last_ts"
                    + " SELECT symbol, count() FROM trades WHERE ts BETWEEN open_ts AND last_ts GROUP BY symbol",
            "SELECT number FROM numbers(10) AS n WHERE number % 2 = 0",
            "SELECT CAST(price AS Float64), toFloat64(qty) FROM trades");

    private TickCorpus() {}
}
