-- Raw CTI events exactly as accepted. The event id is the idempotency key:
-- a repeat of the same event has the same (tenant_id, time, event_id) sorting key,
-- so ReplacingMergeTree collapses it; readers that must never see a repeat use FINAL
-- or GROUP BY event_id. The deduplication window lets a retried batch, sent again
-- with the same insert_deduplication_token, be dropped whole, including its effect
-- on the materialized views below.
CREATE TABLE IF NOT EXISTS cti_events
(
    tenant_id    LowCardinality(String),
    event_id     UUID,
    type         LowCardinality(String),
    spec_version LowCardinality(String),
    source       LowCardinality(String),
    time         DateTime64(3, 'UTC'),
    call_id      String,
    agent_id     LowCardinality(String),
    queue_id     LowCardinality(String),
    leg_id       String,
    data         String,
    raw          String,
    ingested_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (tenant_id, time, event_id)
SETTINGS non_replicated_deduplication_window = 10000;
