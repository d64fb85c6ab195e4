-- The pipeline's way into cti_events. Its columns carry the event's own JSON field
-- names, so the pipeline can hand the store each accepted message's bytes as they
-- arrived (JSONEachRow) instead of building a row object per event and having the
-- client serialise it again; on embedded chDB the bytes go to the engine's parallel
-- parser without a copy (lib/store/json-lines-insert.ts). The Null engine keeps
-- nothing: the view below renames the fields into cti_events, whose own views fire
-- as before. A retried batch carries the same insert_deduplication_token, which the
-- view's insert into cti_events inherits (deduplicate_blocks_in_dependent_materialized_views),
-- so a repeat is still dropped whole. Direct inserts into cti_events keep working.
-- `time` is Int64 epoch ms here so a number the validator accepted can only be read
-- one way (a float or exponent form fails the insert, and the pipeline re-encodes).
CREATE TABLE IF NOT EXISTS cti_events_in
(
    tenantId    String,
    id          UUID,
    type        String,
    specVersion String,
    source      String,
    time        Int64,
    callId      String,
    agentId     String,
    queueId     String,
    legId       String,
    data        String,
    raw         String DEFAULT '{}'
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS cti_events_in_mv TO cti_events AS
SELECT
    tenantId AS tenant_id,
    id AS event_id,
    type,
    specVersion AS spec_version,
    source,
    fromUnixTimestamp64Milli(time, 'UTC') AS time,
    callId AS call_id,
    agentId AS agent_id,
    queueId AS queue_id,
    legId AS leg_id,
    data,
    raw
FROM cti_events_in;
