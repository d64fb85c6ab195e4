-- Rings an agent let pass (call.diverted with reason ring_no_answer), one row per event,
-- sorted by time. The agents table counts them in an agent's offers (issue 13); read from
-- cti_events, every period scanned all its events and their JSON for the few that are
-- such rings (with one answered call in ten ringing past an agent first, 34 to 72 ms of
-- the agents page at 7 and 31 days and half a second for a year: npm run bench:queries).
-- The same key as cti_events, so a repeated event is one row after a merge and in a
-- FINAL read before it; the deduplication window drops a redelivered block's part here
-- as in every other table an ingest insert reaches (docs/architecture.md, "After a crash").
CREATE TABLE IF NOT EXISTS agent_rings
(
    tenant_id LowCardinality(String),
    time      DateTime64(3, 'UTC'),
    event_id  UUID,
    agent_id  LowCardinality(String),
    queue_id  LowCardinality(String),
    ring_ms   UInt32
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (tenant_id, time, event_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_agent_rings TO agent_rings AS
SELECT tenant_id, time, event_id, agent_id, queue_id, toUInt32(JSONExtractUInt(data, 'ringMs')) AS ring_ms
FROM cti_events
WHERE type = 'call.diverted' AND agent_id != '' AND JSONExtractString(data, 'reason') = 'ring_no_answer';

-- History. Migrations run before any ingest starts, so nothing reaches both the view and
-- this copy; a run again after a failure half-way copies again, and the key collapses it.
INSERT INTO agent_rings (tenant_id, time, event_id, agent_id, queue_id, ring_ms)
SELECT tenant_id, time, event_id, agent_id, queue_id, toUInt32(JSONExtractUInt(data, 'ringMs'))
FROM cti_events
WHERE type = 'call.diverted' AND agent_id != '' AND JSONExtractString(data, 'reason') = 'ring_no_answer';
