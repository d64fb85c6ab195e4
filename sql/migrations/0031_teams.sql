-- Team names. Teams were only ids on agent rows (agents.team_id); people read names.
-- Rows come from the platform's directory (the simulator's config teams, an adapter's
-- roster), written by ingest like queues and agents; the latest row per team wins.
-- A team with no row here is shown by its id.
CREATE TABLE IF NOT EXISTS teams
(
    tenant_id  LowCardinality(String),
    team_id    String,
    name       String,
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (tenant_id, team_id);
