-- Edited records (queue KPI settings, wallboard thresholds; later QA forms, scores and
-- monitoring settings): every saved version of a record is claimed here, and the claim
-- is the record's source of truth. Writers of version N insert their claim with the
-- same insert_deduplication_token (tenant, kind, record, N); the deduplication window
-- makes ClickHouse keep only the first, so reading the claim back tells each writer
-- whether it won (lib/records/claim-version.ts). claimed_at is set by ClickHouse, not
-- by the writer: should a duplicate ever slip past the window, the first claim by the
-- server's clock still wins. The kind's own table (queues, wallboard_thresholds) is a
-- projection of the latest claim, re-applied when it lags (the winner died in between).
CREATE TABLE IF NOT EXISTS record_versions
(
    tenant_id  LowCardinality(String),
    kind       LowCardinality(String),
    record_id  String,
    version    UInt32,
    edit_id    UUID,
    claimed_at DateTime64(6, 'UTC') DEFAULT now64(6),
    at         DateTime64(3, 'UTC'),
    actor_id   String,
    actor_name String,
    actor_role LowCardinality(String),
    before     String,
    state      String
)
ENGINE = MergeTree
ORDER BY (tenant_id, kind, record_id, version)
SETTINGS non_replicated_deduplication_window = 10000;

-- The thresholds row gets a version counter like the queues row's definition_version;
-- rows saved before it read as version 1 (a queue without its own row is version 0).
ALTER TABLE wallboard_thresholds ADD COLUMN IF NOT EXISTS version UInt32 DEFAULT 1;

-- An edit's audit row may be written twice (by its writer and by a repair racing it),
-- with the same id and token each time: the window drops the repeat.
ALTER TABLE audit_log MODIFY SETTING non_replicated_deduplication_window = 10000;
