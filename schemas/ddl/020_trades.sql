-- Public trade prints reported by exchanges, one row per print.
CREATE TABLE IF NOT EXISTS trades
(
    symbol LowCardinality(String) COMMENT 'Instrument symbol',
    ts DateTime64(9, 'UTC') COMMENT 'Exchange timestamp of the print, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the print',
    trade_id String COMMENT 'Exchange assigned trade identifier',
    exchange LowCardinality(String) COMMENT 'Exchange or venue code where the print occurred',
    price Float64 COMMENT 'Execution price of the print',
    size Float64 COMMENT 'Executed quantity of the print',
    side Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2) COMMENT 'Aggressor side of the print when known',
    conditions LowCardinality(String) COMMENT 'Exchange sale condition codes attached to the print',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the print, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (symbol, ts, seq)
TTL toDateTime(ts) + INTERVAL 90 DAY
COMMENT 'Public trade prints'
