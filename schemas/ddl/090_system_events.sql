-- Operational events and log records emitted by trading system components.
CREATE TABLE IF NOT EXISTS system_events
(
    component LowCardinality(String) COMMENT 'Component that emitted the event',
    ts DateTime64(9, 'UTC') COMMENT 'Time the event was emitted, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the event',
    host LowCardinality(String) COMMENT 'Host the component runs on',
    level Enum8('debug' = 1, 'info' = 2, 'warn' = 3, 'error' = 4, 'fatal' = 5) COMMENT 'Severity level',
    event LowCardinality(String) COMMENT 'Event type code',
    message String COMMENT 'Human readable message',
    details String COMMENT 'JSON document with structured event details',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (component, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Operational system events'
