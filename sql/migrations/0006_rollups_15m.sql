-- 15-minute rollups for long-range volume and handle-time charts. Queue figures are
-- attributed to the interval in which the caller entered the queue; agent figures to
-- the interval in which the agent's leg cleared (or ACW ended).
-- Sums here are exact because the ingest pipeline drops events already stored before
-- inserting (see docs/architecture.md, "exactly once"); KPIs that must honour
-- per-queue thresholds retroactively are computed from `contacts` instead.
CREATE TABLE IF NOT EXISTS queue_rollup_15m
(
    tenant_id        LowCardinality(String),
    queue_id         String,
    bucket           DateTime('UTC'),
    offered          SimpleAggregateFunction(sum, UInt64),
    answered         SimpleAggregateFunction(sum, UInt64),
    abandoned        SimpleAggregateFunction(sum, UInt64),
    timed_out        SimpleAggregateFunction(sum, UInt64),
    wait_ms_sum      SimpleAggregateFunction(sum, UInt64),
    answered_wait_ms SimpleAggregateFunction(sum, UInt64),
    wait_ms_max      SimpleAggregateFunction(max, UInt32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (tenant_id, queue_id, bucket);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_queue_rollup_15m TO queue_rollup_15m AS
SELECT
    tenant_id, queue_id,
    toStartOfFifteenMinutes(time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs'))) AS bucket,
    toUInt64(1) AS offered,
    toUInt64(JSONExtractString(data, 'reason') = 'answered') AS answered,
    toUInt64(JSONExtractString(data, 'reason') = 'abandon') AS abandoned,
    toUInt64(JSONExtractString(data, 'reason') = 'timeout') AS timed_out,
    JSONExtractUInt(data, 'waitMs') AS wait_ms_sum,
    if(JSONExtractString(data, 'reason') = 'answered', JSONExtractUInt(data, 'waitMs'), 0) AS answered_wait_ms,
    toUInt32(JSONExtractUInt(data, 'waitMs')) AS wait_ms_max
FROM cti_events
WHERE type = 'call.queue_exited';

CREATE TABLE IF NOT EXISTS agent_rollup_15m
(
    tenant_id   LowCardinality(String),
    agent_id    String,
    queue_id    String,
    bucket      DateTime('UTC'),
    handled     SimpleAggregateFunction(sum, UInt64),
    talk_ms     SimpleAggregateFunction(sum, UInt64),
    hold_ms     SimpleAggregateFunction(sum, UInt64),
    acw_ms      SimpleAggregateFunction(sum, UInt64),
    transferred SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (tenant_id, agent_id, queue_id, bucket);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_rollup_15m_cleared TO agent_rollup_15m AS
SELECT
    tenant_id, agent_id, queue_id,
    toStartOfFifteenMinutes(time) AS bucket,
    toUInt64(1) AS handled,
    JSONExtractUInt(data, 'talkMs') AS talk_ms,
    JSONExtractUInt(data, 'holdMs') AS hold_ms,
    toUInt64(0) AS acw_ms,
    toUInt64(JSONExtractBool(data, 'transferred')) AS transferred
FROM cti_events
WHERE type = 'call.connection_cleared';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_rollup_15m_acw TO agent_rollup_15m AS
SELECT
    tenant_id, agent_id, '' AS queue_id,
    toStartOfFifteenMinutes(time) AS bucket,
    toUInt64(0) AS handled, toUInt64(0) AS talk_ms, toUInt64(0) AS hold_ms,
    toUInt64(greatest(0, toUnixTimestamp64Milli(time) - toInt64(JSONExtractUInt(data, 'previous', 'since')))) AS acw_ms,
    toUInt64(0) AS transferred
FROM cti_events
WHERE type LIKE 'agent.%' AND JSONExtractString(data, 'previous', 'state') = 'after_call_work';
