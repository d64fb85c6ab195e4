-- Issue 13 part D: each queue's service-level target, and the wallboard's alert limits.

-- The share of contacts a queue should serve within its threshold T, in percent (the
-- "80" of an 80/20 target). Part of the queue's KPI settings: versioned and audited with
-- them (lib/queue-settings). Dashboards colour service level against it: green at or above,
-- amber within TARGET_AMBER_BAND_PTS below (lib/targets/rag.ts), red further below.
ALTER TABLE queues ADD COLUMN IF NOT EXISTS sl_target_pct Float64 DEFAULT 80;

-- When the wallboard raises an alert (lib/live/alerts.ts): an agent in not-ready or
-- after-call work, or a caller waiting, for at least so many seconds (0 = never), and
-- whether a queue below its service-level target is one. One row per tenant; an
-- edited record (lib/records): the highest version wins, each change is audited.
CREATE TABLE IF NOT EXISTS wallboard_alert_settings
(
    tenant_id            LowCardinality(String),
    not_ready_max_s      UInt32,
    after_call_work_max_s UInt32,
    waiting_max_s        UInt32,
    target_breach        UInt8,
    version              UInt64,
    updated_by           String,
    updated_at           DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;
