-- Transcription of real recordings and redaction (issue 10, lib/speech and lib/redaction).
--
--  transcription_jobs    the speech queue: one row per state change of a recording's job,
--                        the latest (by updated_at) winning; read with FINAL.
--  transcript_originals  segments as they were before redaction masked them, written only
--                        when the redaction settings keep originals; admins only.
--  transcript_redactions the masked spans of each segment with their audio times, from the
--                        segment events' `redactions` field: what silencing the audio reads.
--  redaction_settings    the projection of the redaction settings record (lib/records).
CREATE TABLE IF NOT EXISTS transcription_jobs
(
    tenant_id       LowCardinality(String),
    recording_id    String,
    call_id         String,
    audio_path      String,
    channel_roles   Array(LowCardinality(String)),
    state           LowCardinality(String),
    attempts        UInt8,
    progress        Float32,
    error           String,
    segments        UInt32,
    enqueued_at     DateTime64(3, 'UTC'),
    next_attempt_at DateTime64(3, 'UTC'),
    updated_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, recording_id);

CREATE TABLE IF NOT EXISTS transcript_originals
(
    tenant_id     LowCardinality(String),
    event_id      String,
    call_id       String,
    recording_id  String,
    segment_index UInt32,
    at            DateTime64(3, 'UTC'),
    text          String,
    words         Array(String),
    redactions    String,
    kept_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, call_id, recording_id, segment_index, event_id);

CREATE TABLE IF NOT EXISTS transcript_redactions
(
    tenant_id     LowCardinality(String),
    call_id       String,
    recording_id  String,
    segment_index UInt32,
    channel       UInt8,
    kinds         Array(LowCardinality(String)),
    starts_ms     Array(UInt32),
    ends_ms       Array(UInt32)
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, recording_id, segment_index);

-- A span's audio runs from its first word's start to its last word's end (word `to` is exclusive).
-- A segment without words masks its text only; its whole time range is then the span.
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_redactions TO transcript_redactions AS
SELECT tenant_id, call_id,
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
FROM cti_events
WHERE type = 'transcript.segment' AND length(JSONExtractArrayRaw(data, 'redactions')) > 0;

CREATE TABLE IF NOT EXISTS redaction_settings
(
    tenant_id      LowCardinality(String),
    version        UInt32,
    card_number    UInt8,
    security_code  UInt8,
    expiry         UInt8,
    keep_original  UInt8,
    updated_by     String,
    updated_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;
