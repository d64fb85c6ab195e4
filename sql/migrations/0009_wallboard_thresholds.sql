-- Wallboard colour thresholds per queue, set by admins; queue_id '*' is the tenant's
-- default for queues without their own row. The latest row per (tenant, queue)
-- wins (ReplacingMergeTree on updated_at); readers use FINAL. Each change is also
-- written to audit_log.
CREATE TABLE IF NOT EXISTS wallboard_thresholds
(
    tenant_id        LowCardinality(String),
    queue_id         String,
    wait_warning_s   UInt32,
    wait_critical_s  UInt32,
    waiting_warning  UInt32,
    waiting_critical UInt32,
    sl_warning_pct   Float64,
    sl_critical_pct  Float64,
    updated_by       String,
    updated_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, queue_id);
