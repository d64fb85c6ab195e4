-- One row per contact segment: one call's pass through one queue (leg_id).
-- Different events fill different columns (queue exit: wait and outcome; answer:
-- agent and ring; agent leg cleared: talk and hold; end of after-call work: ACW).
-- Each materialized view writes a partial row; SimpleAggregateFunction(max, ...)
-- merges them. max is idempotent, so a repeated event can never double a value.
-- Read with GROUP BY leg_id (or FINAL) to see whole segments.
CREATE TABLE IF NOT EXISTS contacts
(
    tenant_id     LowCardinality(String),
    leg_id        String,
    call_id       SimpleAggregateFunction(max, String),
    queue_id      SimpleAggregateFunction(max, String),
    agent_id      SimpleAggregateFunction(max, String),
    queued_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    exited_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    outcome       SimpleAggregateFunction(max, String),
    wait_ms       SimpleAggregateFunction(max, UInt32),
    answered_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    ring_ms       SimpleAggregateFunction(max, UInt32),
    cleared_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    talk_ms       SimpleAggregateFunction(max, UInt32),
    hold_ms       SimpleAggregateFunction(max, UInt32),
    hold_count    SimpleAggregateFunction(max, UInt16),
    released_by   SimpleAggregateFunction(max, String),
    transferred   SimpleAggregateFunction(max, UInt8),
    acw_ms        SimpleAggregateFunction(max, UInt32),
    INDEX idx_queued_at queued_at TYPE minmax GRANULARITY 4
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, leg_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_contacts_queue_exit TO contacts AS
SELECT
    tenant_id, leg_id, call_id, queue_id,
    if(JSONExtractString(data, 'reason') = 'answered', agent_id, '') AS agent_id,
    time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs')) AS queued_at,
    time AS exited_at,
    JSONExtractString(data, 'reason') AS outcome,
    toUInt32(JSONExtractUInt(data, 'waitMs')) AS wait_ms
FROM cti_events
WHERE type = 'call.queue_exited';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_contacts_established TO contacts AS
SELECT
    tenant_id, leg_id, call_id, queue_id, agent_id,
    time AS answered_at,
    toUInt32(JSONExtractUInt(data, 'ringMs')) AS ring_ms
FROM cti_events
WHERE type = 'call.established';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_contacts_cleared TO contacts AS
SELECT
    tenant_id, leg_id, call_id, queue_id, agent_id,
    time AS cleared_at,
    toUInt32(JSONExtractUInt(data, 'talkMs')) AS talk_ms,
    toUInt32(JSONExtractUInt(data, 'holdMs')) AS hold_ms,
    toUInt16(JSONExtractUInt(data, 'holdCount')) AS hold_count,
    JSONExtractString(data, 'releasedBy') AS released_by,
    toUInt8(JSONExtractBool(data, 'transferred')) AS transferred
FROM cti_events
WHERE type = 'call.connection_cleared';

-- After-call work ends with the agent's next state event, which names the state it
-- leaves (data.previous), so the ACW time is known from that one event.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_contacts_acw TO contacts AS
SELECT
    tenant_id,
    JSONExtractString(data, 'previous', 'legId') AS leg_id,
    JSONExtractString(data, 'previous', 'callId') AS call_id,
    agent_id,
    toUInt32(greatest(0, toUnixTimestamp64Milli(time) - toInt64(JSONExtractUInt(data, 'previous', 'since')))) AS acw_ms
FROM cti_events
WHERE type LIKE 'agent.%'
  AND JSONExtractString(data, 'previous', 'state') = 'after_call_work'
  AND JSONExtractString(data, 'previous', 'legId') != '';
