-- Per queue, what supervisors may do on its calls (docs/telephony.md, "Monitoring policy"): monitor
-- at all, whisper, barge; whether the agent is told when someone starts listening, and whether a
-- tone tells both parties when a supervisor barges in. A queue without a row has the defaults of
-- lib/monitoring-policy/policy.ts. An edited record (lib/records): this table is the projection of
-- each queue's latest version; the highest version per (tenant, queue) wins. Each change is audited.
CREATE TABLE IF NOT EXISTS queue_monitoring_policy
(
    tenant_id    LowCardinality(String),
    queue_id     String,
    monitoring   UInt8,
    whisper      UInt8,
    barge        UInt8,
    notify_agent UInt8,
    barge_tone   UInt8,
    version      UInt64,
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, queue_id);
