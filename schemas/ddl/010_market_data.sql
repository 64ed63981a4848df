-- Top of book and level 2 depth snapshots per instrument, as published by the exchange feed.
CREATE TABLE IF NOT EXISTS market_data
(
    symbol LowCardinality(String) COMMENT 'Instrument symbol',
    ts DateTime64(9, 'UTC') COMMENT 'Exchange timestamp of the quote update, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the update',
    exchange LowCardinality(String) COMMENT 'Exchange or venue code publishing the quote',
    bid_px Float64 COMMENT 'Best bid price',
    bid_sz Float64 COMMENT 'Quantity available at the best bid',
    ask_px Float64 COMMENT 'Best ask price',
    ask_sz Float64 COMMENT 'Quantity available at the best ask',
    last_px Float64 DEFAULT 0 COMMENT 'Last traded price if carried by the feed, 0 when absent',
    last_sz Float64 DEFAULT 0 COMMENT 'Last traded size if carried by the feed, 0 when absent',
    bid_px_levels Array(Float64) COMMENT 'Bid prices by depth level, best first',
    bid_sz_levels Array(Float64) COMMENT 'Bid quantities by depth level, aligned with bid_px_levels',
    ask_px_levels Array(Float64) COMMENT 'Ask prices by depth level, best first',
    ask_sz_levels Array(Float64) COMMENT 'Ask quantities by depth level, aligned with ask_px_levels',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the quote, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (symbol, ts, seq)
TTL toDateTime(ts) + INTERVAL 90 DAY
COMMENT 'Market data quotes, top of book and level 2 depth'
