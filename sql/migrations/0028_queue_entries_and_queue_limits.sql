-- Issue 12: callers who entered a queue are offered from the moment they enter,
-- and two per-queue settings the KPIs need at the edges.

-- Whether a wait exactly at the short-abandon threshold is short ('below': wait < T;
-- 'at_or_below': wait <= T). Asterisk logs whole seconds, so a 5 s wait against 5 s is
-- common. The longest a caller can wait in the queue (Asterisk's Queue() timeout, which
-- queue_log does not carry); 0 = not known, the product default applies (QUEUE_DEFAULTS).
-- A caller with no outcome after it is shown as lost rather than in progress.
ALTER TABLE queues ADD COLUMN IF NOT EXISTS short_abandon_rule LowCardinality(String) DEFAULT 'below';
ALTER TABLE queues ADD COLUMN IF NOT EXISTS max_wait_s UInt32 DEFAULT 0;

-- A segment's rows are filed under its queue-entry time. The queue exit and the
-- answer now take it from data.queuedAt when the producer gives it (the queue_log
-- importer gives the ENTERQUEUE time, which Asterisk's logged hold time does not
-- always match), else time - waitMs as before. Recreating a view loses nothing here:
-- migrations run before any ingest starts.
DROP VIEW IF EXISTS mv_segments_queue_exit;
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_queue_exit TO contact_segments AS
SELECT
    tenant_id,
    if(JSONHas(data, 'queuedAt'),
       fromUnixTimestamp64Milli(toInt64(JSONExtractUInt(data, 'queuedAt')), 'UTC'),
       time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs'))) AS queued_at,
    leg_id, call_id, queue_id,
    if(JSONExtractString(data, 'reason') = 'answered', agent_id, '') AS agent_id,
    time AS exited_at,
    JSONExtractString(data, 'reason') AS outcome,
    toUInt32(JSONExtractUInt(data, 'waitMs')) AS wait_ms
FROM cti_events
WHERE type = 'call.queue_exited';

DROP VIEW IF EXISTS mv_segments_established;
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_established TO contact_segments AS
SELECT
    tenant_id,
    if(JSONHas(data, 'queuedAt'),
       fromUnixTimestamp64Milli(toInt64(JSONExtractUInt(data, 'queuedAt')), 'UTC'),
       time - toIntervalMillisecond(JSONExtractUInt(data, 'waitMs'))) AS queued_at,
    leg_id, call_id, queue_id, agent_id,
    time AS answered_at,
    toUInt32(JSONExtractUInt(data, 'ringMs')) AS ring_ms
FROM cti_events
WHERE type = 'call.established';

-- The queue entry itself: a row with no outcome, which the exit's row completes
-- (same key). Until then the caller is offered and in progress (or lost, after the
-- queue's longest possible wait).
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_segments_queued TO contact_segments AS
SELECT tenant_id, time AS queued_at, leg_id, call_id, queue_id
FROM cti_events
WHERE type = 'call.queued';

-- History: entries whose leg has no segment yet (its exit was never stored). Legs
-- that have one are left alone, so an entry time that differs from an old exit's
-- time - waitMs cannot add a second row for the same leg.
INSERT INTO contact_segments (tenant_id, queued_at, leg_id, call_id, queue_id)
SELECT tenant_id, time, leg_id, call_id, queue_id
FROM cti_events
WHERE type = 'call.queued'
  AND (tenant_id, leg_id) NOT IN (SELECT tenant_id, leg_id FROM contact_segments);
