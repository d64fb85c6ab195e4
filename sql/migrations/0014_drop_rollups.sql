-- The 15-minute rollups of 0006 were written on every insert and read by no query:
-- every KPI comes from contact_segments (0011), which a repeated event cannot
-- change, whereas a sum fed by the events would count a repeat that slipped past
-- the pipeline's checks twice. The views go first, so that no insert can reach a
-- view whose target table is already gone.
DROP VIEW IF EXISTS mv_queue_rollup_15m;
DROP VIEW IF EXISTS mv_agent_rollup_15m_cleared;
DROP VIEW IF EXISTS mv_agent_rollup_15m_acw;
DROP TABLE IF EXISTS queue_rollup_15m;
DROP TABLE IF EXISTS agent_rollup_15m;
