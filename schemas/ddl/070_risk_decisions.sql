-- Pre-trade and intraday risk check decisions, with the rule, limit and observed value that decided.
CREATE TABLE IF NOT EXISTS risk_decisions
(
    account LowCardinality(String) COMMENT 'Trading account the decision applies to',
    ts DateTime64(9, 'UTC') COMMENT 'Time the decision was taken, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the decision',
    decision_id String COMMENT 'Unique identifier of the decision',
    symbol LowCardinality(String) COMMENT 'Instrument symbol, empty for account wide checks',
    order_id String COMMENT 'Order identifier checked, empty when not order related',
    rule LowCardinality(String) COMMENT 'Risk rule that produced the decision',
    decision Enum8('allow' = 1, 'reject' = 2, 'throttle' = 3, 'reduce' = 4) COMMENT 'Outcome of the risk check',
    reason String COMMENT 'Human readable reason for the decision',
    inputs String COMMENT 'JSON document of the inputs that decided',
    limit_value Float64 COMMENT 'Configured limit the rule compared against',
    observed_value Float64 COMMENT 'Observed value at decision time',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (account, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Risk check decisions'
