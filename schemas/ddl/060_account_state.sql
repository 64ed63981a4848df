-- Account balance and margin snapshots per account and currency.
CREATE TABLE IF NOT EXISTS account_state
(
    account LowCardinality(String) COMMENT 'Trading account',
    ts DateTime64(9, 'UTC') COMMENT 'Time of the account snapshot, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the snapshot',
    currency LowCardinality(String) COMMENT 'Currency of the monetary figures',
    cash Float64 COMMENT 'Cash balance',
    equity Float64 COMMENT 'Account equity including open PnL',
    margin_used Float64 COMMENT 'Margin currently consumed by open positions and orders',
    margin_available Float64 COMMENT 'Margin still available',
    buying_power Float64 COMMENT 'Buying power available for new orders',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (account, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Account balance and margin snapshots'
