-- The recording and transcript views read the ingest entry table (cti_events_in, 0016)
-- instead of cti_events. A view of cti_events runs after the raw part has committed, so
-- every such view widens the window in which a crash leaves raw events stored whose
-- derived rows are not (docs/architecture.md, "A known gap, under a crash"); the five
-- views 0019 and 0021 added there made the kill -9 test lose KPI rows. Beside cti_events'
-- own entry view they no longer stand between the raw part and the KPI tables' parts.
-- Everything ingested comes through cti_events_in (the pipeline, Kafka worker, queue_log
-- import, uploads); the rows these views wrote before stay.
DROP VIEW IF EXISTS mv_recordings_started;
DROP VIEW IF EXISTS mv_recordings_stopped;
DROP VIEW IF EXISTS mv_recordings_by_call;
DROP VIEW IF EXISTS mv_transcript_segments;
DROP VIEW IF EXISTS mv_transcript_redactions;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_started TO recordings AS
SELECT tenantId AS tenant_id, JSONExtractString(data, 'recordingId') AS recording_id,
    callId AS call_id, legId AS leg_id, queueId AS queue_id, agentId AS agent_id, source,
    JSONExtractString(data, 'uri') AS uri,
    JSONExtractString(data, 'format') AS format,
    fromUnixTimestamp64Milli(time, 'UTC') AS started_at
FROM cti_events_in WHERE type = 'recording.started';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_stopped TO recordings AS
SELECT tenantId AS tenant_id, JSONExtractString(data, 'recordingId') AS recording_id,
    callId AS call_id, legId AS leg_id, queueId AS queue_id, agentId AS agent_id,
    fromUnixTimestamp64Milli(time, 'UTC') AS stopped_at,
    toUInt32(JSONExtractUInt(data, 'durationMs')) AS duration_ms
FROM cti_events_in WHERE type = 'recording.stopped';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_by_call TO recordings_by_call AS
SELECT tenantId AS tenant_id, callId AS call_id, JSONExtractString(data, 'recordingId') AS recording_id,
    fromUnixTimestamp64Milli(time, 'UTC') AS started_at
FROM cti_events_in WHERE type = 'recording.started';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_segments TO transcript_segments AS
SELECT tenantId AS tenant_id, callId AS call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    fromUnixTimestamp64Milli(time, 'UTC') AS at, source, queueId AS queue_id, agentId AS agent_id,
    JSONExtractString(data, 'speaker') AS speaker,
    toUInt8(JSONExtractUInt(data, 'channel')) AS channel,
    toUInt32(JSONExtractUInt(data, 'startMs')) AS start_ms,
    toUInt32(JSONExtractUInt(data, 'endMs')) AS end_ms,
    JSONExtractString(data, 'text') AS text,
    toFloat32(JSONExtractFloat(data, 'confidence')) AS confidence,
    arrayMap(w -> JSONExtractString(w, 't'), JSONExtractArrayRaw(data, 'words')) AS words,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 's')), JSONExtractArrayRaw(data, 'words')) AS word_starts,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 'e')), JSONExtractArrayRaw(data, 'words')) AS word_ends
FROM cti_events_in WHERE type = 'transcript.segment';

-- A span's audio runs from its first word's start to its last word's end (word `to` is exclusive).
-- A segment without words masks its text only; its whole time range is then the span.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_redactions TO transcript_redactions AS
SELECT tenantId AS tenant_id, callId AS call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    toUInt8(JSONExtractUInt(data, 'channel')) AS channel,
    arrayMap(r -> JSONExtractString(r, 'kind'), JSONExtractArrayRaw(data, 'redactions')) AS kinds,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'startMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'from') + 1], 's'))),
        JSONExtractArrayRaw(data, 'redactions')) AS starts_ms,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'endMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'to')], 'e'))),
        JSONExtractArrayRaw(data, 'redactions')) AS ends_ms
FROM cti_events_in WHERE type = 'transcript.segment' AND length(JSONExtractArrayRaw(data, 'redactions')) > 0;
