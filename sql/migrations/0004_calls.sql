-- One row per call (all its legs): caller, dialled number, start and end.
CREATE TABLE IF NOT EXISTS calls
(
    tenant_id   LowCardinality(String),
    call_id     String,
    caller      SimpleAggregateFunction(max, String),
    dialled     SimpleAggregateFunction(max, String),
    direction   SimpleAggregateFunction(max, String),
    offered_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    ended_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    duration_ms SimpleAggregateFunction(max, UInt32),
    end_cause   SimpleAggregateFunction(max, String)
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, call_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_calls_offered TO calls AS
SELECT tenant_id, call_id,
    JSONExtractString(data, 'from') AS caller,
    JSONExtractString(data, 'to') AS dialled,
    JSONExtractString(data, 'direction') AS direction,
    time AS offered_at
FROM cti_events WHERE type = 'call.offered';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_calls_ended TO calls AS
SELECT tenant_id, call_id,
    time AS ended_at,
    toUInt32(JSONExtractUInt(data, 'durationMs')) AS duration_ms,
    if(type = 'call.failed', JSONExtractString(data, 'cause'), JSONExtractString(data, 'cause')) AS end_cause
FROM cti_events WHERE type IN ('call.cleared', 'call.failed');
