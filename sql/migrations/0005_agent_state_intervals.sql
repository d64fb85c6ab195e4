-- Agent state intervals [start_at, end_at). Each agent state event names the state
-- it ends (data.previous), so one event yields one whole interval. A repeat of the
-- event has the same sorting key and collapses.
CREATE TABLE IF NOT EXISTS agent_state_intervals
(
    tenant_id   LowCardinality(String),
    agent_id    String,
    start_at    DateTime64(3, 'UTC'),
    end_at      DateTime64(3, 'UTC'),
    state       LowCardinality(String),
    reason_code LowCardinality(String),
    call_id     String,
    leg_id      String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(start_at)
ORDER BY (tenant_id, agent_id, start_at, state);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_state_intervals TO agent_state_intervals AS
SELECT
    tenant_id, agent_id,
    fromUnixTimestamp64Milli(toInt64(JSONExtractUInt(data, 'previous', 'since')), 'UTC') AS start_at,
    time AS end_at,
    JSONExtractString(data, 'previous', 'state') AS state,
    JSONExtractString(data, 'previous', 'reasonCode') AS reason_code,
    JSONExtractString(data, 'previous', 'callId') AS call_id,
    JSONExtractString(data, 'previous', 'legId') AS leg_id
FROM cti_events
WHERE type LIKE 'agent.%' AND JSONHas(data, 'previous');
