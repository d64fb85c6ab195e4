-- How long each queue keeps recording audio (issue 10). One row per queue and
-- version, written by lib/recordings/retention as the projection of an edited
-- record (record_versions holds every version; audit_log each change). No row, or
-- days = 0: audio is kept. The retention job deletes audio and peaks older than the
-- queue's days and writes a recording_media version with deleted_at; the
-- recording's metadata, transcript and audit history stay.
CREATE TABLE IF NOT EXISTS recording_retention
(
    tenant_id  LowCardinality(String),
    queue_id   String,
    days       UInt32,
    version    UInt64,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, queue_id);
