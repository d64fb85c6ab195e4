-- Recordings and transcripts (issue 10). 0007 defined placeholder tables that nothing
-- ever filled; they are replaced by three tables with one writer each:
--
--  recordings          what the platform said about a recording (its recording.* events),
--                      merged by max like contact_segments: one row per recording.
--  recording_media     what the product stored for it (audio object, peaks, redaction),
--                      written by lib/recordings when audio is stored, rendered or deleted.
--  transcript_segments one row per transcript.segment event (simulator, platform or the
--                      speech worker), words and their times included.
DROP TABLE IF EXISTS recordings;
DROP TABLE IF EXISTS transcript_segments;

CREATE TABLE IF NOT EXISTS recordings
(
    tenant_id    LowCardinality(String),
    recording_id String,
    call_id      SimpleAggregateFunction(max, String),
    leg_id       SimpleAggregateFunction(max, String),
    queue_id     SimpleAggregateFunction(max, LowCardinality(String)),
    agent_id     SimpleAggregateFunction(max, LowCardinality(String)),
    source       SimpleAggregateFunction(max, LowCardinality(String)),
    uri          SimpleAggregateFunction(max, String),
    format       SimpleAggregateFunction(max, LowCardinality(String)),
    started_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    stopped_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    duration_ms  SimpleAggregateFunction(max, UInt32)
)
ENGINE = AggregatingMergeTree
ORDER BY (tenant_id, recording_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_started TO recordings AS
SELECT tenant_id, JSONExtractString(data, 'recordingId') AS recording_id,
    call_id, leg_id, queue_id, agent_id, source,
    JSONExtractString(data, 'uri') AS uri,
    JSONExtractString(data, 'format') AS format,
    time AS started_at
FROM cti_events WHERE type = 'recording.started';

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_stopped TO recordings AS
SELECT tenant_id, JSONExtractString(data, 'recordingId') AS recording_id,
    call_id, leg_id, queue_id, agent_id,
    time AS stopped_at,
    toUInt32(JSONExtractUInt(data, 'durationMs')) AS duration_ms
FROM cti_events WHERE type = 'recording.stopped';

-- Calls are looked up by id far more often than recordings are listed.
CREATE TABLE IF NOT EXISTS recordings_by_call
(
    tenant_id    LowCardinality(String),
    call_id      String,
    recording_id String,
    started_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, call_id, recording_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_recordings_by_call TO recordings_by_call AS
SELECT tenant_id, call_id, JSONExtractString(data, 'recordingId') AS recording_id, time AS started_at
FROM cti_events WHERE type = 'recording.started';

-- The stored audio. `version` orders rows for one recording (stored, redacted,
-- retention-deleted); read with FINAL or argMax. Storage keys never leave the server.
CREATE TABLE IF NOT EXISTS recording_media
(
    tenant_id      LowCardinality(String),
    recording_id   String,
    version        UInt64,
    call_id        String,
    storage        LowCardinality(String),
    audio_key      String,
    peaks_key      String,
    original_key   String,
    bytes          UInt64,
    duration_ms    UInt32,
    sample_rate    UInt32,
    channels       UInt8,
    channel_roles  Array(LowCardinality(String)),
    redacted_spans UInt32,
    deleted_at     Nullable(DateTime64(3, 'UTC')),
    deleted_reason String,
    stored_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, recording_id);

-- One row per transcript segment. Times inside it (start_ms, end_ms, word times) are
-- relative to the recording's start; `at` is the event's time, which search uses for
-- period filters. Words ride in the event as [{t, s, e}] (text, start, end).
CREATE TABLE IF NOT EXISTS transcript_segments
(
    tenant_id     LowCardinality(String),
    call_id       String,
    recording_id  String,
    segment_index UInt32,
    at            DateTime64(3, 'UTC'),
    source        LowCardinality(String),
    queue_id      LowCardinality(String),
    agent_id      LowCardinality(String),
    speaker       LowCardinality(String),
    channel       UInt8,
    start_ms      UInt32,
    end_ms        UInt32,
    text          String,
    confidence    Float32,
    words         Array(String),
    word_starts   Array(UInt32),
    word_ends     Array(UInt32),
    INDEX text_tokens lower(text) TYPE tokenbf_v1(8192, 3, 0) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, call_id, recording_id, segment_index);

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_segments TO transcript_segments AS
SELECT tenant_id, call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    time AS at, source, queue_id, agent_id,
    JSONExtractString(data, 'speaker') AS speaker,
    toUInt8(JSONExtractUInt(data, 'channel')) AS channel,
    toUInt32(JSONExtractUInt(data, 'startMs')) AS start_ms,
    toUInt32(JSONExtractUInt(data, 'endMs')) AS end_ms,
    JSONExtractString(data, 'text') AS text,
    toFloat32(JSONExtractFloat(data, 'confidence')) AS confidence,
    arrayMap(w -> JSONExtractString(w, 't'), JSONExtractArrayRaw(data, 'words')) AS words,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 's')), JSONExtractArrayRaw(data, 'words')) AS word_starts,
    arrayMap(w -> toUInt32(JSONExtractUInt(w, 'e')), JSONExtractArrayRaw(data, 'words')) AS word_ends
FROM cti_events WHERE type = 'transcript.segment';
