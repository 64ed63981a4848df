-- Executions of our own orders, one row per fill, with fees and liquidity flag.
CREATE TABLE IF NOT EXISTS fills
(
    symbol LowCardinality(String) COMMENT 'Instrument symbol',
    ts DateTime64(9, 'UTC') COMMENT 'Execution time of the fill, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the fill',
    fill_id String COMMENT 'Venue assigned execution identifier',
    order_id String COMMENT 'Order identifier the fill belongs to',
    account LowCardinality(String) COMMENT 'Trading account credited with the fill',
    strategy LowCardinality(String) COMMENT 'Strategy that owns the order',
    side Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2) COMMENT 'Side of the fill',
    price Float64 COMMENT 'Execution price',
    quantity Float64 COMMENT 'Executed quantity',
    fee Float64 COMMENT 'Fee charged for the fill, negative for rebates',
    fee_currency LowCardinality(String) COMMENT 'Currency of the fee',
    liquidity Enum8('unknown' = 0, 'maker' = 1, 'taker' = 2) COMMENT 'Whether the fill added or removed liquidity',
    venue LowCardinality(String) COMMENT 'Venue where the fill executed',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (symbol, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Fills of own orders'
