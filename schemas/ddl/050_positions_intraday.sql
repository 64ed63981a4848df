-- Intraday position snapshots per account and instrument, with average price and PnL.
CREATE TABLE IF NOT EXISTS positions_intraday
(
    account LowCardinality(String) COMMENT 'Trading account holding the position',
    symbol LowCardinality(String) COMMENT 'Instrument symbol',
    ts DateTime64(9, 'UTC') COMMENT 'Time of the position snapshot, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the snapshot',
    quantity Float64 COMMENT 'Signed position quantity, negative when short',
    avg_price Float64 COMMENT 'Average entry price of the open position',
    mark_price Float64 COMMENT 'Mark price used for unrealized PnL',
    realized_pnl Float64 COMMENT 'Realized PnL since start of day',
    unrealized_pnl Float64 COMMENT 'Unrealized PnL at the mark price',
    currency LowCardinality(String) COMMENT 'Currency of the PnL figures',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (account, symbol, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Intraday positions per account and instrument'
