-- Recordings and transcript segments: defined now, filled by the recording issue.
CREATE TABLE IF NOT EXISTS recordings
(
    tenant_id    LowCardinality(String),
    recording_id String,
    call_id      String,
    leg_id       String,
    agent_id     String,
    started_at   DateTime64(3, 'UTC'),
    stopped_at   Nullable(DateTime64(3, 'UTC')),
    duration_ms  UInt32,
    uri          String,
    format       LowCardinality(String),
    updated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, recording_id);

CREATE TABLE IF NOT EXISTS transcript_segments
(
    tenant_id     LowCardinality(String),
    call_id       String,
    recording_id  String,
    segment_index UInt32,
    speaker       LowCardinality(String),
    start_ms      UInt32,
    end_ms        UInt32,
    text          String,
    confidence    Float32
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, call_id, segment_index);
