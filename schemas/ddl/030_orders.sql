-- Order lifecycle events of our own orders: new, amend, cancel, reject, ack, expire.
CREATE TABLE IF NOT EXISTS orders
(
    symbol LowCardinality(String) COMMENT 'Instrument symbol',
    ts DateTime64(9, 'UTC') COMMENT 'Time of the order event, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the event',
    order_id String COMMENT 'Venue or OMS order identifier',
    client_order_id String COMMENT 'Client order identifier assigned by the trading system',
    account LowCardinality(String) COMMENT 'Trading account that owns the order',
    strategy LowCardinality(String) COMMENT 'Strategy that generated the order',
    event Enum8('new' = 1, 'amend' = 2, 'cancel' = 3, 'reject' = 4, 'ack' = 5, 'expire' = 6) COMMENT 'Lifecycle event type',
    side Enum8('unknown' = 0, 'buy' = 1, 'sell' = 2) COMMENT 'Order side',
    order_type Enum8('limit' = 1, 'market' = 2, 'stop' = 3, 'stop_limit' = 4) COMMENT 'Order type',
    time_in_force Enum8('day' = 1, 'gtc' = 2, 'ioc' = 3, 'fok' = 4) COMMENT 'Time in force instruction',
    price Float64 COMMENT 'Limit price, 0 for market orders',
    stop_price Float64 DEFAULT 0 COMMENT 'Stop trigger price, 0 when not a stop order',
    quantity Float64 COMMENT 'Total order quantity after this event',
    filled_qty Float64 DEFAULT 0 COMMENT 'Cumulative filled quantity at this event',
    leaves_qty Float64 COMMENT 'Remaining open quantity after this event',
    reject_reason String COMMENT 'Reason text for rejects, empty otherwise',
    venue LowCardinality(String) COMMENT 'Destination venue of the order',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (symbol, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Order lifecycle events'
