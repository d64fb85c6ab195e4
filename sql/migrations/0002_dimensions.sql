-- Queues and agents as configured (by the simulator, an adapter or an admin).
-- KPI definitions live on the queue row and are applied at query time, so a change
-- re-evaluates history; `definition_version` is bumped on each change and shown
-- beside every number computed with it.
CREATE TABLE IF NOT EXISTS queues
(
    tenant_id          LowCardinality(String),
    queue_id           String,
    name               String,
    sl_threshold_s     UInt32 DEFAULT 20,
    sl_variant         LowCardinality(String) DEFAULT 'answered_within_over_answered',
    short_abandon_s    UInt32 DEFAULT 5,
    definition_version UInt32 DEFAULT 1,
    updated_at         DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, queue_id);

CREATE TABLE IF NOT EXISTS agents
(
    tenant_id  LowCardinality(String),
    agent_id   String,
    name       String,
    team_id    LowCardinality(String),
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, agent_id);
