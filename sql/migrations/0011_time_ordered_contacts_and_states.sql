-- Time-ordered read path. Every dashboard question is "what happened in this period",
-- but `contacts` (0003) was sorted by leg id and `agent_state_intervals` (0005) by
-- agent, so any period read the whole history (a year of a 500-agent centre took
-- 1-2 s for 31 days, 13-32 s for a year). Both are replaced by tables sorted by time.
-- Every statement here can run again after a failure half-way (the backfills merge
-- idempotently); the old tables are dropped only in 0013, once this has completed.

-- One row per contact segment (leg), sorted by the time it entered the queue: the
-- time a contact is reported under (CONVENTIONS.period). Every event that fills part
-- of a segment knows that time (queue exit and answer: time - waitMs; the agent leg
-- clearing and the end of after-call work: data.queuedAt), so all partial rows of a
-- segment share one key and merge with max(), which stays idempotent: a repeated
-- event can never double a value. Read with FINAL (or GROUP BY queued_at, leg_id).
CREATE TABLE IF NOT EXISTS contact_segments
(
    tenant_id     LowCardinality(String),
    queued_at     DateTime64(3, 'UTC'),
    leg_id        String,
    call_id       SimpleAggregateFunction(max, String),
    queue_id      SimpleAggregateFunction(max, LowCardinality(String)),
    agent_id      SimpleAggregateFunction(max, LowCardinality(String)),
    exited_at     SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    outcome       SimpleAggregateFunction(max, LowCardinality(String)),
    wait_ms       SimpleAggregateFunction(max, UInt32),
    answered_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    ring_ms       SimpleAggregateFunction(max, UInt32),
    cleared_at    SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    talk_ms       SimpleAggregateFunction(max, UInt32),
    hold_ms       SimpleAggregateFunction(max, UInt32),
    hold_count    SimpleAggregateFunction(max, UInt16),
    released_by   SimpleAggregateFunction(max, LowCardinality(String)),
    transferred   SimpleAggregateFunction(max, UInt8),
    acw_ms        SimpleAggregateFunction(max, UInt32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(queued_at)
ORDER BY (tenant_id, queued_at, leg_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_queue_exit TO contact_segments AS
SELECT
    tenant_id,
    time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs')) AS queued_at,
    leg_id, call_id, queue_id,
    if(JSONExtractString(data, 'reason') = 'answered', agent_id, '') AS agent_id,
    time AS exited_at,
    JSONExtractString(data, 'reason') AS outcome,
    toUInt32(JSONExtractUInt(data, 'waitMs')) AS wait_ms
FROM cti_events
WHERE type = 'call.queue_exited';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_established TO contact_segments AS
SELECT
    tenant_id,
    time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs')) AS queued_at,
    leg_id, call_id, queue_id, agent_id,
    time AS answered_at,
    toUInt32(JSONExtractUInt(data, 'ringMs')) AS ring_ms
FROM cti_events
WHERE type = 'call.established';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_cleared TO contact_segments AS
SELECT
    tenant_id,
    fromUnixTimestamp64Milli(toInt64(JSONExtractUInt(data, 'queuedAt')), 'UTC') AS queued_at,
    leg_id, call_id, queue_id, agent_id,
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
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_acw TO contact_segments AS
SELECT
    tenant_id,
    fromUnixTimestamp64Milli(toInt64(JSONExtractUInt(data, 'previous', 'queuedAt')), 'UTC') AS queued_at,
    JSONExtractString(data, 'previous', 'legId') AS leg_id,
    JSONExtractString(data, 'previous', 'callId') AS call_id,
    agent_id,
    toUInt32(greatest(0, toUnixTimestamp64Milli(time) - toInt64(JSONExtractUInt(data, 'previous', 'since')))) AS acw_ms
FROM cti_events
WHERE type LIKE 'agent.%'
  AND JSONExtractString(data, 'previous', 'state') = 'after_call_work'
  AND JSONExtractString(data, 'previous', 'legId') != '';

-- Existing segments move over whole (merged by leg). A segment whose queue exit had
-- not been stored yet has no queue-entry time to be filed under and is left behind.
INSERT INTO contact_segments
SELECT
    tenant_id, max(queued_at) AS entered, leg_id,
    max(call_id), max(queue_id), max(agent_id), max(exited_at), max(outcome), max(wait_ms),
    max(answered_at), max(ring_ms), max(cleared_at), max(talk_ms), max(hold_ms), max(hold_count),
    max(released_by), max(transferred), max(acw_ms)
FROM contacts
GROUP BY tenant_id, leg_id
HAVING toUnixTimestamp64Milli(entered) > 0;

-- Agent state time in pieces of at most one UTC day, sorted by piece start. Cutting
-- at UTC midnight bounds how far before a period a piece overlapping it can start
-- (one day), so a period reads only its own days plus one. `interval_start` keeps
-- the whole interval's start so a timeline can join the pieces up again. A repeated
-- event yields the same pieces, which collapse (ReplacingMergeTree; queries use FINAL).
-- `inserted_at` and the projection tell when each day last received a piece; being in
-- the same part as the piece, that stamp is stored exactly when the piece is (the
-- daily state totals of 0012 rely on it). 'rebuild' keeps the projection right when
-- replacing merges drop rows.
CREATE TABLE IF NOT EXISTS agent_state_pieces
(
    tenant_id      LowCardinality(String),
    start_at       DateTime64(3, 'UTC'),
    agent_id       LowCardinality(String),
    state          LowCardinality(String),
    end_at         DateTime64(3, 'UTC'),
    interval_start DateTime64(3, 'UTC'),
    reason_code    LowCardinality(String),
    call_id        String,
    leg_id         String,
    inserted_at    DateTime64(3, 'UTC') DEFAULT now64(3),
    PROJECTION days_touched
    (
        SELECT tenant_id, toDate(start_at), max(inserted_at)
        GROUP BY tenant_id, toDate(start_at)
    )
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(start_at)
ORDER BY (tenant_id, start_at, agent_id, state)
SETTINGS non_replicated_deduplication_window = 10000, deduplicate_merge_projection_mode = 'rebuild';

-- An interval [s, e) yields one piece per UTC day it touches; one that ends before it
-- starts (bad platform data) stays one piece, which queries clip to zero. At most
-- 400 pieces, the last ones: a `since` years in the past is a platform bug and must
-- not turn one event into thousands of rows.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_state_pieces TO agent_state_pieces AS
SELECT
    tenant_id,
    fromUnixTimestamp64Milli(greatest(s_ms, (first_day + d) * 86400000), 'UTC') AS start_at,
    agent_id, state,
    fromUnixTimestamp64Milli(if(e_ms > s_ms, least(e_ms, (first_day + d + 1) * 86400000), e_ms), 'UTC') AS end_at,
    fromUnixTimestamp64Milli(s_ms, 'UTC') AS interval_start,
    reason_code, call_id, leg_id
FROM
(
    SELECT
        tenant_id, agent_id,
        toInt64(JSONExtractUInt(data, 'previous', 'since')) AS s_ms,
        toUnixTimestamp64Milli(time) AS e_ms,
        JSONExtractString(data, 'previous', 'state') AS state,
        JSONExtractString(data, 'previous', 'reasonCode') AS reason_code,
        JSONExtractString(data, 'previous', 'callId') AS call_id,
        JSONExtractString(data, 'previous', 'legId') AS leg_id,
        if(e_ms > s_ms, intDiv(e_ms - 1, 86400000), intDiv(s_ms, 86400000)) AS last_day,
        greatest(intDiv(s_ms, 86400000), last_day - 399) AS first_day,
        arrayJoin(range(toUInt64(last_day - first_day + 1))) AS d
    FROM cti_events
    WHERE type LIKE 'agent.%' AND JSONHas(data, 'previous')
);

INSERT INTO agent_state_pieces (tenant_id, start_at, agent_id, state, end_at, interval_start, reason_code, call_id, leg_id)
SELECT
    tenant_id,
    fromUnixTimestamp64Milli(greatest(s_ms, (first_day + d) * 86400000), 'UTC') AS start_at,
    agent_id, state,
    fromUnixTimestamp64Milli(if(e_ms > s_ms, least(e_ms, (first_day + d + 1) * 86400000), e_ms), 'UTC') AS end_at,
    fromUnixTimestamp64Milli(s_ms, 'UTC') AS interval_start,
    reason_code, call_id, leg_id
FROM
(
    SELECT
        tenant_id, agent_id, state, reason_code, call_id, leg_id,
        toUnixTimestamp64Milli(start_at) AS s_ms,
        toUnixTimestamp64Milli(end_at) AS e_ms,
        if(e_ms > s_ms, intDiv(e_ms - 1, 86400000), intDiv(s_ms, 86400000)) AS last_day,
        greatest(intDiv(s_ms, 86400000), last_day - 399) AS first_day,
        arrayJoin(range(toUInt64(last_day - first_day + 1))) AS d
    FROM agent_state_intervals FINAL
);
