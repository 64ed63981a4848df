-- State transitions of trading guardrails such as kill switches and throttles.
CREATE TABLE IF NOT EXISTS guardrail_transitions
(
    guardrail LowCardinality(String) COMMENT 'Guardrail name',
    ts DateTime64(9, 'UTC') COMMENT 'Time of the state transition, UTC nanoseconds',
    seq UInt64 COMMENT 'Per-source sequence number of the transition',
    scope LowCardinality(String) COMMENT 'Scope the guardrail covers such as firm, account, strategy or symbol',
    from_state Enum8('normal' = 1, 'warning' = 2, 'throttled' = 3, 'halted' = 4) COMMENT 'State before the transition',
    to_state Enum8('normal' = 1, 'warning' = 2, 'throttled' = 3, 'halted' = 4) COMMENT 'State after the transition',
    reason String COMMENT 'Why the transition happened',
    triggered_by LowCardinality(String) COMMENT 'Rule, component or operator that triggered the transition',
    recv_ts DateTime64(9, 'UTC') COMMENT 'When the recorder received the event, UTC nanoseconds',
    version UInt64 COMMENT 'Row version for ReplacingMergeTree, higher wins',
    source LowCardinality(String) COMMENT 'Producing system or feed that emitted the event',
    environment LowCardinality(String) COMMENT 'Deployment environment such as prod, uat or sim'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toDate(ts)
ORDER BY (guardrail, ts, seq)
TTL toDateTime(ts) + INTERVAL 2557 DAY
COMMENT 'Guardrail state transitions'
